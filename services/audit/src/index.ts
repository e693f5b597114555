export { AUDIT_STREAMS, auditOptionsFromConfig, checkpointPlaces, startAudit } from './audit';
export type { AuditDeps, AuditOptions } from './audit-deps';
export { DISCLOSURE_EVENT } from './disclosure';
export { collectPersonalData, maskPersonalData } from './masking';
