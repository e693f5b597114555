import { type PeriodicTask, startPeriodicTask } from '@docket/service-kit';
import type { AuditDeps } from './audit-deps';
import { type PersonalDataErasures, sweepRetentionAsSystem } from './personal-data-erasures';

/** The first sweep comes soon after a start, so a deployment restarted more often than the interval still sweeps. */
const FIRST_SWEEP_MS = 60_000;

/**
 * Erases, every `intervalMs` (DOCKET_RETENTION_SWEEP_MS, default a day), the personal data whose retention
 * has ended (sweepRetentionAsSystem). Periods are years long and end on 1 January, so a daily look is
 * punctual; each look reads the ledger once as stored (docs/benchmarks.md has its cost).
 */
export function startRetentionSweep(
  deps: AuditDeps,
  erasures: PersonalDataErasures,
  intervalMs: number,
): { stop(): Promise<void> } {
  if (intervalMs <= 0 || deps.personalData === undefined) return { stop: async () => undefined };
  const { logger } = deps;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = async () => {
    const done = await sweepRetentionAsSystem(deps, erasures.commands);
    for (const erased of done?.erased ?? [])
      logger.info('personal data erased: its retention ended', {
        subject: erased.subject,
        keysDestroyed: erased.keysDestroyed,
        position: erased.position?.toString(),
      });
    for (const subject of done?.cameBack ?? [])
      logger.info('personal data kept: its retention ended, but a new case names the person', { subject });
  };
  const failure = 'the retention sweep failed; the next one tries again';
  let periodic: PeriodicTask | undefined;
  const first = setTimeout(
    () => {
      sweeping = sweep().catch((error) => logger.error(failure, error));
      periodic = startPeriodicTask({ intervalMs, task: sweep, logger, failure });
    },
    Math.min(intervalMs, FIRST_SWEEP_MS),
  );
  return {
    async stop() {
      clearTimeout(first);
      await sweeping;
      await periodic?.stop();
    },
  };
}
