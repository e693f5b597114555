import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** A Content-Security-Policy, directive by directive. */
type Directives = Record<string, string[]>;

/**
 * What every answer of the API is (JSON, problem+json, event streams): nothing in it is to be run,
 * loaded or framed, should a browser ever be led to open one as a page.
 */
const API_POLICY: Directives = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** What every HTML page of the gateway forbids: being framed (clickjacking), plugins, another base URL. */
const PAGE: Directives = {
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * The console (a Vite build: no inline script in its index.html): scripts and styles only from the
 * gateway; inline styles allowed, since Ant Design writes its styles at run time (CSS-in-JS `<style>`
 * tags); images as data: URIs; calls to the API and to the configured identity provider (its token
 * endpoint) only. ECharts draws on a canvas, which needs nothing here.
 */
export const consolePolicy = (connectSources: readonly string[]): Directives => ({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'", ...connectSources],
  ...PAGE,
});

/**
 * Swagger UI at /api/docs: its bundle and the page's own start script, all from /api/docs (no inline
 * script); its stylesheet and the inline styles its components set; its icons as data: URIs; the
 * document and "Try it out" on the gateway.
 */
export const SWAGGER_UI_POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  ...PAGE,
};

/** The printable case timeline (审计 export as HTML): one inline stylesheet, and nothing else at all. */
export const PRINTABLE_POLICY: Directives = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  ...PAGE,
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * A route's headers as an HTML page: its policy instead of the API's (Fastify route config, read by
 * @fastify/helmet; `@RouteConfig(htmlPage(…))` on a Nest handler). The console keeps its referrer
 * within the gateway; everything else sends none.
 */
export const htmlPage = (directives: Directives, options: { sameOriginReferrer?: boolean } = {}) => ({
  helmet: {
    contentSecurityPolicy: { useDefaults: false, directives },
    ...(options.sameOriginReferrer ? { referrerPolicy: { policy: 'same-origin' as const } } : {}),
  },
});

/**
 * What an answer given before any route runs carries (a URL Fastify cannot route, a request Node's
 * parser refuses or that stalled: http/framework-errors.ts), since the hooks below never saw it: the
 * same as any problem of the API.
 */
export const BEFORE_ROUTING_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': Object.entries(API_POLICY)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** The answers that are the API's: not stored by the browser or a proxy (personal data, tokens). */
const isApi = (url: string): boolean => url === '/api' || /^\/api[/?]/.test(url);

/**
 * Hardening headers on every answer (@fastify/helmet): `X-Content-Type-Options: nosniff`,
 * `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, the cross-origin isolation headers, and the
 * API's Content-Security-Policy unless a page names its own (`htmlPage`). And `Cache-Control: no-store`
 * on everything under /api: answers carry personal data and tokens; the few that may be kept (Swagger
 * UI's files, the OpenAPI document) say so themselves, which wins. The headers are set on the raw
 * response when the request arrives, so the event streams, which write their own head, carry them too.
 * No Strict-Transport-Security: the gateway does not know whether it is reached over TLS; the
 * TLS-terminating proxy in front sets it.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isApi(request.url)) reply.raw.setHeader('cache-control', 'no-store');
    done();
  });
}
