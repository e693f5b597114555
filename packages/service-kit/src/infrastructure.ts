import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { type Bus, connectNatsBus } from '@docket/messaging';
import { openMongoReadModelStore, openSqliteReadModelStore, type ReadModelStore } from '@docket/projections';
import type { ServiceConfig } from './config';

/** The ledger: EventStoreDB when a URL is configured, else the SQLite file shared by every service. */
export async function openLedger(config: ServiceConfig): Promise<EventStore> {
  if (config.ledgerUrl !== undefined) {
    // Loaded only when configured: the embedded mode never pays for the gRPC client.
    const { openEventStoreDbLedger } = await import('@docket/event-store/eventstoredb');
    return openEventStoreDbLedger({ connectionString: config.ledgerUrl });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteLedger({ path: join(config.dataDir, 'ledger.db') });
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
