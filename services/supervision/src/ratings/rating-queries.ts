import {
  type Page,
  type ParsedRequestOf,
  type RatingItem,
  type RatingView,
  supervision,
} from '@docket/contracts';
import { RatingNotFound, ratingStreamName } from '@docket/domain';
import { Forbidden } from '@docket/identity';
import type { Where } from '@docket/projections';
import { actorOf, awaitPosition, type Message } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';
import { canRead, departmentsFor, reachOf } from '../views/visibility';
import { RatingCommands } from './rating-commands';
import { RATINGS, RATINGS_PROJECTION, type RatingDocument } from './ratings.projection';

/** 评价台账 (a read model, by department, month and whether it counts, newest first) and one case's rating. */
@Injectable()
export class RatingQueries {
  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly commands: RatingCommands,
  ) {}

  async ratings(
    request: ParsedRequestOf<typeof supervision.ratings>,
    { headers, subject }: Message,
  ): Promise<Page<RatingItem>> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'ratings', tree);
    const departments = departmentsFor(reach, request.department, tree, 'ListRatings');
    await awaitPosition(this.deps.readModels, [RATINGS_PROJECTION], headers);
    const where: Where = {};
    if (departments !== undefined) where.department = { in: departments };
    if (reach.kind === 'own') where.raterUserId = reach.userId;
    if (request.month !== undefined) where.month = request.month;
    if (request.dissatisfied !== undefined) where.countsAsDissatisfied = request.dissatisfied;
    const store = this.deps.readModels;
    const [total, docs] = await Promise.all([
      store.count(RATINGS, where),
      store.find<RatingDocument>(RATINGS, {
        where,
        orderBy: [{ field: 'ratedAt', direction: 'desc' }],
        offset: request.page.offset,
        limit: request.page.limit,
      }),
    ]);
    return {
      total,
      items: docs.map(({ id: _, raterUserId: __, rectifyDueAt: ___, ...item }) => item),
    };
  }

  /** One case's rating, folded from its stream: always current, with its revision for If-Match. */
  async rating(
    { caseNo }: ParsedRequestOf<typeof supervision.rating>,
    { headers, subject }: Message,
  ): Promise<RatingView> {
    const actor = actorOf(headers, subject);
    const tree = this.deps.directory.tree;
    const reach = reachOf(actor, 'ratings', tree);
    const { state, revision } = await this.commands.runner.load(ratingStreamName(caseNo));
    if (state.status === 'not_rated') throw new RatingNotFound();
    const rater = state.enteredBy === 'applicant' ? state.ratedBy.id : undefined;
    if (!canRead(reach, { department: state.department, userId: rater }, tree))
      throw new Forbidden('ReadRating', `the rating of ${caseNo} is outside what ${actor.id} may see`);
    return { caseNo, revision: revision ?? null, rating: state };
  }
}
