export { type AsOf, type CaseStateAsOf, caseStateAsOf } from './case-state';
export { type CaseStates, foldCase } from './fold-case';
export { InvalidAsOf, instantNanos } from './instant';
