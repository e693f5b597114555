import { runServiceProcess } from '@docket/service-kit';
import { auditOptionsFromConfig, startAudit } from './audit';

/** `node services/audit/dist/main.js`: the audit service in its own process. */
void runServiceProcess('audit', (deps, config) => startAudit({ ...deps, ...auditOptionsFromConfig(config) }));
