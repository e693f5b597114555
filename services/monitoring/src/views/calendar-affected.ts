import { type CalendarAffected, monitoring, type ParsedRequestOf } from '@docket/contracts';
import { formatInstantInZone, isSystem } from '@docket/domain';
import { Forbidden } from '@docket/identity';
import type { ReadModelStore } from '@docket/projections';
import { actorOf, type Message, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { MONITORING } from '../tokens';
import { CLOCKS, type ClockDocument } from './clocks.projection';

/** Enough to judge a change by; the total says how many more there are. */
export const AFFECTED_LIMIT = 200;

/** The instant a local date begins in the centre's zone, UTC as the read models keep instants. */
export function startOfLocalDay(date: string, timeZone: string): string {
  const offset = formatInstantInZone(Date.parse(`${date}T12:00:00Z`), timeZone).match(
    /(Z|[+-]\d\d:\d\d)$/,
  )?.[1];
  return new Date(Date.parse(`${date}T00:00:00${offset ?? 'Z'}`)).toISOString();
}

/**
 * 在办件 whose deadlines lie on or after a date: a change of that day can move them when their deadlines
 * are computed again (a resumption, an extension, a step's limit). The statutory deadline is the later of
 * the two (a promise is never beyond the law), so it alone selects; the nearest promised deadline first.
 */
export async function affectedCases(
  store: ReadModelStore,
  date: string,
  timeZone: string,
  /** The departments whose cases may be listed (the asker's reach); undefined: every department. */
  departments?: readonly string[],
  limit = AFFECTED_LIMIT,
): Promise<CalendarAffected> {
  const where = {
    status: { in: ['running', 'paused'] },
    ...(departments === undefined ? {} : { department: { in: [...departments] } }),
    statutoryDeadline: { gte: startOfLocalDay(date, timeZone) },
  };
  const [docs, total] = await Promise.all([
    store.find<ClockDocument>(CLOCKS, { where, orderBy: [{ field: 'statutoryDeadline' }], limit }),
    store.count(CLOCKS, where),
  ]);
  const cases = docs
    .map((doc) => ({
      caseNo: doc.caseNo,
      department: doc.department,
      itemName: doc.itemName,
      status: doc.status as 'running' | 'paused',
      promisedDeadline: doc.promisedDeadline,
      statutoryDeadline: doc.statutoryDeadline,
    }))
    .sort((a, b) => a.promisedDeadline.localeCompare(b.promisedDeadline) || a.caseNo.localeCompare(b.caseNo));
  return { date, total, cases };
}

/** 工作日历: what a change of one day would touch, asked before it is made. */
@Injectable()
export class CalendarAffectedQueries {
  constructor(@Inject(MONITORING) private readonly deps: ServiceDeps) {}

  /**
   * Administrators only (they change the calendar), and only their own jurisdiction's cases: a street's
   * administrator sees the street's, as every other query keeps a case inside its department's subtree.
   */

  async calendarAffected(
    { date }: ParsedRequestOf<typeof monitoring.calendarAffected>,
    { headers, subject }: Message,
  ): Promise<CalendarAffected> {
    const actor = actorOf(headers, subject);
    if (isSystem(actor)) return affectedCases(this.deps.readModels, date, this.deps.clock.timeZone);
    const tree = this.deps.directory.tree;
    if (!actor.roles.includes('admin') || actor.department === undefined || !tree.has(actor.department))
      throw new Forbidden('Calendar', 'the cases a calendar change affects are for administrators');
    const reach = tree.subtree(tree.jurisdiction(actor.department).id).map((d) => d.id);
    return affectedCases(this.deps.readModels, date, this.deps.clock.timeZone, reach);
  }
}
