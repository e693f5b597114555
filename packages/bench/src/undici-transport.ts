import type { Transport } from '@docket/e2e';
import { Pool } from 'undici';

/**
 * The benchmark's HTTP client: undici's pool of keep-alive connections (what fetch is built on, without
 * fetch's per-request overhead), so that on 2 cores the load generator takes less of the machine.
 */
export function pooledTransport(
  origin: string,
  connections: number,
): { transport: Transport; close(): Promise<void> } {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const transport: Transport = async (method, url, headers, body) => {
    const { pathname, search } = new URL(url);
    const response = await pool.request({
      path: `${pathname}${search}`,
      method: method as 'GET' | 'POST' | 'PUT',
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.body.text();
    const out = new Headers();
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
    return { status: response.statusCode, headers: out, text };
  };
  return { transport, close: () => pool.close() };
}
