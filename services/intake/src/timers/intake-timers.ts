import { type ApplicationCommand, applicationStreamName, systemActor, utc } from '@docket/domain';
import { type PeriodicTask, startPeriodicTask } from '@docket/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ApplicationCommands } from '../applications/application-commands';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';
import {
  INTAKE_DEADLINES_PROJECTION,
  INTAKE_DUE,
  type IntakeDueDocument,
  type IntakeDueKind,
} from './intake-deadlines.projection';

/** Applications handled side by side, and per look. */
const CONCURRENCY = 8;
const BATCH = 500;

const COMMANDS: Record<IntakeDueKind, ApplicationCommand['type']> = {
  window_reminder: 'RemindCorrectionWindow',
  acceptance_by_law: 'AcceptOnReceipt',
  correction_expiry: 'ExpireCorrection',
};

/**
 * What a document owes at `now`: the correction window closed (accept by operation of law; its reminder,
 * if it was never sent, is passed over), or its reminder is due, or the supplement deadline passed.
 * Deadlines are compared as UTC instants (`utc`), strictly after: the decider wants the window closed.
 */
export function owedAt(doc: IntakeDueDocument, now: string): IntakeDueKind | undefined {
  if (doc.windowClosesAt !== null && doc.windowClosesAt < now) return 'acceptance_by_law';
  if (doc.reminderAt !== null && doc.reminderAt <= now) return 'window_reminder';
  if (doc.supplementDeadline !== null && doc.supplementDeadline < now) return 'correction_expiry';
  return undefined;
}

/**
 * The decider's answer that there is nothing (more) to do: already reminded, accepted, declined,
 * corrected, withdrawn, closed. Then the item is done until the read model catches up. "Not yet due"
 * (a rule broken) is looked at again.
 */
const isDone = (error: unknown): boolean => {
  const { kind } = (error ?? {}) as { kind?: unknown };
  return kind === 'illegal_transition' || kind === 'not_found';
};

/**
 * The timers before acceptance, held in no memory: the `intake_due` read model says when each
 * application's next deadline is due (from its own events). Every interval (`timerIntervalMs`, default
 * 1000 ms, `DOCKET_TIMER_INTERVAL_MS`) the scheduler looks for those past now and sends the command the
 * deadline calls for, as `system:intake`, dated at the look, with an idempotency key per case and
 * deadline:
 * - `RemindCorrectionWindow`: the window unit is reminded that the correction window closes (行政许可法
 *   Art. 32), a working day before by default;
 * - `AcceptOnReceipt`: the window closed with no acceptance, decline or correction notice: accepted by
 *   operation of law (视为受理), from the submission, the window unit answerable;
 * - `ExpireCorrection`: the supplement deadline of the correction notice passed: the application ends
 *   (逾期未补正, `rejected_after_correction_expired`).
 * The decider acts once and refuses a repeat, so a restart loses no timer and fires none twice, and
 * domain time moved forward (a demo, a test) is seen at the next look.
 */
@Injectable()
export class IntakeTimers implements OnApplicationBootstrap, OnModuleDestroy {
  private periodic: PeriodicTask | undefined;
  private stopped = false;
  private readonly actor = systemActor('intake');
  /** Deadlines the decider says are done while the read model still lists them (it lags). */
  private readonly done = new Set<string>();

  constructor(
    @Inject(INTAKE) private readonly deps: IntakeDeps,
    private readonly applications: ApplicationCommands,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = startPeriodicTask({
      intervalMs: this.deps.timerIntervalMs ?? 1000,
      task: () => this.actOnDue(),
      logger: this.deps.logger,
      failure: 'intake timers failed; trying again',
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.periodic?.stop();
  }

  /** Sends every command due now; answers how many were sent. */
  async actOnDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const nowUtc = utc(now);
      const due = await this.deps.readModels.find<IntakeDueDocument>(INTAKE_DUE, {
        where: { dueAt: { lte: nowUtc } },
        orderBy: [{ field: 'dueAt', direction: 'asc' }],
        limit: BATCH,
      });
      const work = due.flatMap((doc) => {
        const kind = owedAt(doc, nowUtc);
        return kind === undefined ? [] : [{ doc, kind, key: `${kind}:${doc.caseNo}` }];
      });
      const keys = new Set(work.map((item) => item.key));
      for (const key of this.done) if (!keys.has(key)) this.done.delete(key);
      const queue = work.filter((item) => !this.done.has(item.key));
      if (queue.length === 0 || this.stopped) return sent;
      sent += queue.length;
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
            try {
              await this.send(item.doc.caseNo, item.kind, now);
            } catch (error) {
              if (isDone(error)) this.done.add(item.key);
              // Anything else is looked at again at the next look; only the unexpected is logged.
              else if ((error as { kind?: unknown } | null)?.kind !== 'rule_broken')
                this.deps.logger.warn(`${item.kind} of ${item.doc.caseNo} not recorded`, {
                  error: String(error),
                });
            }
          }
        }),
      );
      if (due.length < BATCH) return sent;
      await this.projected();
    }
  }

  private async send(caseNo: string, kind: IntakeDueKind, now: string): Promise<void> {
    await this.applications.runner.run(
      applicationStreamName(caseNo),
      COMMANDS[kind],
      {},
      {
        subject: `intake.timer.${COMMANDS[kind]}`,
        headers: {},
        actor: this.actor,
        caseNo,
        now,
        idempotencyKey: `intake-timer:${kind}:${caseNo}`,
      },
    );
  }

  /** Waits (at most 2 s) until the read model has applied everything in the ledger so far. */
  private async projected(): Promise<void> {
    const head = (await this.deps.ledger.head()).position;
    const deadline = Date.now() + 2000;
    while (head !== undefined && Date.now() < deadline) {
      const at = await this.deps.readModels.checkpoint(INTAKE_DEADLINES_PROJECTION);
      if (at !== undefined && at >= head) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
