import { resolve } from 'node:path';

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
   * (`<dataDir>/domain-time.json`, shared by every process of one machine). Never in production.
   */
  clock: 'system' | 'adjustable';
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

export function configFromEnv(env: Env = process.env): ServiceConfig {
  const optional = (name: string) => nonEmpty(env[name]);
  const config: ServiceConfig = {
    dataDir: resolve(optional('DOCKET_DATA_DIR') ?? 'data'),
    timeZone: optional('DOCKET_TIME_ZONE') ?? 'Asia/Shanghai',
    clock: optional('DOCKET_CLOCK') === 'adjustable' ? 'adjustable' : 'system',
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
  return config;
}
