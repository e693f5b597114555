import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bindMountsOf,
  buildArgsOf,
  type ComposeFile,
  type ComposeService,
  dependsOnOf,
  docketServices,
  environmentOf,
  loadCompose,
  loadComposeFile,
  namedVolumesOf,
  natsUsers,
  publishedPortsOf,
  readRepoFile,
  repoPath,
} from './support';

/**
 * docker-compose.yml cannot be run on the development machines (no Docker engine), so what `docker
 * compose up` would find out at start is checked here: the file's own consistency, and that it agrees
 * with the Dockerfile, nats-server.conf, the collector config and the services in the repository.
 */
const compose: ComposeFile = loadCompose();
const services = Object.entries(compose.services);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
/** The compose service running an image of this repository (e.g. `eventstore/eventstore`), by name. */
const serviceRunning = (repository: string): string => {
  const matches = services.filter(([, s]) => s.image?.split(':')[0] === repository).map(([n]) => n);
  if (matches.length !== 1) throw new Error(`expected one service running ${repository}, found ${matches}`);
  return matches[0] ?? '';
};
const docket = docketServices();

describe('docker-compose.yml', () => {
  it('parses, with the services of the distributed mode', () => {
    expect(compose.name).toBe('docket');
    expect(docket).toEqual(['audit', 'gateway', 'intake', 'monitoring', 'review', 'supervision']);
    for (const backend of ['nats', 'eventstoredb', 'mongodb', 'otel-collector', 'jaeger']) {
      expect(compose.services, backend).toHaveProperty(backend);
    }
  });

  it('says that its secrets are development values', () => {
    expect(readRepoFile('docker-compose.yml')).toMatch(/EVERY SECRET IN THIS FILE IS A DEVELOPMENT VALUE/);
  });

  describe.each(docket)('the %s service', (name) => {
    const s = (): ComposeService => service(name);
    const env = (): Record<string, string> => environmentOf(s());

    it('is built from infra/docker/Dockerfile at the repository root with DOCKET_SERVICE set to it', () => {
      const build = s().build;
      expect(typeof build === 'object' ? build : { context: build }).toMatchObject({
        context: '.',
        dockerfile: 'infra/docker/Dockerfile',
      });
      expect(buildArgsOf(s()).DOCKET_SERVICE ?? env().DOCKET_SERVICE).toBe(name);
      expect(s().image, 'built here, not pulled').toBeUndefined();
    });

    it('runs with an init (signals reach node) and is restarted when it exits', () => {
      expect(s().init).toBe(true);
      expect(s().restart).toMatch(/^(unless-stopped|always|on-failure)/);
    });

    it('has its own NATS credentials, those of its user in nats-server.conf', () => {
      const users = natsUsers();
      expect(env().NATS_USER).toBe(name);
      expect(env().NATS_PASSWORD).toBeTruthy();
      expect(env().NATS_PASSWORD).toBe(users.get(name));
    });

    it('reaches NATS at the compose nats service', () => {
      const url = new URL(env().NATS_URL ?? '');
      expect(url.protocol).toBe('nats:');
      expect(url.hostname).toBe(serviceRunning('nats'));
      expect(url.port).toBe('4222');
      expect(readRepoFile('infra', 'nats', 'nats-server.conf')).toMatch(/^port: 4222$/m);
    });

    it('keeps its ledger in the compose EventStoreDB, without TLS only because that node runs insecure', () => {
      const ledger = new URL(env().DOCKET_LEDGER_URL ?? '');
      const esdb = serviceRunning('eventstore/eventstore');
      expect(ledger.protocol).toBe('esdb:');
      expect(ledger.hostname).toBe(esdb);
      expect(ledger.port).toBe('2113');
      expect(ledger.searchParams.get('tls')).toBe('false');
      expect(environmentOf(service(esdb)).EVENTSTORE_INSECURE).toBe('true');
    });

    it('keeps its read models in the compose MongoDB', () => {
      const url = new URL(env().DOCKET_READ_MODELS_URL ?? '');
      expect(url.protocol).toBe('mongodb:');
      expect(url.hostname).toBe(serviceRunning('mongo'));
      expect(url.port).toBe('27017');
      expect(url.pathname).toBe('/docket');
    });

    it('keeps its data directory on a volume of its own, declared at the top level', () => {
      const dataDir = env().DOCKET_DATA_DIR;
      expect(dataDir).toBe('/data');
      const mounts = (s().volumes ?? []).filter((v) => typeof v === 'string' && v.split(':')[1] === dataDir);
      expect(mounts).toHaveLength(1);
      const volume = String(mounts[0]).split(':')[0] ?? '';
      expect(namedVolumesOf(s())).toContain(volume);
      expect(compose.volumes ?? {}).toHaveProperty(volume);
      const others = docket.filter((n) => n !== name).flatMap((n) => namedVolumesOf(service(n)));
      expect(others).not.toContain(volume);
    });

    it('sends traces to the compose collector under its own name, and keeps the time zone', () => {
      const endpoint = new URL(env().OTEL_EXPORTER_OTLP_ENDPOINT ?? '');
      expect(endpoint.protocol).toBe('http:');
      expect(endpoint.hostname).toBe(serviceRunning('otel/opentelemetry-collector-contrib'));
      expect(endpoint.port).toBe(collectorHttpPort());
      expect(env().OTEL_TRACES_EXPORTER).toBe('otlp');
      expect(env().OTEL_SERVICE_NAME).toBe(`docket-${name}`);
      expect(env().DOCKET_TIME_ZONE).toBe('Asia/Shanghai');
      expect(() => new Intl.DateTimeFormat('en', { timeZone: env().DOCKET_TIME_ZONE })).not.toThrow();
    });

    it('starts once NATS, EventStoreDB and MongoDB are healthy', () => {
      const deps = dependsOnOf(s());
      for (const backend of ['nats', 'eventstoredb', 'mongodb'])
        expect(deps[backend], backend).toBe('service_healthy');
    });
  });

  it('publishes the gateway on 0.0.0.0:8080 in the production profile: no development tokens, no movable time', () => {
    const gateway = service('gateway');
    const env = environmentOf(gateway);
    expect(env.DOCKET_HTTP_HOST).toBe('0.0.0.0');
    expect(env.DOCKET_HTTP_PORT).toBe('8080');
    expect(gateway.ports).toContain(`8080:${env.DOCKET_HTTP_PORT}`);
    expect(env.DOCKET_PROFILE).toBe('production');
    // Who signs the tokens comes from the deployment (the shell's environment), not from this file.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, kept as text
    expect(env.DOCKET_OIDC_ISSUER).toBe('${DOCKET_OIDC_ISSUER:-}');
    expect(readRepoFile('docker-compose.yml')).toMatch(/DOCKET_JWT_PUBLIC_KEY_FILE/);
    for (const name of docket) {
      const other = environmentOf(service(name));
      expect(other, name).not.toHaveProperty('DOCKET_DEV_TOKENS');
      expect(other.DOCKET_CLOCK ?? 'system', name).toBe('system');
      if (name !== 'gateway') expect(service(name).ports ?? [], name).toEqual([]);
    }
  });

  it('keeps the checkpoint key on a volume of its own, apart from the data it signs', () => {
    const audit = service('audit');
    const env = environmentOf(audit);
    expect(env.DOCKET_CHECKPOINT_KEY_DIR).toBe('/keys');
    expect(env.DOCKET_CHECKPOINT_KEY_DIR?.startsWith(env.DOCKET_DATA_DIR ?? '/data')).toBe(false);
    expect(audit.volumes).toContain('audit-keys:/keys');
    expect(compose.volumes ?? {}).toHaveProperty('audit-keys');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, kept as text
    expect(env.DOCKET_CHECKPOINT_WITNESS).toBe('${DOCKET_CHECKPOINT_WITNESS:-}');
  });

  it('offers development only as an override that keeps the port on the host loopback', () => {
    const override = loadComposeFile('infra/compose.development.yml');
    const gateway = override.services.gateway;
    expect(gateway).toBeDefined();
    const env = environmentOf(gateway ?? {});
    expect(env.DOCKET_PROFILE).toBe('development');
    expect(env.DOCKET_DEVELOPMENT_ON_NETWORK).toBe('force');
    expect(gateway?.ports).toEqual(['127.0.0.1:8080:8080']);
    // `!override` replaces the base file's ports instead of adding to them (a published 8080 would remain).
    expect(readRepoFile('infra/compose.development.yml')).toMatch(/ports: !override/);
  });

  it('names only defined services in depends_on, waits for health only where a healthcheck exists, no cycle', () => {
    for (const [name, s] of services) {
      for (const [dep, condition] of Object.entries(dependsOnOf(s))) {
        expect(compose.services, `${name} depends on ${dep}`).toHaveProperty(dep);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          const check = service(dep).healthcheck;
          expect(check?.test, `${name} waits for ${dep} to be healthy`).toBeDefined();
          expect(check?.disable ?? false).toBe(false);
        }
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, path: string[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`depends_on cycle: ${[...path, name].join(' -> ')}`);
      visiting.add(name);
      for (const dep of Object.keys(dependsOnOf(service(name)))) visit(dep, [...path, name]);
      visiting.delete(name);
      done.add(name);
    };
    for (const [name] of services) visit(name, []);
  });

  it('gives every backend whose image can run one a healthcheck', () => {
    // The collector image has no shell and no HTTP client, so Docker cannot probe it from inside.
    for (const backend of ['nats', 'eventstoredb', 'mongodb', 'jaeger']) {
      expect(service(backend).healthcheck?.test, backend).toBeDefined();
    }
    expect(service('nats').healthcheck?.test).toContain('http://127.0.0.1:8222/healthz');
    expect(readRepoFile('infra', 'nats', 'nats-server.conf')).toMatch(/^http_port: 8222$/m);
  });

  it('pins every image to a version tag', () => {
    for (const [name, s] of services) {
      if (s.image === undefined) {
        expect(s.build, `${name} has neither image nor build`).toBeDefined();
        continue;
      }
      const [, tag] = s.image.split(':');
      expect(tag, `${name}: ${s.image}`).toMatch(/^v?\d+(\.\d+)*([-.][A-Za-z0-9.]+)?$/);
      expect(tag).not.toMatch(/latest/);
    }
  });

  it('bind-mounts only files that exist in the repository', () => {
    const mounts = services.flatMap(([name, s]) => bindMountsOf(s).map((source) => ({ name, source })));
    expect(mounts.length).toBeGreaterThan(0);
    for (const { name, source } of mounts) {
      expect(source.startsWith('./'), `${name}: ${source} is relative to the repository`).toBe(true);
      expect(existsSync(repoPath(source)), `${name}: ${source}`).toBe(true);
      expect(statSync(repoPath(source)).isFile(), `${name}: ${source} is a file`).toBe(true);
    }
  });

  it('mounts the NATS and collector configuration where their commands read it', () => {
    const nats = service('nats');
    const natsConf = (nats.command as string[])[1];
    expect(nats.command).toEqual(['-c', natsConf]);
    expect(nats.volumes).toContain(`./infra/nats/nats-server.conf:${natsConf}:ro`);
    // JetStream's store_dir in the file is the nats-data volume
    expect(readRepoFile('infra', 'nats', 'nats-server.conf')).toMatch(/^\s*store_dir: \/data$/m);
    expect(nats.volumes).toContain('nats-data:/data');

    const collector = service('otel-collector');
    const config = /^--config=(.+)$/.exec(String((collector.command as string[])[0]))?.[1];
    expect(collector.volumes).toContain(`./infra/otel/collector.yaml:${config}:ro`);
  });

  it('declares every named volume it mounts', () => {
    for (const [name, s] of services) {
      for (const volume of namedVolumesOf(s))
        expect(compose.volumes ?? {}, `${name}: ${volume}`).toHaveProperty(volume);
    }
  });

  it('publishes no host port twice', () => {
    const seen = new Map<string, string>();
    for (const [name, s] of services) {
      for (const port of publishedPortsOf(s)) {
        expect(seen.get(port), `${port} published by ${seen.get(port)} and ${name}`).toBeUndefined();
        seen.set(port, name);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it('lets EventStoreDB take an append of several maximal ledger events', () => {
    const limit = Number(environmentOf(service('eventstoredb')).EVENTSTORE_MAX_APPEND_SIZE);
    expect(limit).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it("runs EventStoreDB's system projections, which case histories read ($by_correlation_id)", () => {
    const environment = environmentOf(service('eventstoredb'));
    expect(['System', 'All']).toContain(environment.EVENTSTORE_RUN_PROJECTIONS);
    expect(environment.EVENTSTORE_START_STANDARD_PROJECTIONS).toBe('true');
  });
});

// ---- infra/otel/collector.yaml ----

interface CollectorConfig {
  receivers?: Record<string, { protocols?: Record<string, { endpoint?: string } | null> } | null>;
  processors?: Record<string, unknown>;
  exporters?: Record<string, { endpoint?: string; tls?: { insecure?: boolean } } | null>;
  extensions?: Record<string, unknown>;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
  };
}

const collector = (): CollectorConfig =>
  parse(readRepoFile('infra', 'otel', 'collector.yaml')) as CollectorConfig;

function collectorHttpPort(): string {
  const endpoint = collector().receivers?.otlp?.protocols?.http?.endpoint ?? '';
  return endpoint.split(':').at(-1) ?? '';
}

describe('infra/otel/collector.yaml', () => {
  it('parses, and every pipeline names receivers, processors and exporters that are defined', () => {
    const config = collector();
    const pipelines = Object.entries(config.service.pipelines);
    expect(pipelines.map(([name]) => name)).toContain('traces');
    for (const [name, pipeline] of pipelines) {
      expect(pipeline.receivers?.length, `${name} has receivers`).toBeGreaterThan(0);
      expect(pipeline.exporters?.length, `${name} has exporters`).toBeGreaterThan(0);
      for (const r of pipeline.receivers ?? [])
        expect(config.receivers ?? {}, `${name}: receiver ${r}`).toHaveProperty([r]);
      for (const p of pipeline.processors ?? [])
        expect(config.processors ?? {}, `${name}: processor ${p}`).toHaveProperty([p]);
      for (const e of pipeline.exporters ?? [])
        expect(config.exporters ?? {}, `${name}: exporter ${e}`).toHaveProperty([e]);
    }
    for (const x of config.service.extensions ?? [])
      expect(config.extensions ?? {}, `extension ${x}`).toHaveProperty([x]);
  });

  it('receives OTLP on the ports compose publishes and exports traces to the compose Jaeger', () => {
    const config = collector();
    const otlp = config.receivers?.otlp?.protocols ?? {};
    expect(otlp.grpc?.endpoint).toBe('0.0.0.0:4317');
    expect(otlp.http?.endpoint).toBe('0.0.0.0:4318');
    expect(service('otel-collector').ports).toEqual(expect.arrayContaining(['4317:4317', '4318:4318']));

    const traceExporters = config.service.pipelines.traces?.exporters ?? [];
    const toJaeger = traceExporters.filter((e) => e.startsWith('otlp'));
    expect(toJaeger).toHaveLength(1);
    const exporter = config.exporters?.[toJaeger[0] ?? ''];
    const [host, port] = (exporter?.endpoint ?? '').split(':');
    expect(host).toBe(serviceRunning('jaegertracing/all-in-one'));
    expect(port).toBe('4317');
    expect(exporter?.tls?.insecure).toBe(true);
    expect(environmentOf(service('jaeger')).COLLECTOR_OTLP_ENABLED).toBe('true');
  });
});

describe('infra/nats/nats-server.conf', () => {
  it('has one user per docket service, and no other, with distinct passwords', () => {
    const users = natsUsers();
    expect([...users.keys()].sort()).toEqual(docket);
    expect(new Set(users.values()).size).toBe(users.size);
  });
});
