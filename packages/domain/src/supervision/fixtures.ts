/**
 * Test fixtures for the supervision specs (not exported from the package index, not built): the
 * all-working-time calendar of the review specs and the real 2026 calendar, the people involved, and typed
 * builders for commands and for the events a history is given as. Imports no test runner.
 */
import type { z } from 'zod';
import { createWorkingCalendar } from '../calendar/create-working-calendar';
import { nationalHolidaySchedules } from '../calendar/national-holidays';
import { allWorkingTimeCalendar } from '../review/fixtures';
import { type Actor, systemActor } from '../shared/actor';
import type { Command } from '../shared/command';
import { type RecordedBy, recordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';

/** Every minute is working time: N working days later is N × 24 hours later. */
export { allWorkingTimeCalendar };
/** The centre's real calendar: 2026 national holidays and make-up working days, Asia/Shanghai. */
export const calendar2026 = createWorkingCalendar(nationalHolidaySchedules);

const DAY = 86_400_000;
/** Monday 2 March 2026, 09:00 in Shanghai. */
export const T0 = '2026-03-02T01:00:00.000Z';
export const plusDays = (instant: Instant, days: number): Instant =>
  new Date(Date.parse(instant) + days * DAY).toISOString();
/** T0 plus some hours: the moments of a test's story. */
export const at = (hours: number): Instant => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const person = (id: string, department: string | undefined, ...roles: Actor['roles']): Actor =>
  department === undefined
    ? { id, name: `name of ${id}`, roles }
    : { id, name: `name of ${id}`, roles, department };

export const supervisor = person('u-supervisor', 'D-SUPERVISION', 'supervisor');
export const monitor = person('u-monitor', 'D-SUPERVISION', 'monitor');
export const applicant = person('u-applicant', undefined, 'applicant');
export const otherApplicant = person('u-applicant-2', undefined, 'applicant');
export const clerk = person('u-clerk', 'W-WINDOW', 'clerk');
export const officer = person('u-officer', 'D-MARKET', 'officer');
export const reviewer = person('u-reviewer', 'D-MARKET', 'reviewer');
export const head = person('u-head', 'D-MARKET', 'head');
export const marketClerk = person('u-market-clerk', 'D-MARKET', 'clerk');
export const planOfficer = person('u-plan-officer', 'D-PLAN', 'officer');
export const planHead = person('u-plan-head', 'D-PLAN', 'head');
export const monitoring = systemActor('monitoring');

export const recorded = (actor: Actor): RecordedBy => recordedBy(actor);

/** A typed command builder for one decider's schemas: `command('AcceptComplaint', { reason }, supervisor, at(1))`. */
export function commandsFor<S extends Record<string, z.ZodType>>(_schemas: S) {
  return <T extends keyof S & string>(
    type: T,
    data: z.input<S[T]>,
    actor: Actor,
    now: Instant,
  ): Command<T, z.input<S[T]>> => ({ type, data, metadata: { now, actor } });
}

/** A typed event builder for one decider's union, for the histories specs are given. */
export function eventsFor<E extends { type: string; data: unknown }>() {
  return <T extends E['type']>(type: T, data: Extract<E, { type: T }>['data']): E =>
    ({ type, data }) as unknown as E;
}
