import 'reflect-metadata';
import { checkpointKeyPlace, WITNESS_VARIABLE } from '@docket/audit';
import { audit } from '@docket/contracts';
import { createBusMicroservice } from '@docket/nest-bus';
import { door, hostService, type RunningService, type ServiceConfig } from '@docket/service-kit';
import { AuditModule } from './audit.module';
import type { AuditDeps, AuditOptions } from './audit-deps';
import { AuditQueries } from './audit-queries';
import { openCheckpointSigner } from './checkpoint-signer';
import { PersonalDataErasures } from './personal-data-erasures';
import { startRetentionSweep } from './retention-sweep';

/** The streams the audit service alone writes (and relays): the disclosures and erasures of personal data. */
export const AUDIT_STREAMS = ['disclosure-', 'personal-data-'];

/** The audit options from the process configuration (DOCKET_CHECKPOINT_*, DOCKET_LEDGER_ID; infra/README.md). */
export const auditOptionsFromConfig = (config: ServiceConfig): AuditOptions => ({
  ...checkpointPlaces(config.dataDir, {
    keyDir: config.checkpoints.keyDir,
    witness: config.checkpoints.witness,
  }),
  checkpointDir: config.checkpoints.dir,
  ledgerId: config.checkpoints.ledgerId,
  checkpointEveryEvents: config.checkpoints.everyEvents,
  checkpointEveryMs: config.checkpoints.everyMs,
  retentionSweepMs: config.retentionSweepMs,
});

/**
 * Where the key is and where checkpoints go, for every mode that hosts the audit service (the networked
 * process, the embedded mode): the key directory by @docket/audit's rule (given, else a key still in
 * `<dataDir>/keys`, else `$XDG_CONFIG_HOME/docket/keys`), the witnesses given or DOCKET_CHECKPOINT_WITNESS.
 */
export function checkpointPlaces(
  dataDir: string,
  given: { keyDir?: string | undefined; witness?: string | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): Pick<AuditOptions, 'keyDir' | 'dataDir' | 'checkpointWitness'> {
  const witness = given.witness ?? env[WITNESS_VARIABLE];
  return {
    keyDir: checkpointKeyPlace(dataDir, { keyDir: given.keyDir, env }).keyDir,
    dataDir,
    ...(witness === undefined || witness.trim() === '' ? {} : { checkpointWitness: witness }),
  };
}

/**
 * 审计 (audit): case histories, the state of a case as of any past moment, exports with inclusion proofs,
 * ledger verification and signed checkpoints, all from the ledger alone; personal data masked unless the
 * reader may see it or an auditor had it disclosed (itself an audited event). It hosts no read model.
 */
export async function startAudit(deps: AuditDeps): Promise<RunningService> {
  const signing = await openCheckpointSigner(deps);
  const { signer } = signing;
  let running: RunningService;
  let erasures: PersonalDataErasures | undefined;
  try {
    running = await hostService({
      name: 'audit',
      deps,
      projections: [],
      streamPrefixes: AUDIT_STREAMS,
      warnings: signing.warnings,
      listen: async () => {
        const app = await createBusMicroservice(AuditModule.forRoot(deps, signer), {
          bus: deps.bus,
          service: 'audit',
          logger: false,
          serve: (app) => {
            const erasing = app.get(PersonalDataErasures);
            erasures = erasing;
            return door(audit, { providers: [app.get(AuditQueries), erasing] });
          },
        });
        await app.listen();
        return app;
      },
    });
  } catch (error) {
    await signing.stop();
    throw error;
  }
  signing.start();
  const retention =
    erasures === undefined ? undefined : startRetentionSweep(deps, erasures, deps.retentionSweepMs ?? 0);
  return {
    name: running.name,
    settled: () => running.settled(),
    async close() {
      await retention?.stop();
      await running.close();
      await signing.stop();
    },
  };
}
