export { type CaseHistoryEntry, type CaseHistoryOptions, caseHistory } from './case-history';
export { type ChainScope, chainScopeOf, previousHashes } from './chain-links';
export { opinionOf, reasonOf } from './reason';
