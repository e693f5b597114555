import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, hashAlgorithmOf, openSqliteLedger } from '@docket/event-store';
import { type Bus, connectNatsBus } from '@docket/messaging';
import { openDataDirVault, type PersonalDataVault, suitesFor } from '@docket/personal-data';
import { openMongoReadModelStore, openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import type { ServiceConfig } from './config';

/** The ledger: EventStoreDB when a URL is configured, else the SQLite file shared by every service. */
export async function openLedger(config: ServiceConfig): Promise<EventStore> {
  if (config.ledgerUrl !== undefined) {
    if (config.crypto === 'gm') {
      throw new Error(
        'DOCKET_CRYPTO=gm (国密: an SM3 chain) needs the SQLite ledger; the EventStoreDB adapter chains with SHA-256 only',
      );
    }
    // Loaded only when configured: the embedded mode never pays for the gRPC client.
    const { openEventStoreDbLedger } = await import('@docket/event-store/eventstoredb');
    return openEventStoreDbLedger({ connectionString: config.ledgerUrl });
  }
  mkdirSync(config.dataDir, { recursive: true });
  // A new ledger records the configured hash in its head; an existing one of the other is refused.
  return openSqliteLedger({
    path: join(config.dataDir, 'ledger.db'),
    hashAlgorithm: hashAlgorithmOf(config.crypto),
  });
}

/**
 * The vault of the personal data the SQLite ledger holds sealed (packages/personal-data): the data
 * directory's, in `DOCKET_PERSONAL_DATA_KEY_DIR` (default `$XDG_CONFIG_HOME/docket/personal-data`), made on
 * first start; every process of the machine shares it as it shares the ledger. None with EventStoreDB: its
 * services run on several machines, which one vault file cannot serve (that needs a key service: see
 * packages/personal-data/README.md), so there personal data is stored as it comes.
 */
export function openPersonalData(config: ServiceConfig): PersonalDataVault | undefined {
  if (config.ledgerUrl !== undefined) return undefined;
  // 国密: SM4-CTR + HMAC-SM3 seals (values and the keys the vault wraps); either suite opens.
  return openDataDirVault(config.dataDir, { suites: suitesFor(config.crypto) });
}

/**
 * A service's own read-model store: MongoDB (one database per service, so collection names never
 * collide) or a SQLite file per service. Read models are rebuildable; the ledger is the record.
 */
export async function openReadModels(config: ServiceConfig, service: string): Promise<ReadModelStore> {
  if (config.readModelsUrl !== undefined) {
    const url = new URL(config.readModelsUrl);
    const base = url.pathname.replace(/^\//, '') || 'docket';
    return openMongoReadModelStore({ url: config.readModelsUrl, database: `${base}-${service}` });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteReadModelStore({ path: join(config.dataDir, `${service}.read.db`) });
}

/** The NATS bus with the service's own credentials. */
export async function connectBus(config: ServiceConfig, service: string): Promise<Bus> {
  if (config.natsUrl === undefined) throw new Error(`${service}: NATS_URL is not set`);
  const user = config.natsUser;
  return connectNatsBus({
    servers: config.natsUrl.split(',').map((s) => s.trim()),
    name: service,
    ...(user === undefined ? {} : { connection: { user, pass: config.natsPassword ?? '' } }),
  });
}
