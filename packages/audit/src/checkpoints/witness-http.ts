import { CheckpointError } from './errors';
import type { CheckpointWitness } from './witness';

const TIMEOUT_MS = 10_000;

/**
 * A witness that is a web server (another party's, a log service): each checkpoint is POSTed to the URL
 * as `application/json`, the checkpoint exactly as signed; any 2xx means it is kept. A user and password
 * in the URL (`https://docket:secret@witness.example/…`) are sent as HTTP basic authorisation and never
 * shown. A checkpoint may arrive twice (a retry after a lost answer): the server keeps it once.
 */
export function httpWitness(url: string, options: { timeoutMs?: number } = {}): CheckpointWitness {
  const target = new URL(url);
  const authorization =
    target.username === ''
      ? undefined
      : `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
  target.username = '';
  target.password = '';
  const name = target.toString();
  return {
    name,
    async deliver(checkpoint) {
      let response: Response;
      try {
        response = await fetch(name, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(authorization === undefined ? {} : { authorization }),
          },
          body: JSON.stringify(checkpoint),
          signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CheckpointError(
          'WitnessUnreachable',
          `${name} did not answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        );
      }
      const text = (await response.text().catch(() => '')).trim().slice(0, 200);
      if (!response.ok) {
        throw new CheckpointError(
          'WitnessRefused',
          `${name} answered ${response.status}${text === '' ? '' : `: ${text}`}`,
        );
      }
    },
  };
}
