import { utc } from '@docket/domain';
import type { ReadModelDocument } from '@docket/projections';
import { type PeriodicTask, startPeriodicTask } from '@docket/service-kit';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ComplaintCommands } from '../complaints/complaint-commands';
import { COMPLAINTS, COMPLAINTS_PROJECTION } from '../complaints/complaints.projection';
import { OrderCommands } from '../orders/order-commands';
import { ORDERS, ORDERS_PROJECTION } from '../orders/orders.projection';
import { RatingCommands } from '../ratings/rating-commands';
import { RATINGS, RATINGS_PROJECTION } from '../ratings/ratings.projection';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/** Items flagged side by side, and per look. */
const CONCURRENCY = 8;
const BATCH = 500;

/**
 * The decider's answer that there is nothing (more) to flag: already flagged, answered, decided or
 * closed, or no rectification owed. The flag is then done. A deadline "not yet passed" is not among
 * them: it is looked at again.
 */
const isDone = (error: unknown): boolean => {
  const { kind, code } = (error ?? {}) as { kind?: unknown; code?: unknown };
  return (
    kind === 'illegal_transition' ||
    kind === 'not_found' ||
    code === 'RectificationNotDue' ||
    code === 'RatingNotBad'
  );
};

interface Due extends ReadModelDocument {
  caseNo?: string | null;
}

/** One deadline the timer watches: where its due items are, and the flag it raises. */
interface Watch {
  name: string;
  collection: string;
  field: string;
  projection: string;
  flag(item: Due, now: string): Promise<void>;
}

/**
 * The overdue flags (受理超期, 督办回复超期, 整改超期) are not held in memory: each read-model document says
 * when its deadline passes while nothing has answered it (`acceptDueAt`, `replyDueAt`, `rectifyDueAt`,
 * cleared by the answer and by the flag). Every interval the scheduler looks for those past now and asks
 * the decider to flag them, as `system:supervision`; the decider flags each deadline once and refuses a
 * second flag, which is then done. So a restart loses no timer and raises none twice, and domain time
 * moved forward (a demo, a test) is seen at the next look.
 */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private periodic: PeriodicTask | undefined;
  private stopped = false;
  /** Items the decider says are done while the read model still shows them due (it lags): not asked again. */
  private readonly done = new Set<string>();
  private readonly watches: Watch[];

  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    complaints: ComplaintCommands,
    orders: OrderCommands,
    ratings: RatingCommands,
  ) {
    this.watches = [
      {
        name: 'complaint',
        collection: COMPLAINTS,
        field: 'acceptDueAt',
        projection: COMPLAINTS_PROJECTION,
        flag: (item, now) => complaints.flagOverdue(item.id, now, item.caseNo ?? null),
      },
      {
        name: 'order',
        collection: ORDERS,
        field: 'replyDueAt',
        projection: ORDERS_PROJECTION,
        flag: (item, now) => orders.flagOverdue(item.id, now, item.caseNo ?? null),
      },
      {
        name: 'rating',
        collection: RATINGS,
        field: 'rectifyDueAt',
        projection: RATINGS_PROJECTION,
        flag: (item, now) => ratings.flagOverdue(item.id, now),
      },
    ];
  }

  onApplicationBootstrap(): void {
    this.periodic = startPeriodicTask({
      intervalMs: this.deps.timerIntervalMs ?? 1000,
      task: () => this.flagDue(),
      logger: this.deps.logger,
      failure: 'overdue flags failed; trying again',
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.periodic?.stop();
  }

  /** Flags everything whose deadline has passed now; answers how many flags were asked for. */
  async flagDue(): Promise<number> {
    let asked = 0;
    for (const watch of this.watches) asked += await this.flagDueOf(watch);
    return asked;
  }

  private async flagDueOf(watch: Watch): Promise<number> {
    let asked = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const due = await this.deps.readModels.find<Due>(watch.collection, {
        where: { [watch.field]: { lt: utc(now) } },
        orderBy: [{ field: watch.field, direction: 'asc' }],
        limit: BATCH,
      });
      const keys = new Set(due.map((item) => `${watch.name}:${item.id}`));
      // What is no longer due has left the read model: forget it (the set stays small).
      for (const key of this.done)
        if (key.startsWith(`${watch.name}:`) && !keys.has(key)) this.done.delete(key);
      const queue = due.filter((item) => !this.done.has(`${watch.name}:${item.id}`));
      if (queue.length === 0 || this.stopped) return asked;
      asked += queue.length;
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
            try {
              await watch.flag(item, now);
            } catch (error) {
              if (isDone(error)) this.done.add(`${watch.name}:${item.id}`);
              else if ((error as { kind?: unknown } | null)?.kind !== 'rule_broken')
                this.deps.logger.warn(`${watch.name} ${item.id} not flagged`, { error: String(error) });
            }
          }
        }),
      );
      if (due.length < BATCH) return asked;
      // The read model moves on as the flags are projected; wait for it before looking again.
      await this.projected(watch.projection);
    }
  }

  /** Waits (at most 2 s) until a read model has applied everything in the ledger so far. */
  private async projected(projection: string): Promise<void> {
    const head = (await this.deps.ledger.head()).position;
    const deadline = Date.now() + 2000;
    while (head !== undefined && Date.now() < deadline) {
      const at = await this.deps.readModels.checkpoint(projection);
      if (at !== undefined && at >= head) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
