import type { Directory, TokenIssuer, TokenVerifier } from '@docket/identity';
import type { Bus } from '@docket/messaging';
import type { AdjustableClock, Logger } from '@docket/service-kit';
import type { ConsoleAssets } from './http/console-assets';
import type { RateLimitOptions } from './http/rate-limit';
import type { HttpTimeouts } from './http/timeouts';

export interface GatewayDeps {
  bus: Bus;
  verifier: TokenVerifier;
  directory: Directory;
  logger: Logger;
  /** Development tokens for the seeded users (embedded mode): the /api/dev routes exist only with this. */
  devTokens?: { issuer: TokenIssuer; ttlSeconds: number };
  /** Domain time the gateway may move forward (embedded mode, tests): the /api/dev/time routes exist only with it. */
  time?: AdjustableClock;
  /** The public status lookup, per client address (default 10 at once, 30 a minute). */
  statusLookupLimit?: RateLimitOptions;
  /** How long a command or query may take over the bus (default 10 s). */
  requestTimeoutMs?: number;
  /** Largest request body accepted, in bytes (default 1 MiB: the ledger's per-event limit). */
  bodyLimit?: number;
  /** How long a client may take (default: DOCKET_HTTP_*_TIMEOUT_MS, else http/timeouts.ts's defaults). */
  httpTimeouts?: HttpTimeouts;
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address (Fastify's trustProxy:
   * true, a hop count, or addresses; default DOCKET_TRUST_PROXY). Without it every client behind the
   * proxy shares one rate limit (the gateway warns when the first forwarded request arrives).
   */
  trustProxy?: boolean | number | string;
  /** The web console, served at `/` (the API stays under `/api`); without it, `/` is a 404. */
  console?: ConsoleAssets;
  /**
   * OpenID Connect sign-in (DOCKET_OIDC_*; the verifier then accepts the provider's tokens): what
   * GET /api/auth/config tells the console, the provider's endpoints read from its discovery document.
   */
  oidc?: {
    issuer: string;
    clientId: string;
    scopes: string;
    provider(): Promise<{
      authorization_endpoint?: string;
      token_endpoint?: string;
      end_session_endpoint?: string;
    }>;
  };
}

export const GATEWAY = Symbol('gateway dependencies');
