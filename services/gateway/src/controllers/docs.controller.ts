import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { GATEWAY, type GatewayDeps } from '../gateway-deps';
import { HttpProblem } from '../http/problem';
import { htmlPage, SWAGGER_UI_POLICY } from '../http/security-headers';
import { openApiDocument } from '../openapi/document';

/** swagger-ui-dist ships the built UI; it has no types, so only its location is taken. */
const SWAGGER_UI = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The Swagger UI files served from swagger-ui-dist: a fixed list, so no path from the URL reaches the disk. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const page = (devTokens: boolean) => `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>docket API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  <link rel="icon" href="/api/docs/favicon-32x32.png">
</head>
<body>
  ${
    devTokens
      ? '<p style="font-family:sans-serif;margin:1em 2em">Embedded mode: get a token with <b>POST /api/dev/tokens</b> (e.g. <code>{"userId":"u-clerk-wang"}</code>; the users are listed by <b>GET /api/dev/users</b>), then press <b>Authorize</b> and paste it.</p>'
      : ''
  }
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/swagger-init.js"></script>
</body>
</html>
`;

/**
 * The page's start script, a file of its own: the page's Content-Security-Policy runs no inline script.
 * No validator badge: it would load an image from swagger.io, which the policy refuses.
 */
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  persistAuthorization: true,
  validatorUrl: null,
});
`;

/** /api/openapi.json (the contract, generated from the route table) and Swagger UI at /api/docs. */
@Controller()
export class DocsController {
  private readonly document: string;
  private readonly html: string;

  constructor(@Inject(GATEWAY) deps: GatewayDeps) {
    const devTokens = deps.devTokens !== undefined;
    this.document = JSON.stringify(openApiDocument({ devTokens, adjustableTime: deps.time !== undefined }));
    this.html = page(devTokens);
  }

  /** Public, and the same until the next deployment: kept, but asked again (not the API's no-store). */
  @Get('/api/openapi.json')
  openapi(@Res() reply: FastifyReply) {
    reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(this.document);
  }

  @Get('/api/docs')
  @RouteConfig(htmlPage(SWAGGER_UI_POLICY))
  docs(@Res() reply: FastifyReply) {
    reply.type('text/html; charset=utf-8').send(this.html);
  }

  @Get('/api/docs/:asset')
  asset(@Param('asset') asset: string, @Res() reply: FastifyReply) {
    if (asset === 'swagger-init.js')
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(INIT_SCRIPT);
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (type === undefined) throw new HttpProblem('RouteNotFound', 'not_found', `no document ${asset}`);
    reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(readFileSync(join(SWAGGER_UI, asset)));
  }
}
