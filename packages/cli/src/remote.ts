import { UsageError } from './data-dir';
import type { Io } from './output';

/** A running deployment's HTTP API, from `--url`/`--token` or `$DOCKET_URL`/`$DOCKET_TOKEN`. */
export interface Remote {
  url: string;
  token: string | undefined;
}

/** The options every remote-capable command takes. */
export const REMOTE_OPTIONS = { url: { type: 'string' }, token: { type: 'string' } } as const;

export const REMOTE_HELP = `  --url <base>  ask a running deployment's HTTP API instead of opening the data directory
                (default $DOCKET_URL); with --token <jwt> (default $DOCKET_TOKEN), an auditor's token
`;

/** A failed remote call: its message goes to stderr as it is, and the command exits 1. */
export class RemoteError extends Error {}

/** The remote, when --url or $DOCKET_URL names one; else undefined (the data directory is used). */
export function remoteOf(values: Record<string, string | boolean | undefined>, io: Io): Remote | undefined {
  const url = typeof values.url === 'string' ? values.url : io.env.DOCKET_URL || undefined;
  const token = typeof values.token === 'string' ? values.token : io.env.DOCKET_TOKEN || undefined;
  if (url === undefined) {
    if (typeof values.token === 'string') throw new UsageError('--token needs --url (or $DOCKET_URL)');
    return undefined;
  }
  if (!/^https?:\/\/[^/]/i.test(url))
    throw new UsageError(`--url must be an http(s) base URL, not ${JSON.stringify(url)}`);
  return { url: url.replace(/\/+$/, ''), token };
}

/**
 * One call of the API: the body text on a 2xx answer. A problem (4xx/5xx) becomes
 * `error: <status> <title>: <detail>`; a URL that does not answer, `error: cannot reach <url>: <cause>`.
 */
export async function callApi(
  remote: Remote,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  accept = 'application/json',
): Promise<string> {
  const headers: Record<string, string> = { accept };
  if (remote.token !== undefined) headers.authorization = `Bearer ${remote.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${remote.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new RemoteError(`error: cannot reach ${remote.url}: ${why}`);
  }
  const text = await response.text();
  if (response.ok) return text;
  let title = response.statusText;
  let detail = text.trim().slice(0, 500);
  try {
    const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
    if (typeof problem.title === 'string') title = problem.title;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    // not JSON: the status text and the body as they came
  }
  throw new RemoteError(`error: ${response.status} ${title}: ${detail}`);
}

/** A JSON answer of the API. */
export async function callApiJson<T>(
  remote: Remote,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const text = await callApi(remote, method, path, body);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new RemoteError(`error: ${remote.url}${path} did not answer JSON`);
  }
}
