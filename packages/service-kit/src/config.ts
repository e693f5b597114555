import { join, resolve } from 'node:path';
import { type CryptoProfile, parseCryptoProfile } from '@docket/event-store';
import { profileFromEnv, type RunProfile, refuseAdjustableClock } from './profile';

/**
 * How a service reaches its backends, read from the environment (the same names in every mode; see
 * infra/README.md). Services never read these themselves: the host that starts them does.
 */
export interface ServiceConfig {
  /** SQLite files (ledger, read models) and the development signing key live here. */
  dataDir: string;
  /** `esdb://…`: EventStoreDB. Unset: the SQLite ledger `<dataDir>/ledger.db`. */
  ledgerUrl?: string;
  /** `mongodb://host/db`: MongoDB read models. Unset: SQLite `<dataDir>/<service>.read.db`. */
  readModelsUrl?: string;
  /** The NATS server(s), comma separated. Unset only inside the embedded host. */
  natsUrl?: string;
  natsUser?: string;
  natsPassword?: string;
  /** The centre's time zone: domain time is written with its offset. */
  timeZone: string;
  /** A JSON file with the centre's departments (and, for development tokens, users). Unset: the demo centre. */
  directoryFile?: string;
  /**
   * `system` (default): domain time is the wall clock. `adjustable`: tests and demos may move it forward
   * (`<dataDir>/domain-time.json`, shared by every process of one machine). Development profile only.
   */
  clock: 'system' | 'adjustable';
  /** `DOCKET_PROFILE`: production (default) or development (`profile.ts`). */
  run: RunProfile;
  /** Signed checkpoints of the ledger (the audit service). */
  checkpoints: CheckpointConfig;
  /**
   * `DOCKET_CRYPTO`: `standard` (default: SHA-256, Ed25519, AES-256-GCM) or `gm` (国密 for GB/T 39786
   * 密评: SM3 chains the ledger, SM2 signs the checkpoints, SM4 seals personal data). What a NEW ledger is
   * created with; an existing ledger of the other one is refused at start (LedgerHashMismatch).
   */
  crypto: CryptoProfile;
  /**
   * How often the audit service erases personal data whose retention has ended (`DOCKET_RETENTION_SWEEP_MS`,
   * default 86400000 = a day; 0: never, for a deployment that erases by hand with `docket personal-data
   * retention --apply`).
   */
  retentionSweepMs: number;
}

/** Where the audit service keeps the centre's checkpoint key and its signed checkpoints, and how often it signs. */
export interface CheckpointConfig {
  /**
   * The Ed25519 key pair and the trusted public keys (`DOCKET_CHECKPOINT_KEY_DIR`). Unset: the audit
   * service's rule (@docket/audit's `checkpointKeyPlace`): outside the data directory, in
   * `$XDG_CONFIG_HOME/docket/keys`, unless a key is still in `<dataDir>/keys` (warned about).
   */
  keyDir?: string;
  /** Where each signed checkpoint is shipped as it is made (`DOCKET_CHECKPOINT_WITNESS`: `dir:<path>`, `http(s)://…`). */
  witness?: string;
  /** `<size>.json` per checkpoint and the leaf archive (`DOCKET_CHECKPOINT_DIR`, default `<dataDir>/checkpoints`). */
  dir: string;
  /** Sign after this many new events (`DOCKET_CHECKPOINT_EVERY_EVENTS`, default 10000; 0: never by count). */
  everyEvents: number;
  /** Sign this often while events arrive (`DOCKET_CHECKPOINT_EVERY_MS`, default 3600000 = 1 h; 0: never by time). */
  everyMs: number;
  /** The ledger's name in every checkpoint: the centre (`DOCKET_LEDGER_ID`, default `docket`). */
  ledgerId: string;
}

export const DEFAULT_CHECKPOINT_EVERY_EVENTS = 10_000;
export const DEFAULT_CHECKPOINT_EVERY_MS = 3_600_000;
export const DEFAULT_RETENTION_SWEEP_MS = 86_400_000;

/** A non-negative integer from the environment, or the default; anything else is a start-up error. */
function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]{1,15}$/.test(value)) throw new Error(`${name} must be a non-negative integer, not ${value}`);
  return Number(value);
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/** `DOCKET_RETENTION_SWEEP_MS`, for the hosts that read no other configuration (the embedded mode). */
export const retentionSweepMsFromEnv = (env: Env = process.env): number =>
  count('DOCKET_RETENTION_SWEEP_MS', nonEmpty(env.DOCKET_RETENTION_SWEEP_MS), DEFAULT_RETENTION_SWEEP_MS);

export function configFromEnv(env: Env = process.env): ServiceConfig {
  const optional = (name: string) => nonEmpty(env[name]);
  const dataDir = resolve(optional('DOCKET_DATA_DIR') ?? 'data');
  const run = profileFromEnv(env);
  const clock = optional('DOCKET_CLOCK') === 'adjustable' ? 'adjustable' : 'system';
  refuseAdjustableClock(run, clock);
  const config: ServiceConfig = {
    dataDir,
    timeZone: optional('DOCKET_TIME_ZONE') ?? 'Asia/Shanghai',
    clock,
    run,
    crypto: parseCryptoProfile(optional('DOCKET_CRYPTO')),
    retentionSweepMs: retentionSweepMsFromEnv(env),
    checkpoints: {
      dir: resolve(optional('DOCKET_CHECKPOINT_DIR') ?? join(dataDir, 'checkpoints')),
      everyEvents: count(
        'DOCKET_CHECKPOINT_EVERY_EVENTS',
        optional('DOCKET_CHECKPOINT_EVERY_EVENTS'),
        DEFAULT_CHECKPOINT_EVERY_EVENTS,
      ),
      everyMs: count(
        'DOCKET_CHECKPOINT_EVERY_MS',
        optional('DOCKET_CHECKPOINT_EVERY_MS'),
        DEFAULT_CHECKPOINT_EVERY_MS,
      ),
      ledgerId: optional('DOCKET_LEDGER_ID') ?? 'docket',
    },
  };
  const set = <K extends keyof ServiceConfig>(key: K, value: ServiceConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  set('ledgerUrl', optional('DOCKET_LEDGER_URL'));
  set('readModelsUrl', optional('DOCKET_READ_MODELS_URL'));
  set('natsUrl', optional('NATS_URL'));
  set('natsUser', optional('NATS_USER'));
  set('natsPassword', optional('NATS_PASSWORD'));
  set('directoryFile', optional('DOCKET_DIRECTORY_FILE'));
  const keyDir = optional('DOCKET_CHECKPOINT_KEY_DIR');
  if (keyDir !== undefined) config.checkpoints.keyDir = resolve(keyDir);
  const witness = optional('DOCKET_CHECKPOINT_WITNESS');
  if (witness !== undefined) config.checkpoints.witness = witness;
  return config;
}
