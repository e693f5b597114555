import {
  type DepartmentTile,
  type FeedItem,
  type ItemFigures,
  type MonitoringCounts,
  monitoring,
  type OpenWarning,
  type ParsedRequestOf,
} from '@docket/contracts';
import { type Actor, clockStreamName, isSystem } from '@docket/domain';
import { Forbidden, mayViewCase } from '@docket/identity';
import type { ReadModelDocument, ReadModelStore } from '@docket/projections';
import { actorOf, awaitPosition, type Message, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ClockCommands } from '../clocks/clock-commands';
import { MONITORING } from '../tokens';
import { clockScope } from './clock-scope';
import { OPEN_CLOCKS, type OpenClocksDocument } from './clocks.projection';
import { DEEMED_LOG, DEEMED_PROJECTION, type DeemedDocument } from './deemed.projection';
import { FEED, feedProjection } from './feed.projection';
import { periodFigures } from './period-figures';
import type { DailyFigures } from './stats.projection';
import {
  ANOMALY_LOG,
  CARD_LOG,
  CARDS,
  CARDS_UP,
  type CardDocument,
  type CardsUpDocument,
  WARNINGS_PROJECTION,
} from './warnings.projection';

/** Who watches (电子监察 and 效能监察), and heads and administrators over their own departments. */
const WATCHING_ROLES = ['monitor', 'supervisor', 'auditor', 'admin', 'head'] as const;

const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
const average = (sum: number, n: number): number | null =>
  n === 0 ? null : Math.round((sum / n) * 100) / 100;

/** The dashboards of 电子监察, from the monitoring read models: tiles, figures, open warnings, the feed. */
@Injectable()
export class MonitoringQueries {
  private readonly store: ReadModelStore;

  constructor(
    @Inject(MONITORING) private readonly deps: ServiceDeps,
    private readonly clocks: ClockCommands,
  ) {
    this.store = deps.readModels;
  }

  /** The departments a watcher may look at: an auditor all, others their jurisdiction's subtree. */
  private reach(actor: Actor, asked: string | undefined): string[] {
    const tree = this.deps.directory.tree;
    const watching = isSystem(actor) || WATCHING_ROLES.some((role) => actor.roles.includes(role));
    if (!watching)
      throw new Forbidden('Monitoring', 'the dashboards are for monitors, supervisors, auditors and heads');
    const all =
      isSystem(actor) || actor.roles.includes('auditor')
        ? tree.all.map((d) => d.id)
        : actor.department !== undefined && tree.has(actor.department)
          ? tree.subtree(tree.jurisdiction(actor.department).id).map((d) => d.id)
          : [];
    if (asked === undefined) return all;
    if (!all.includes(asked))
      throw new Forbidden('Monitoring', `department ${asked} is outside what ${actor.id} may see`);
    return tree.subtree(asked).map((d) => d.id);
  }

  private daily(departments: string[], from: string, to: string): Promise<DailyFigures[]> {
    return periodFigures(this.store, departments, from, to);
  }

  /** 实时监控: one tile per department of the viewer's reach. */
  async tiles(
    { from, to, department }: ParsedRequestOf<typeof monitoring.tiles>,
    { headers, subject }: Message,
  ): Promise<DepartmentTile[]> {
    const departments = this.reach(actorOf(headers, subject), department);
    const figures = await this.daily(departments, from, to);
    const tree = this.deps.directory.tree;
    return Promise.all(
      departments.map(async (id): Promise<DepartmentTile> => {
        const mine = figures.filter((f) => f.department === id);
        const sum = (key: keyof DailyFigures) => mine.reduce((s, f) => s + (f[key] as number), 0);
        const [open, up] = await Promise.all([
          this.store.get<OpenClocksDocument>(OPEN_CLOCKS, id),
          this.store.get<CardsUpDocument>(CARDS_UP, id),
        ]);
        const closed = sum('closed');
        return {
          department: id,
          name: tree.get(id).name,
          received: sum('received'),
          accepted: sum('accepted'),
          closed,
          reminders: sum('reminders'),
          yellow: sum('yellow'),
          red: sum('red'),
          complaints: sum('complaints'),
          inProgress: open?.inProgress ?? 0,
          overdue: open?.overdue ?? 0,
          cardsUp: { yellow: up?.yellow ?? 0, red: up?.red ?? 0 },
          onTimeRate: rate(sum('closedOnTime'), closed),
          earlyRate: rate(sum('closedEarly'), closed),
          averageWorkingDays: average(sum('usedWorkingDays'), closed),
          averagePromisedWorkingDays: average(sum('availableWorkingDays'), closed),
        };
      }),
    );
  }

  /** The same figures per service item over the period. */
  async items(
    { from, to, department }: ParsedRequestOf<typeof monitoring.items>,
    { headers, subject }: Message,
  ): Promise<ItemFigures[]> {
    const figures = (await this.daily(this.reach(actorOf(headers, subject), department), from, to)).filter(
      (f) => f.itemCode !== '-',
    );
    const byItem = new Map<string, DailyFigures[]>();
    for (const f of figures)
      byItem.set(`${f.department}|${f.itemCode}`, [
        ...(byItem.get(`${f.department}|${f.itemCode}`) ?? []),
        f,
      ]);
    return [...byItem.values()].map((days) => {
      const sum = (key: keyof DailyFigures) => days.reduce((s, f) => s + (f[key] as number), 0);
      const closed = sum('closed');
      return {
        itemCode: days[0]!.itemCode,
        department: days[0]!.department,
        closed,
        onTimeRate: rate(sum('closedOnTime'), closed),
        earlyRate: rate(sum('closedEarly'), closed),
        averageWorkingDays: average(sum('usedWorkingDays'), closed),
        averagePromisedWorkingDays: average(sum('availableWorkingDays'), closed),
      };
    });
  }

