import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type NatsServerProcess, startNatsServer } from '@docket/testkit';
import { parseDocument } from 'yaml';

/** The repository root (this file is infra/test/support.ts). */
export const repoRoot = resolve(__dirname, '..', '..');
export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);
export const readRepoFile = (...parts: string[]): string => readFileSync(repoPath(...parts), 'utf8');

/** The docket services: every directory under services/ with a package.json. */
export function docketServices(): string[] {
  return readdirSync(repoPath('services'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(repoPath('services', d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

// ---- docker-compose.yml ----

export type ComposeEnvironment = Record<string, string | number | boolean | null> | string[];

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  command?: string | string[];
  environment?: ComposeEnvironment;
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target: string })[];
  ports?: (string | number | { published?: string | number; target: number })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  init?: boolean;
  restart?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * docker-compose.yml as Compose reads it: YAML 1.1-style merge keys (`<<: *anchor`) resolved, as the
 * Compose file reference's "Fragments" describe.
 */
export function loadCompose(): ComposeFile {
  return loadComposeFile('docker-compose.yml');
}

/** A compose file of the repository; Compose's own merge tags (`!override`, `!reset`) read as plain values. */
export function loadComposeFile(path: string): ComposeFile {
  const doc = parseDocument(readRepoFile(path), {
    merge: true,
    prettyErrors: true,
    customTags: [
      { tag: '!override', collection: 'seq', resolve: (value) => value },
      { tag: '!reset', collection: 'seq', resolve: (value) => value },
    ],
  });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map(String).join('\n')}`);
  return doc.toJS({ maxAliasCount: 1000 }) as ComposeFile;
}

/** A service's environment as one map, whichever of the two Compose forms it is written in. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const i = entry.indexOf('=');
        return i === -1 ? [entry, ''] : [entry.slice(0, i), entry.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export function buildArgsOf(service: ComposeService): Record<string, string> {
  const build = service.build;
  if (build === undefined || typeof build === 'string' || build.args === undefined) return {};
  const args = build.args;
  if (!Array.isArray(args)) return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)]));
  return Object.fromEntries(
    args.map((a) => {
      const i = a.indexOf('=');
      return i === -1 ? [a, ''] : [a.slice(0, i), a.slice(i + 1)];
    }),
  );
}

export function dependsOnOf(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v?.condition ?? 'service_started']));
}

/**
 * The host ports a service publishes, as `port/protocol`: short syntax `[ip:]host:container[/proto]`
 * (a bare container port publishes nothing fixed: Docker picks a free host port) or the long syntax.
 */
export function publishedPortsOf(service: ComposeService): string[] {
  return (service.ports ?? []).flatMap((p) => {
    if (typeof p === 'number') return [];
    if (typeof p === 'object') return p.published === undefined ? [] : [`${p.published}/tcp`];
    const [spec = '', proto = 'tcp'] = p.split('/');
    const parts = spec.split(':');
    return parts.length < 2 ? [] : [`${parts[parts.length - 2]}/${proto}`];
  });
}

/** Bind mounts: the short-syntax sources that are paths (./x, /x), and long-syntax `type: bind`. */
export function bindMountsOf(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((v) => {
    if (typeof v === 'string') {
      const source = v.split(':')[0] ?? '';
      return source.startsWith('.') || source.startsWith('/') ? [source] : [];
    }
    return v.type === 'bind' && v.source !== undefined ? [v.source] : [];
  });
}

export function namedVolumesOf(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((v) => {
    if (typeof v === 'string') {
      const source = v.split(':')[0] ?? '';
      return v.includes(':') && !source.startsWith('.') && !source.startsWith('/') ? [source] : [];
    }
    return v.type === 'volume' && v.source !== undefined ? [v.source] : [];
  });
}

// ---- infra/nats/nats-server.conf ----

export const NATS_CONF = ['infra', 'nats', 'nats-server.conf'] as const;

/**
 * The users and passwords of nats-server.conf, read with a pattern that fits how the file is written
 * (`user: name` followed by `password: "..."`). The live tests start a real server with the file, so
 * what this misses they catch.
 */
export function natsUsers(conf = readRepoFile(...NATS_CONF)): Map<string, string> {
  const users = new Map<string, string>();
  const pattern = /^\s*user:\s*"?([A-Za-z0-9_-]+)"?\s*\n\s*password:\s*"([^"\n]+)"/gm;
  for (const match of conf.matchAll(pattern)) users.set(match[1] ?? '', match[2] ?? '');
  return users;
}

export type RunningNatsServer = NatsServerProcess;

/**
 * nats-server.conf exactly as deployed, with only what must differ on a test machine replaced: the
 * client port (a free one, on 127.0.0.1, never the machine's own server on 4222), the monitoring port
 * (a free one) and the JetStream store directory (a temporary one). Each replaced line must occur once,
 * so a change to the file's layout fails here loudly instead of testing something else.
 */
export function deriveTestConfig(
  conf: string,
  ports: { client: number; http: number },
  storeDir: string,
): string {
  const replace = (text: string, pattern: RegExp, by: string, what: string): string => {
    const count = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
    if (count !== 1) {
      throw new Error(
        `nats-server.conf: expected one ${what} line (${pattern}), found ${count}; update infra/test`,
      );
    }
    return text.replace(pattern, by);
  };
  let derived = replace(conf, /^port: 4222$/m, `host: 127.0.0.1\nport: ${ports.client}`, 'client port');
  derived = replace(derived, /^http_port: 8222$/m, `http: "127.0.0.1:${ports.http}"`, 'monitoring port');
  derived = replace(
    derived,
    /^(\s*)store_dir: \/data$/m,
    `$1store_dir: ${JSON.stringify(storeDir)}`,
    'store_dir',
  );
  return derived;
}

/** Starts the real nats-server with the derived nats-server.conf and waits until it accepts clients. */
export function startConfiguredNatsServer(): Promise<RunningNatsServer> {
  return startNatsServer({
    args: (ports, dir) => {
      const confPath = join(dir, 'nats-server.conf');
      writeFileSync(confPath, deriveTestConfig(readRepoFile(...NATS_CONF), ports, join(dir, 'jetstream')));
      return ['-c', confPath];
    },
  });
}
