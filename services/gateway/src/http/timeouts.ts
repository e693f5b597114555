import type { FastifyServerOptions } from 'fastify';

/**
 * How long the gateway waits on a client. Without these a request whose body stalls after its headers
 * held its connection for ever (Fastify's default: no request timeout), and enough of them exhaust the
 * server (Slowloris).
 */
export interface HttpTimeouts {
  /** The whole request, headers and body, must have arrived within this (else 408 and the connection closed). */
  requestMs: number;
  /**
   * A connection on which nothing moves either way for this long is closed. Longer than the live
   * streams' 15 s heartbeat and a command's 10 s on the bus.
   */
  idleMs: number;
  /**
   * How long a kept-alive connection waits for its next request. Above the 60 s idle timeout of common
   * reverse proxies and load balancers, so that it is the proxy that closes first, never the gateway
   * under a request the proxy is just sending.
   */
  keepAliveMs: number;
}

/** Each timeout and the variable that sets it (milliseconds; `DOCKET_HTTP_REQUEST_TIMEOUT_MS=30000`). */
const VARIABLES = {
  requestMs: 'DOCKET_HTTP_REQUEST_TIMEOUT_MS',
  idleMs: 'DOCKET_HTTP_IDLE_TIMEOUT_MS',
  keepAliveMs: 'DOCKET_HTTP_KEEP_ALIVE_TIMEOUT_MS',
} as const satisfies Record<keyof HttpTimeouts, string>;

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 30_000, idleMs: 60_000, keepAliveMs: 72_000 };

/**
 * The timeouts the environment sets, the defaults for the rest. Read by the gateway itself, so the
 * embedded and the networked mode both honour them. @throws Error naming a variable that is not a
 * positive whole number of milliseconds (a gateway must not start without the limit it was given)
 */
export function httpTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS };
  for (const [key, name] of Object.entries(VARIABLES) as [keyof HttpTimeouts, string][]) {
    const value = env[name]?.trim();
    if (value === undefined || value === '') continue;
    if (!/^[1-9][0-9]{0,9}$/.test(value))
      throw new Error(`${name} must be a positive whole number of milliseconds, not "${value}"`);
    timeouts[key] = Number(value);
  }
  return timeouts;
}

/**
 * Fastify's options for them. Node enforces the request timeout (and the headers', the same: headers
 * that never end are a stalled request too) only when it looks at its connections, every 30 s unless
 * told otherwise: it looks at a quarter of the timeout (at most every 5 s), so a stalled request is
 * closed at most a quarter late. Node's own answer goes through the gateway's clientError handler,
 * which says 408 as problem+json (http/framework-errors.ts).
 */
export function fastifyTimeoutOptions(timeouts: HttpTimeouts): Pick<
  FastifyServerOptions,
  'connectionTimeout' | 'keepAliveTimeout' | 'requestTimeout'
> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.requestMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(timeouts.requestMs / 4))),
    },
  };
}
