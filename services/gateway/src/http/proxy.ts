import type { Logger } from '@docket/service-kit';
import type { FastifyInstance } from 'fastify';

type TrustProxy = boolean | number | string;

/**
 * DOCKET_TRUST_PROXY: which reverse proxies to believe about the client's address (X-Forwarded-For):
 * `true` (any), a hop count, or the proxies' addresses, comma-separated (Fastify's `trustProxy`).
 * Read by the gateway itself, so the embedded and the networked mode both honour it.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): TrustProxy | undefined {
  const value = env.DOCKET_TRUST_PROXY?.trim();
  if (value === undefined || value === '' || value === 'false') return undefined;
  return value === 'true' ? true : /^[0-9]+$/.test(value) ? Number(value) : value;
}

/**
 * Behind a reverse proxy that is not trusted, every request comes from the proxy's address: every
 * citizen then shares one rate limit on the public status lookup (and one address in the logs). Nothing
 * shows it until the limit bites, so the operator is told, once, when the first forwarded request
 * arrives, and what to set.
 */
export function warnOfUntrustedProxy(fastify: FastifyInstance, logger: Logger): void {
  let warned = false;
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!warned && request.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      logger.warn(
        // The forwarded address is the citizen's: it stays out of the log.
        `a request came through a reverse proxy (it carried X-Forwarded-For) ` +
          `but DOCKET_TRUST_PROXY is not set: every client behind it is seen as ${request.ip} and shares ` +
          'one rate limit on the public status lookup. Set DOCKET_TRUST_PROXY to the proxy’s address ' +
          '(or a hop count, or true when only the proxy can reach the gateway).',
      );
    }
    done();
  });
}
