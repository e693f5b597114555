import {
  type MonthlyScoreView,
  type ParsedRequestOf,
  type QuarterlyGradeView,
  supervision,
} from '@docket/contracts';
import { computeMonthlyScore, quarterlyGrade } from '@docket/domain';
import { Forbidden } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import { actorOf, awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { COMPLAINTS_PROJECTION } from '../complaints/complaints.projection';
import { NoSuchDepartment } from '../errors';
import { ORDERS_PROJECTION } from '../orders/orders.projection';
import { RATINGS_PROJECTION } from '../ratings/ratings.projection';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';
import { monthsOfQuarter } from '../views/local-time';
import { canRead, reachOf } from '../views/visibility';
import { ScoreCounter } from './score-counts';
import { scoreRulesOf } from './score-rules';
import { SCORES, SCORES_PROJECTION, type ScoreDocument, scoreId } from './scores.projection';

/**
 * The month's score of a department: locked (the read model of the locked months, as the event says) or,
 * until then, provisional (computed now from the counts so far with the rules a lock would use); and the
 * quarterly grade, from the three locked months only.
 */
@Injectable()
export class ScoreQueries {
  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly counter: ScoreCounter,
  ) {}

  async score(
    { department, month }: ParsedRequestOf<typeof supervision.score>,
    { headers, subject }: Message,
  ): Promise<MonthlyScoreView> {
    this.checkReader(department, headers, subject, 'ReadMonthlyScore');
    await awaitPosition(this.deps.readModels, [SCORES_PROJECTION], headers);
    const locked = await this.deps.readModels.get<ScoreDocument>(SCORES, scoreId(department, month));
    if (locked !== undefined) {
      const { id: _, ...view } = locked;
      // A document projected before `refs` existed has none: the month was locked without them.
      return { ...view, refs: view.refs ?? null };
    }
    // Provisional: counted from the orders, ratings and complaints read models: read your writes there too.
    await awaitPosition(
      this.deps.readModels,
      [ORDERS_PROJECTION, RATINGS_PROJECTION, COMPLAINTS_PROJECTION],
      headers,
    );
    const { complete: _complete, refs, ...counts } = await this.counter.counts(department, month);
    const rules = scoreRulesOf(this.deps);
    return {
      department,
      month,
      status: 'provisional',
      counts,
      ...computeMonthlyScore(counts, rules),
      rules,
      refs,
      note: null,
      lockedAt: null,
      lockedBy: null,
    };
  }

  /** 季度考核: QuarterNeedsThreeMonths (422) until all three months of the quarter are locked. */
  async quarterlyGrade(
    { department, quarter }: ParsedRequestOf<typeof supervision.quarterlyGrade>,
    { headers, subject }: Message,
  ): Promise<QuarterlyGradeView> {
    this.checkReader(department, headers, subject, 'ReadQuarterlyGrade');
    await awaitPosition(this.deps.readModels, [SCORES_PROJECTION], headers);
    const found = await Promise.all(
      monthsOfQuarter(quarter).map((month) =>
        this.deps.readModels.get<ScoreDocument>(SCORES, scoreId(department, month)),
      ),
    );
    const months = found
      .filter((doc): doc is ScoreDocument => doc !== undefined)
      .map((doc) => ({ month: doc.month, score: doc.score }));
    return { department, quarter, months, grade: quarterlyGrade(months.map((m) => m.score)) };
  }

  /** Watchers over their reach, auditors anywhere, a department's staff their own department's score. */
  private checkReader(department: string, headers: Headers, subject: string, action: string): void {
    const tree = this.deps.directory.tree;
    const actor = actorOf(headers, subject);
    const reach = reachOf(actor, 'scores', tree);
    if (!tree.has(department)) throw new NoSuchDepartment(department);
    if (!canRead(reach, { department, userId: undefined }, tree))
      throw new Forbidden(action, `department ${department} is outside what ${actor.id} may see`);
  }
}
