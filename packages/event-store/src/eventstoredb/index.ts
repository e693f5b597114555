export type { ChainCheckpoint } from './chain';
export {
  CORRELATION_PROJECTION,
  CORRELATION_PROJECTION_QUERY,
  CorrelationIndexUnavailable,
} from './correlation';
export {
  EventStoreDbLedger,
  type EventStoreDbLedgerOptions,
  openEventStoreDbLedger,
} from './eventstoredb-ledger';
export { GlobalChainFollower, type GlobalChainFollowerOptions, GlobalChainForked } from './follower';
