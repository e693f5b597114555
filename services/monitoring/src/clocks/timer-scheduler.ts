import { utc } from '@docket/domain';
import { type PeriodicTask, startPeriodicTask } from '@docket/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MonitoringDeps } from '../monitoring-deps';
import { MONITORING } from '../tokens';
import { CLOCKS, type ClockDocument } from '../views/clocks.projection';
import { ClockCommands } from './clock-commands';

/**
 * Clocks evaluated side by side, and per look. Side by side matters for the ledger: every append queued
 * while the others are deciding goes into one group commit (one fsync), so 256 at a time fire a day's
 * warnings about 1.6× faster than 32 did (timers benchmark, 10,000 clocks).
 */
const CONCURRENCY = 256;
const BATCH = 2000;

/**
 * The timers (reminders, cards, deadlines passed) are not held in memory: each clock's read model
 * document says when its next warning is due (`nextDueAt`, recorded by the clock's events). Every
 * interval the scheduler looks for the clocks past it and evaluates them; the clock's decider issues
 * each warning once. So a restart loses no timer and fires none twice, and domain time moved forward
 * (a demo, a test) is seen at the next look.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private periodic: PeriodicTask | undefined;
  private stopped = false;

  constructor(
    @Inject(MONITORING) private readonly deps: MonitoringDeps,
    private readonly clocks: ClockCommands,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = startPeriodicTask({
      intervalMs: this.deps.timerIntervalMs ?? 1000,
      task: () => this.evaluateDue(),
      logger: this.deps.logger,
      failure: 'timer evaluation failed; trying again',
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.periodic?.stop();
  }

  /** Waits (at most 2 s) until the clocks read model has applied everything in the ledger so far. */
  private async projected(): Promise<void> {
    const head = (await this.deps.ledger.head()).position;
    const deadline = Date.now() + 2000;
    while (head !== undefined && Date.now() < deadline) {
      const at = await this.deps.readModels.checkpoint('monitoring-clocks');
      if (at !== undefined && at >= head) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Evaluates every clock whose next warning is due now; answers how many were evaluated. */
  async evaluateDue(): Promise<number> {
    let evaluated = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const due = await this.deps.readModels.find<ClockDocument>(CLOCKS, {
        where: { nextDueAt: { lt: utc(now) } },
        orderBy: [{ field: 'nextDueAt', direction: 'asc' }],
        limit: BATCH,
      });
      if (due.length === 0 || this.stopped) return evaluated;
      const queue = [...due];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let clock = queue.shift(); clock !== undefined; clock = queue.shift()) {
            try {
              await this.clocks.run(clock.caseNo, 'EvaluateTimers', {}, { now });
            } catch (error) {
              this.deps.logger.warn(`clock of ${clock.caseNo} not evaluated`, { error: String(error) });
            }
          }
        }),
      );
      evaluated += due.length;
      if (due.length < BATCH) return evaluated;
      // The read model moves on as the clocks' events are projected; wait for it before looking again,
      // or the same clocks come back (harmless: an evaluation with nothing due writes nothing).
      await this.projected();
    }
  }
}
