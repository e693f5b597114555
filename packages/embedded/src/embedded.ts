import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointPlaces, startAudit } from '@docket/audit-service';
import { intake as intakeContract } from '@docket/contracts';
import { catalogueStreamName, type ScoreRules } from '@docket/domain';
import {
  type CryptoProfile,
  type EventStore,
  hashAlgorithmOf,
  openSqliteLedger,
  parseCryptoProfile,
} from '@docket/event-store';
import {
  builtConsole,
  developmentIdentity,
  docketTokenVerifier,
  type GatewayDeps,
  oidcIdentity,
  type RunningGateway,
  startGateway,
} from '@docket/gateway';
import {
  type Directory,
  demoDirectory,
  demoUsers,
  importPublicKey,
  loadOrCreateDevKeys,
  type OidcSettings,
} from '@docket/identity';
import { intakeRulesFromEnv, startIntake } from '@docket/intake';
import { ACTOR_HEADER, actorHeader, type Bus, createInProcessBus } from '@docket/messaging';
import { startMonitoring } from '@docket/monitoring';
import { openDataDirVault, sealedLedger, suitesFor } from '@docket/personal-data';
import { openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import { startReview } from '@docket/review';
import {
  type AdjustableClock,
  adjustableClock,
  consoleLogger,
  DEFAULT_CHECKPOINT_EVERY_EVENTS,
  DEFAULT_CHECKPOINT_EVERY_MS,
  fileClock,
  type Logger,
  liveCalendar,
  loadOrCreateSecret,
  type Profile,
  type RunningService,
  retentionSweepMsFromEnv,
  type ServiceDeps,
} from '@docket/service-kit';
import { scoreDeductionsFromEnv, startSupervision } from '@docket/supervision';
import { startTelemetry, tracedBus, tracedLedger } from '@docket/telemetry';
import { demoCatalogue } from './demo-catalogue';

export interface EmbeddedOptions {
  /** SQLite files and the development signing key (default ./data). */
  dataDir: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
  /**
   * `development` (the default of this programmatic start, which tests and benches use) issues tokens at
   * /api/dev/tokens and lets an administrator move domain time; `production` does neither and needs an
   * identity provider (`oidc` or `jwtPublicKey`). The process entry (`main.ts`) defaults to production.
   */
  profile?: Profile;
  /** A deployment's own token issuer: its public key (SPKI PEM or JWK), for the production profile. */
  jwtPublicKey?: string;
  /**
   * Domain time (default: in development adjustable, its offset kept in `<dataDir>/domain-time.json`; in
   * production the wall clock, which nothing can move).
   */
  clock?: AdjustableClock;
  logger?: Logger;
  /** Seed the demo catalogue when the ledger has none (default true). */
  seed?: boolean;
  directory?: Directory;
  /** How often monitoring and supervision look for due timers (default 1000 ms). */
  timerIntervalMs?: number;
  /**
   * Points the monthly score deducts per count, the kinds to change only (default
   * $DOCKET_SCORE_DEDUCTIONS, else `DEFAULT_SCORE_RULES`; services/supervision README).
   */
  scoreDeductions?: Partial<ScoreRules['perCount']>;
  /** The ledger's name in signed checkpoints (default `docket`). */
  ledgerId?: string;
  /** Sign a checkpoint after this many new events (default 10000; 0: never by count). */
  checkpointEveryEvents?: number;
  /** Sign a checkpoint this often while events arrive (default 1 h; 0: never by time). */
  checkpointEveryMs?: number;
  /**
   * Erase personal data whose retention has ended this often (default $DOCKET_RETENTION_SWEEP_MS, else a
   * day; 0: never). The first sweep comes a minute after the start, or after this interval if shorter.
   */
  retentionSweepMs?: number;
  /**
   * The checkpoint key's directory (default $DOCKET_CHECKPOINT_KEY_DIR, else a key still in
   * `<dataDir>/keys`, else `$XDG_CONFIG_HOME/docket/keys`); the log says where it is.
   */
  checkpointKeyDir?: string;
  /** Where each checkpoint is shipped as it is signed (default $DOCKET_CHECKPOINT_WITNESS; none). */
  checkpointWitness?: string;
  /**
   * The personal-data vault's directory (default $DOCKET_PERSONAL_DATA_KEY_DIR, else
   * `$XDG_CONFIG_HOME/docket/personal-data`): the keys personal data is sealed with, outside the data
   * directory (packages/personal-data).
   */
  personalDataKeyDir?: string;
  /** Serve the web console at `/` (default true). */
  console?: boolean;
  /**
   * `standard` or `gm` (国密: SM3 ledger, SM2 checkpoints, SM4 personal data); default $DOCKET_CRYPTO, else
   * standard. A new ledger is created with it; a ledger of the other is refused (LedgerHashMismatch).
   */
  crypto?: CryptoProfile;
  /**
   * Sign-in with an OpenID provider (DOCKET_OIDC_*, `oidcSettingsFromEnv`): its access tokens are accepted
   * beside the development tokens, which stay (the token's `iss` picks the verifier), and
   * /api/auth/config tells the console to sign in with the provider.
   */
  oidc?: OidcSettings;
}

export interface Embedded {
  readonly url: string;
  readonly gateway: RunningGateway;
  readonly ledger: EventStore;
  readonly bus: Bus;
  readonly services: readonly RunningService[];
  /** Domain time: in development an administrator (and the tests) may move it forward. */
  readonly clock: AdjustableClock;
  readonly profile: Profile;
  /** Resolves when every relay and read model has caught up with the ledger's head. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const TOKEN_TTL_SECONDS = 8 * 3600;

/** The score's configured points per count: the option, else DOCKET_SCORE_DEDUCTIONS, else none. */
function scoreDeductionsOf(options: EmbeddedOptions): { scoreDeductions?: Partial<ScoreRules['perCount']> } {
  const deductions = options.scoreDeductions ?? scoreDeductionsFromEnv();
  return deductions === undefined ? {} : { scoreDeductions: deductions };
}

/**
 * The embedded mode (`npm start`): the gateway and the five services in one process, on the
 * in-process bus (NATS semantics) and SQLite files under the data directory. The services are the same
 * code the networked mode runs in separate processes; only what they are given differs. The bus keeps
 * events in memory, so the relays keep their places in memory too: after a restart they publish from
 * the start of the ledger again and every consumer passes over what it already handled (its checkpoint).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<Embedded> {
  const { dataDir } = options;
  const profile = options.profile ?? 'development';
  if (profile === 'production' && options.oidc === undefined && options.jwtPublicKey === undefined)
    throw new Error(
      'the production profile needs an identity provider: DOCKET_OIDC_ISSUER (OpenID Connect) or ' +
        "DOCKET_JWT_PUBLIC_KEY_FILE (the issuer's public key); DOCKET_PROFILE=development for a demo",
    );
  mkdirSync(dataDir, { recursive: true });
  const logger = options.logger ?? consoleLogger('docket');
  startTelemetry({ serviceName: 'docket' });
  // Personal data sealed with its subject's key, kept outside the data directory (PIPL Art. 47: erasable).
  const crypto = options.crypto ?? parseCryptoProfile(process.env.DOCKET_CRYPTO);
  const suites = suitesFor(crypto);
  const personalData = openDataDirVault(dataDir, { keyDir: options.personalDataKeyDir, suites });
  const stored = openSqliteLedger({
    path: join(dataDir, 'ledger.db'),
    hashAlgorithm: hashAlgorithmOf(crypto),
  });
  const ledger = tracedLedger(sealedLedger(stored, personalData, { suites }));
  const bus = createInProcessBus();
  const relayPlaces: ReadModelStore = openSqliteReadModelStore({ path: ':memory:' });
  const stores: ReadModelStore[] = [relayPlaces];
  const directory = options.directory ?? demoDirectory();
  // Domain time a demo (or a test) can move forward: kept in the data directory across restarts. In
  // production a clock nobody moves (an offset a development run left in the directory is not read).
  const clock =
    options.clock ??
    (profile === 'development'
      ? fileClock('Asia/Shanghai', join(dataDir, 'domain-time.json'), { shared: false })
      : fixedClock('Asia/Shanghai'));
  const live = liveCalendar(ledger, { timeZone: clock.timeZone, logger });
  await live.start();
  const calendar = live.calendar;
  const depsFor = (service: string): ServiceDeps => {
    const readModels = openSqliteReadModelStore({ path: join(dataDir, `${service}.read.db`) });
    stores.push(readModels);
    return {
      ledger,
      bus: tracedBus(bus, service),
      readModels,
      relayCheckpoints: relayPlaces,
      clock,
      directory,
      calendar,
      logger,
      dataDir,
      personalData,
    };
  };
  const services: RunningService[] = [];
  const identity = await identityFor(profile, options, dataDir, directory);
  let gateway: RunningGateway | undefined;
  try {
    services.push(
      await startIntake({
        ...depsFor('intake'),
        queryCodeSecret: loadOrCreateSecret(dataDir, 'query-code'),
        // The timers before acceptance (行政许可法 Art. 32, the correction deadline) and their rules.
        ...(options.timerIntervalMs === undefined ? {} : { timerIntervalMs: options.timerIntervalMs }),
        ...intakeRulesFromEnv(process.env),
      }),
      await startReview(depsFor('review')),
      await startMonitoring({
        ...depsFor('monitoring'),
        ...(options.timerIntervalMs === undefined ? {} : { timerIntervalMs: options.timerIntervalMs }),
      }),
      await startSupervision({
        ...depsFor('supervision'),
        ...(options.timerIntervalMs === undefined ? {} : { timerIntervalMs: options.timerIntervalMs }),
        ...scoreDeductionsOf(options),
      }),
      // 审计: the signed checkpoints under the data directory; the key outside it and the witnesses, by the
      // same rule and variables as the networked mode (DOCKET_CHECKPOINT_KEY_DIR, DOCKET_CHECKPOINT_WITNESS).
      await startAudit({
        ...depsFor('audit'),
        ...checkpointPlaces(dataDir, {
          keyDir: options.checkpointKeyDir,
          witness: options.checkpointWitness,
        }),
        checkpointDir: join(dataDir, 'checkpoints'),
        ledgerId: options.ledgerId ?? 'docket',
        checkpointEveryEvents: options.checkpointEveryEvents ?? DEFAULT_CHECKPOINT_EVERY_EVENTS,
        checkpointEveryMs: options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS,
        retentionSweepMs: options.retentionSweepMs ?? retentionSweepMsFromEnv(),
      }),
    );
    gateway = await startGateway(
      {
        bus: tracedBus(bus, 'gateway'),
        directory,
        logger,
        ...signIn(identity, options.oidc, directory),
        ...(profile === 'development' ? { time: clock } : {}),
        ...(options.console === false
          ? {}
          : { console: builtConsole(options.oidc ? [new URL(options.oidc.issuer).origin] : []) }),
      },
      { host: options.host ?? '127.0.0.1', port: options.port ?? 8080 },
    );
    if (options.seed ?? true) await seedCatalogue(ledger, bus);
  } catch (error) {
    await gateway?.close();
    for (const service of services.reverse()) await service.close();
    await bus.close();
    await live.stop();
    for (const store of stores) await store.close();
    await ledger.close();
    personalData.close();
    throw error;
  }
  const running = gateway;
  return {
    url: running.url,
    gateway: running,
    ledger,
    bus,
    services,
    clock,
    profile,
    settled: async () => {
      for (const service of services) await service.settled();
    },
    async close() {
      await running.close();
      for (const service of [...services].reverse()) await service.close();
      await bus.close();
      await live.stop();
      for (const store of stores) await store.close();
      await ledger.close();
      personalData.close();
    },
  };
}

/**
 * Who may sign in. Development: tokens signed with a key in the data directory, issued to anyone who asks
 * for a seeded user. Production: only the deployment's issuer (its public key) and the OpenID provider.
 */
async function identityFor(
  profile: Profile,
  options: EmbeddedOptions,
  dataDir: string,
  directory: Directory,
): Promise<Partial<Pick<GatewayDeps, 'verifier' | 'devTokens'>>> {
  if (profile === 'development')
    return developmentIdentity(await loadOrCreateDevKeys(dataDir), directory, TOKEN_TTL_SECONDS);
  if (options.jwtPublicKey !== undefined)
    return { verifier: docketTokenVerifier(await importPublicKey(options.jwtPublicKey), directory) };
  return {}; // OpenID Connect alone: docket's own tokens are not accepted
}

/** The verifiers the gateway is given: docket's own issuer's, the OpenID provider's, or both. */
function signIn(
  own: Partial<Pick<GatewayDeps, 'verifier' | 'devTokens'>>,
  oidc: OidcSettings | undefined,
  directory: Directory,
): Pick<GatewayDeps, 'verifier' | 'devTokens' | 'oidc'> {
  const devTokens = own.devTokens === undefined ? {} : { devTokens: own.devTokens };
  if (oidc !== undefined) return { ...oidcIdentity(oidc, directory, own.verifier), ...devTokens };
  if (own.verifier === undefined)
    throw new Error('no way to sign in: no token issuer and no OpenID provider');
  return { verifier: own.verifier, ...devTokens };
}

/** The wall clock in the centre's time zone, in the shape the gateway and the tests hold. */
function fixedClock(timeZone: string): AdjustableClock {
  const clock = adjustableClock(timeZone);
  return Object.assign(clock, {
    advance: () => {
      throw new Error('domain time cannot be moved in the production profile');
    },
  });
}

/** The demo catalogue, defined by the administrator through the intake service, on first start only. */
async function seedCatalogue(ledger: EventStore, bus: Bus): Promise<void> {
  const headers = { [ACTOR_HEADER]: actorHeader(demoUsers.admin) };
  for (const item of demoCatalogue) {
    if ((await ledger.streamRevision(catalogueStreamName(item.code))) !== undefined) continue;
    await bus.request(intakeContract.defineItem.subject, { item }, { headers });
  }
}
