import type { ScoreCounts, ScoreRefs } from '@docket/domain';
import { Inject, Injectable } from '@nestjs/common';
import {
  COMPLAINTS,
  COMPLAINTS_PROJECTION,
  type ComplaintDocument,
} from '../complaints/complaints.projection';
import { OtherServices } from '../facts/other-services';
import { ORDERS, ORDERS_PROJECTION } from '../orders/orders.projection';
import { RATINGS, RATINGS_PROJECTION } from '../ratings/ratings.projection';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/** A month's counts, with what the itemised deductions are for, and whether monitoring had caught up. */
export type CountedMonth = ScoreCounts & { refs: ScoreRefs; complete: boolean };

/**
 * What a department's month is scored on (月度考核): the cards raised on its cases, its refusals without
 * a reason and its cases deemed approved (超时默认, by case number), as the monitoring service counted them
 * (`monitoring.qry.counts`); the supervision orders issued to it, its ratings that still count as
 * dissatisfied and the complaints about it found substantiated (投诉属实, by id, in the month of the
 * finding), from supervision's own read models. All by the centre's local month.
 */
@Injectable()
export class ScoreCounter {
  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly others: OtherServices,
  ) {}

  /**
   * `asOf`: a ledger position monitoring is asked to have applied before it counts (a lock's); `complete`
   * says whether it had (else the cards may be short of it).
   */
  async counts(department: string, month: string, asOf?: bigint): Promise<CountedMonth> {
    const store = this.deps.readModels;
    const [monitored, supervisionOrders, dissatisfiedRatings, substantiated] = await Promise.all([
      this.others.monitoringCounts(department, month, asOf),
      store.count(ORDERS, { department, month }),
      store.count(RATINGS, { department, month, countsAsDissatisfied: true }),
      store.find<ComplaintDocument>(COMPLAINTS, {
        where: { department, substantiatedMonth: month },
        orderBy: [{ field: 'submittedAt', direction: 'asc' }],
      }),
    ]);
    const refs: ScoreRefs = {
      substantiatedComplaints: substantiated.map((c) => c.id),
      deemedApprovals: monitored.deemedApprovals,
    };
    return {
      yellow: monitored.yellow,
      red: monitored.red,
      refusalWithoutReason: monitored.refusalWithoutReason,
      supervisionOrders,
      dissatisfiedRatings,
      substantiatedComplaints: refs.substantiatedComplaints.length,
      deemedApprovals: refs.deemedApprovals.length,
      refs,
      complete: monitored.complete,
    };
  }

  /**
   * Waits (at most `timeoutMs`) until the orders, ratings and complaints read models have applied every
   * order, rating and complaint event the ledger holds now: a lock counts everything recorded before it. (Asked of the ledger
   * per stream prefix: a checkpoint may trail the head by other services' events it only skips.)
   * Answers the read models still behind when the wait ended (none: caught up).
   */
  async caughtUp(timeoutMs = 2000): Promise<string[]> {
    const watched = [
      { projection: ORDERS_PROJECTION, prefix: 'order-' },
      { projection: RATINGS_PROJECTION, prefix: 'rating-' },
      { projection: COMPLAINTS_PROJECTION, prefix: 'complaint-' },
    ];
    const deadline = Date.now() + timeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      const behind = await Promise.all(
        watched.map(async ({ projection, prefix }) => {
          const checkpoint = await this.deps.readModels.checkpoint(projection);
          const unapplied = await this.deps.ledger.readAll({
            ...(checkpoint === undefined ? {} : { after: checkpoint }),
            filter: { streamPrefixes: [prefix] },
            maxCount: 1,
          });
          return unapplied.length > 0 ? [projection] : [];
        }),
      );
      if (behind.flat().length === 0 || Date.now() >= deadline) return behind.flat();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
