import 'reflect-metadata';
import { audit } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import { door, hostService, type RunningService, type ServiceConfig } from '@docket/service-kit';
import { AuditModule } from './audit.module';
import type { AuditDeps, AuditOptions } from './audit-deps';
import { AuditQueries } from './audit-queries';
import { openCheckpointSigner } from './checkpoint-signer';

/** The streams the audit service alone writes (and relays): the disclosures of personal data. */
export const AUDIT_STREAMS = ['disclosure-'];

/** The audit options from the process configuration (DOCKET_CHECKPOINT_*, DOCKET_LEDGER_ID; infra/README.md). */
export const auditOptionsFromConfig = (config: ServiceConfig): AuditOptions => ({
  keyDir: config.checkpoints.keyDir,
  checkpointDir: config.checkpoints.dir,
  ledgerId: config.checkpoints.ledgerId,
  checkpointEveryEvents: config.checkpoints.everyEvents,
  checkpointEveryMs: config.checkpoints.everyMs,
});

/**
 * 审计 (audit): case histories, the state of a case as of any past moment, exports with inclusion proofs,
 * ledger verification and signed checkpoints, all from the ledger alone; personal data masked unless the
 * reader may see it or an auditor had it disclosed (itself an audited event). It hosts no read model.
 */
export async function startAudit(deps: AuditDeps): Promise<RunningService> {
  const signer = await openCheckpointSigner(deps);
  let running: RunningService;
  try {
    running = await hostService({
      name: 'audit',
      deps,
      projections: [],
      streamPrefixes: AUDIT_STREAMS,
      listen: async () => {
        const app = await createBusMicroservice(AuditModule.forRoot(deps, signer), {
          bus: deps.bus,
          service: 'audit',
          logger: false,
          serve: (app) => door(audit, { providers: [app.get(AuditQueries)] }),
        });
        await app.listen();
        return app;
      },
    });
  } catch (error) {
    await signer.stop();
    throw error;
  }
  signer.start();
  return {
    name: running.name,
    settled: () => running.settled(),
    async close() {
      await running.close();
      await signer.stop();
    },
  };
}
