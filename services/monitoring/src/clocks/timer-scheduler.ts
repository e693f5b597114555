import { utc } from '@docket/domain';
import { type PeriodicTask, startPeriodicTask } from '@docket/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MonitoringDeps } from '../monitoring-deps';
import { MONITORING } from '../tokens';
import type { ClockDocument } from '../views/clocks.projection';
import { ClockBook } from './clock-book';
import { ClockCommands } from './clock-commands';
import { ClockTimers } from './clock-timers';
import { dueClocks } from './due-clocks';

/**
 * Clocks read per page, and evaluated at once: a page's appends are queued together and go into one
 * group commit (one transaction, one fsync), and the next page is read while they are written.
 */
const PAGE = 1000;

/**
 * A look waits for the clocks read model to apply what the look before it appended for as long as the
 * read model moves; when it has not moved for this long (stopped, restarting), the look goes ahead.
 */
const PROJECTION_PATIENCE_MS = 2000;

/**
 * The timers (reminders, cards, deadlines passed) are not held in memory: each clock's read model
 * document says when its next warning is due (`nextDueAt`, recorded by the clock's events). Every
 * interval the scheduler looks for the clocks past it and evaluates them; the clock's decider issues
 * each warning once. So a restart loses no timer and fires none twice, and domain time moved forward
 * (a demo, a test) is seen at the next look. The clocks' states are held in memory (`ClockBook`), and
 * checked by the ledger at each append (see `ClockTimers`).
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private periodic: PeriodicTask | undefined;
  private stopped = false;
  private readonly timers: ClockTimers;
  /** The ledger's head after the last look that appended: the next look lets the read model reach it. */
  private appendedUpTo: bigint | undefined;

  constructor(
    @Inject(MONITORING) private readonly deps: MonitoringDeps,
    clocks: ClockCommands,
    book: ClockBook,
  ) {
    this.timers = new ClockTimers(deps.ledger, clocks, book);
  }

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

  /**
   * Evaluates every clock whose next warning is due now, page after page without waiting for the read
   * model; answers how many were evaluated.
   */
  async evaluateDue(): Promise<number> {
    await this.projected();
    const now = this.deps.clock.now();
    let evaluated = 0;
    let evaluating: Promise<unknown> = Promise.resolve();
    for await (const page of dueClocks(this.deps.readModels, utc(now), PAGE)) {
      if (this.stopped) break;
      await evaluating;
      evaluating = Promise.all(page.map((clock) => this.evaluate(clock, now)));
      evaluated += page.length;
    }
    await evaluating;
    if (evaluated > 0) this.appendedUpTo = (await this.deps.ledger.head()).position;
    return evaluated;
  }

  private async evaluate(clock: ClockDocument, now: string): Promise<void> {
    try {
      const projected = clock.revision === undefined ? undefined : BigInt(clock.revision);
      await this.timers.evaluate(clock.caseNo, projected, now);
    } catch (error) {
      this.deps.logger.warn(`clock of ${clock.caseNo} not evaluated`, { error: String(error) });
    }
  }

  /**
   * The read model moves a clock's nextDueAt on when it applies the clock's new events. A look that
   * started before it did would list the clocks just evaluated again: harmless (their states held say
   * that nothing is due, and nothing is written) but not free, and after a day's warnings the read model
   * can be seconds behind. So a look first waits for it, as long as it is catching up.
   */
  private async projected(): Promise<void> {
    const target = this.appendedUpTo;
    this.appendedUpTo = undefined;
    let seen: bigint | undefined;
    let movedAt = Date.now();
    while (target !== undefined && !this.stopped && Date.now() - movedAt < PROJECTION_PATIENCE_MS) {
      const at = await this.deps.readModels.checkpoint('monitoring-clocks');
      if (at !== undefined && at >= target) return;
      if (at !== seen) {
        seen = at;
        movedAt = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
