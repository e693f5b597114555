export { drawId, newComplaintId, newSupervisionOrderId } from './ids';
export { scoreDeductionsFromEnv, scoreRulesOf } from './scores/score-rules';
export { SUPERVISION_STREAMS, startSupervision, supervisionProjections } from './supervision';
export type { SupervisionDeps, SupervisionOptions } from './supervision-deps';
