import 'reflect-metadata';
import { fastifyTracing } from '@docket/telemetry';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayModule } from './gateway.module';
import type { GatewayDeps } from './gateway-deps';
import { serveConsole } from './http/console-assets';
import { clientError, frameworkError } from './http/framework-errors';
import { readJsonBodiesOnly } from './http/json-body';
import { ProblemFilter } from './http/problem.filter';
import { trustProxyFromEnv, warnOfUntrustedProxy } from './http/proxy';
import { registerSecurityHeaders } from './http/security-headers';
import { fastifyTimeoutOptions, httpTimeoutsFromEnv } from './http/timeouts';

export interface RunningGateway {
  /** `http://host:port` */
  readonly url: string;
  readonly app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Starts the HTTP API (NestJS on Fastify) on `port` (0: any free port). Bodies over the limit, bodies
 * that are not JSON, unknown routes and every error a handler throws are answered as problem+json:
 * Nest hands Fastify's own refusals (as HttpExceptions) and unknown routes to the same global filter;
 * what fails before routing (a bad URL, unreadable HTTP, a request that stalls) goes through
 * http/framework-errors.ts. The timeouts (DOCKET_HTTP_*_TIMEOUT_MS) and the trusted proxy
 * (DOCKET_TRUST_PROXY) come from the environment unless `deps` names them.
 */
export async function startGateway(
  deps: GatewayDeps,
  listen: { host: string; port: number },
): Promise<RunningGateway> {
  const trustProxy = deps.trustProxy ?? trustProxyFromEnv();
  const adapter = new FastifyAdapter({
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    ...fastifyTimeoutOptions(deps.httpTimeouts ?? httpTimeoutsFromEnv()),
    ...(trustProxy === undefined ? {} : { trustProxy }),
  });
  // Nest's body parsers are off: they would add a form (urlencoded) parser, and a form body would then
  // be validated as if it were JSON (a 400) instead of being refused as the wrong media type (415).
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(deps), adapter, {
    logger: false,
    bodyParser: false,
  });
  app.useGlobalFilters(new ProblemFilter(deps.logger));
  const fastify = app.getHttpAdapter().getInstance();
  readJsonBodiesOnly(fastify);
  await registerSecurityHeaders(fastify);
  if (trustProxy === undefined || trustProxy === false) warnOfUntrustedProxy(fastify, deps.logger);
  fastifyTracing(fastify);
  if (deps.console !== undefined && !serveConsole(fastify, deps.console))
    deps.logger.warn(`no console at ${deps.console.assetsDir} (not built?): / answers 404`);
  await app.listen(listen.port, listen.host);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : listen.port;
  return {
    url: `http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}`,
    app,
    close: () => app.close(),
  };
}
