export { LEDGER_FORMAT, LEDGER_FORMAT_VERSION } from './schema';
export type { SubscriptionReadStats } from './shared-reader';
export { openSqliteLedger, SqliteEventStore, type SqliteLedgerOptions } from './sqlite-event-store';
