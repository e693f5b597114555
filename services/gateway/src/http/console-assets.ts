import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assetsDir as builtConsoleDir } from '@docket/console';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consolePolicy, htmlPage } from './security-headers';

/** The console's static files, as the gateway serves them at `/` (GatewayDeps.console). */
export interface ConsoleAssets {
  /** The built console: index.html and assets/ (`@docket/console`'s `assetsDir`). */
  assetsDir: string;
  /**
   * Origins besides the gateway's own that the console may call (the OpenID provider's token endpoint):
   * they go into the Content-Security-Policy's connect-src.
   */
  connectSources?: readonly string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  /** Whether to gzip it (text over 1 KiB); made on the first request that accepts it, then kept. */
  compressible: boolean;
  gzipped?: Buffer;
  type: string;
  /** Vite names what it builds under assets/ by content hash: those never change under their name. */
  immutable: boolean;
}

/**
 * Serves the console at `/`: the files under `assetsDir`, read once at start (a fixed list, so no path
 * from a request ever reaches the file system), gzipped once, on the first request that accepts it, and
 * `index.html` for every other GET outside `/api` (the console's own routes: /inbox, /cases/…). What is
 * under `/api` and unknown stays a problem+json 404. Returns false when the console is not built.
 */
export function serveConsole(fastify: FastifyInstance, options: ConsoleAssets): boolean {
  const index = join(options.assetsDir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = new Map<string, Asset>();
  for (const file of filesUnder(options.assetsDir)) {
    const path = `/${relative(options.assetsDir, file).split(sep).join('/')}`;
    const body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
    assets.set(path, {
      body,
      compressible,
      type,
      immutable: path.startsWith('/assets/'),
    });
  }
  const page = assets.get('/index.html')!;

  const send = (request: FastifyRequest, reply: FastifyReply, asset: Asset) => {
    const gzip = asset.compressible && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (gzip) asset.gzipped ??= gzipSync(asset.body, { level: 9 });
    reply
      .header('content-type', asset.type)
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding');
    // The page's Content-Security-Policy instead of the API's (http/security-headers.ts).
    if (asset.type.startsWith('text/html')) reply.helmet(pageHeaders);
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzipped : asset.body);
  };

  const pageHeaders = htmlPage(consolePolicy(options.connectSources ?? []), {
    sameOriginReferrer: true,
  }).helmet;
  fastify.get('/*', (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    const asset = assets.get(path);
    if (asset !== undefined) return send(request, reply, asset);
    // A missing hashed file is a 404 (a stale page after a deployment), not the page in its place.
    if (path.startsWith('/assets/')) return reply.callNotFound();
    return send(request, reply, page);
  });
  return true;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The console built in this repository (`@docket/console`), as the embedded and networked modes serve it. */
export function builtConsole(connectSources: readonly string[] = []): ConsoleAssets {
  return { assetsDir: builtConsoleDir, connectSources };
}
