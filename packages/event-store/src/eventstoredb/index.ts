export type { ChainCheckpoint } from './chain';
export {
  EventStoreDbLedger,
  type EventStoreDbLedgerOptions,
  openEventStoreDbLedger,
} from './eventstoredb-ledger';
export { GlobalChainFollower, type GlobalChainFollowerOptions, GlobalChainForked } from './follower';
