import type { ScoreCounts } from '@docket/domain';
import { Inject, Injectable } from '@nestjs/common';
import { OtherServices } from '../facts/other-services';
import { ORDERS, ORDERS_PROJECTION } from '../orders/orders.projection';
import { RATINGS, RATINGS_PROJECTION } from '../ratings/ratings.projection';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/**
 * What a department's month is scored on (月度考核): the cards raised on its cases and its refusals without
 * a reason, as the monitoring service counted them (`monitoring.qry.counts`), and the supervision orders
 * issued to it and its ratings that still count as dissatisfied, from supervision's own read models. All
 * by the centre's local month.
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
  async counts(
    department: string,
    month: string,
    asOf?: bigint,
  ): Promise<ScoreCounts & { complete: boolean }> {
    const store = this.deps.readModels;
    const [monitored, supervisionOrders, dissatisfiedRatings] = await Promise.all([
      this.others.monitoringCounts(department, month, asOf),
      store.count(ORDERS, { department, month }),
      store.count(RATINGS, { department, month, countsAsDissatisfied: true }),
    ]);
    return {
      yellow: monitored.yellow,
      red: monitored.red,
      refusalWithoutReason: monitored.refusalWithoutReason,
      supervisionOrders,
      dissatisfiedRatings,
      complete: monitored.complete,
    };
  }

  /**
   * Waits (at most `timeoutMs`) until the orders and ratings read models have applied every order and
   * rating event the ledger holds now: a lock counts everything recorded before it. (Asked of the ledger
   * per stream prefix: a checkpoint may trail the head by other services' events it only skips.)
   * Answers the read models still behind when the wait ended (none: caught up).
   */
  async caughtUp(timeoutMs = 2000): Promise<string[]> {
    const watched = [
      { projection: ORDERS_PROJECTION, prefix: 'order-' },
      { projection: RATINGS_PROJECTION, prefix: 'rating-' },
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