  /** The open warnings: cards up, newest first. */
  async warnings(
    { department, page }: ParsedRequestOf<typeof monitoring.warnings>,
    { headers, subject }: Message,
  ): Promise<{ total: number; items: OpenWarning[] }> {
    const departments = this.reach(actorOf(headers, subject), department);
    // The newest first from an index that is in that order: the whole tree by (up, raisedAt), one
    // department by (department, up, raisedAt); the total from the departments' counters of cards up.
    const everywhere = departments.length === this.deps.directory.tree.all.length;
    const where = {
      ...(everywhere ? {} : { department: departments.length === 1 ? departments[0]! : { in: departments } }),
      up: true,
    };
    const [counters, cards] = await Promise.all([
      this.store.find<CardsUpDocument>(CARDS_UP, { where: { id: { in: departments } } }),
      this.store.find<CardDocument>(CARDS, {
        where,
        // Ties broken by id in the same direction: the index holds the id, so no row is sorted.
        orderBy: [
          { field: 'raisedAt', direction: 'desc' },
          { field: 'id', direction: 'desc' },
        ],
        offset: page.offset,
        limit: page.limit,
      }),
    ]);
    const total = counters.reduce((sum, c) => sum + c.yellow + c.red + (c.lapses ?? 0), 0);
    return {
      total,
      items: cards.map((c) => ({
        id: c.id,
        caseNo: c.caseNo,
        department: c.department,
        level: c.level,
        scope: c.scope,
        stepIndex: c.stepIndex,
        coHandler: c.coHandler ?? null,
        deadline: c.deadline,
        raisedAt: c.raisedAt,
      })),
    };
  }

  /**
   * The live feed in ledger order: the items after a position (the SSE stream's resumption point), or,
   * without one, the latest `limit` (a screen opened now starts from now, not from the year's first
   * warning). A viewer with part of the tree gets that part's items (and those of no department) from
   * the department index, so a page is never emptied by other departments' items.
   */
  async feed(
    { after, limit }: ParsedRequestOf<typeof monitoring.feed>,
    { headers, subject }: Message,
  ): Promise<FeedItem[]> {
    const departments = this.reach(actorOf(headers, subject), undefined);
    // The gateway's open feeds ask as a clock event is published, naming it: answered once it is in.
    await awaitPosition(this.store, [feedProjection.name], headers);
    const everywhere = departments.length === this.deps.directory.tree.all.length;
    type Stored = Omit<FeedItem, 'position'> & ReadModelDocument & { seq: number };
    const latest = after === undefined;
    const items = await this.store.find<Stored>(FEED, {
      where: {
        ...(latest ? {} : { seq: { gt: Number(after) } }),
        ...(everywhere ? {} : { department: { in: [...departments, null] } }),
      },
      orderBy: [{ field: 'seq', direction: latest ? 'desc' : 'asc' }],
      limit,
    });
    if (latest) items.reverse();
    return items.map(({ id: _, seq, ...item }) => ({ ...item, position: BigInt(seq) }));
  }

  /**
   * A case's clock, folded from its stream (never a read model): for watchers who may see the case (its
   * department's subtree, a co-handler's, auditors), answered as GET /api/cases/{caseNo} is otherwise:
   * 403 for a case outside their reach, 404 for one nobody submitted.
   */
  async clock({ caseNo }: ParsedRequestOf<typeof monitoring.clock>, { headers, subject }: Message) {
    const actor = actorOf(headers, subject);
    this.reach(actor, undefined);
    const { state } = await this.clocks.runner.load(clockStreamName(caseNo));
    const scope = await clockScope(this.deps.ledger, caseNo, state);
    if (!isSystem(actor) && !mayViewCase(actor, scope, this.deps.directory.tree))
      throw new Forbidden('ViewClock', `case ${caseNo} is outside what ${actor.id} may see`);
    return { caseNo, clock: state };
  }

  /**
   * What a month's score deducts for, as monitoring counts it (system only: the supervision service): the
   * cards, refusals without reason and the cases deemed approved (超时默认), named.
   */
  async counts(
    { department, month }: ParsedRequestOf<typeof monitoring.counts>,
    { headers, subject }: Message,
  ): Promise<MonitoringCounts> {
    if (!isSystem(actorOf(headers, subject)))
      throw new Forbidden('MonitoringCounts', 'for docket services only');
    // A score lock names the ledger head it counts up to: a card raised just before must be in it.
    const complete = await awaitPosition(this.store, [WARNINGS_PROJECTION, DEEMED_PROJECTION], headers);
    const [yellow, red, refusalWithoutReason, deemed] = await Promise.all([
      this.store.count(CARD_LOG, { department, month, level: 'yellow' }),
      this.store.count(CARD_LOG, { department, month, level: 'red' }),
      this.store.count(ANOMALY_LOG, { department, month, rule: 'refusal_without_reason' }),
      this.store.find<DeemedDocument>(DEEMED_LOG, {
        where: { department, month },
        orderBy: [{ field: 'caseNo', direction: 'asc' }],
      }),
    ]);
    const deemedApprovals = deemed.map((d) => d.caseNo);
    return { department, month, yellow, red, refusalWithoutReason, deemedApprovals, complete };
  }
}
