import type { WorkingCalendar } from '../calendar/working-calendar';
import { responsibleDepartment, type ServiceItemVersion } from '../catalogue/service-item';
import { type Actor, isSystem } from '../shared/actor';
import type { DomainError } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import {
  ApplicationClosed,
  ApplicationNotSubmitted,
  NotAClerk,
  NotApplicantOrClerk,
  NotASystemActor,
  NotTheApplicant,
  TimeBeforeLastEvent,
} from './errors';
import type { ApplicationEvent } from './events';
import { type ApplicationState, type ApplicationStatus, terminalStatuses } from './state';

/** What the application decider needs besides the command: the centre's calendar and local defaults. */
export interface ApplicationContext {
  calendar: WorkingCalendar;
  /**
   * 行政许可法 Art. 32 (当场或者在五日内一次告知): how many working days after submission the one correction
   * notice may still be issued (the law's 5 by default); after them the application counts as accepted.
   */
  correctionNoticeWorkingDays: number;
  /** How many working days before the correction window closes its reminder is due (default 1). */
  correctionWindowReminderWorkingDays: number;
}

/** Instants carry offsets, so they are compared as points in time, never as strings. */
export const isAfter = (a: Instant, b: Instant): boolean => Date.parse(a) > Date.parse(b);

export const isClerk = (actor: Actor): boolean => actor.roles.includes('clerk');

export function requireClerk(actor: Actor, action: string): void {
  if (!isClerk(actor)) throw new NotAClerk(actor.id, action);
}

export function requireSystem(actor: Actor, action: string): void {
  if (!isSystem(actor)) throw new NotASystemActor(actor.id, action);
}

/**
 * Supplementing and withdrawing are the applicant's acts; a clerk may do them for the applicant. An
 * applicant who submitted online is identified by their account; for window submissions the handler
 * identifies the applicant (case number + query code) before the command reaches the domain.
 */
export function requireApplicantOrClerk(
  state: ApplicationState,
  actor: Actor,
  action: string,
): 'applicant' | 'clerk' {
  if (isClerk(actor)) return 'clerk';
  if (!actor.roles.includes('applicant')) throw new NotApplicantOrClerk(actor.id, action);
  if (state.submittedByApplicant && state.submittedBy?.id !== actor.id) throw new NotTheApplicant(actor.id);
  return 'applicant';
}

/** An application past submission: the fields every later rule reads are present. */
export type SubmittedApplication = ApplicationState & {
  item: ServiceItemVersion;
  submittedAt: Instant;
  correctionWindowClosesAt: Instant;
};

/**
 * The state gate of every command after submission: not submitted and closed are answered the same way
 * for all commands; an open status the command does not fit gets the command's own error.
 */
export function requireStatus(
  state: ApplicationState,
  allowed: readonly ApplicationStatus[],
  wrongStatus: (state: SubmittedApplication) => DomainError,
): SubmittedApplication {
  if (
    state.status === 'not_submitted' ||
    !state.item ||
    !state.submittedAt ||
    !state.correctionWindowClosesAt
  )
    throw new ApplicationNotSubmitted();
  const submitted = state as SubmittedApplication;
  if (terminalStatuses.includes(state.status)) throw new ApplicationClosed(state.status);
  if (!allowed.includes(state.status)) throw wrongStatus(submitted);
  return submitted;
}

export function requireInOrder(state: ApplicationState, now: Instant): void {
  if (state.lastEventAt !== undefined && isAfter(state.lastEventAt, now))
    throw new TimeBeforeLastEvent(now, state.lastEventAt);
}

/** 首问负责制: the first clerk to act on an application becomes its owner, recorded once. */
export const firstHandlerEvents = (
  state: ApplicationState,
  actor: Actor,
  now: Instant,
): ApplicationEvent[] =>
  state.firstHandler === undefined && isClerk(actor)
    ? [{ type: 'FirstHandlerAssigned', data: { handler: recordedBy(actor), at: now } }]
    : [];

/**
 * 受理单位 answerable for an application no clerk accepted: the window of the clerk who first handled it,
 * else of the clerk who keyed it in, else (an online submission nobody touched) the item's department.
 */
export const windowUnitOf = (application: SubmittedApplication): string =>
  application.firstHandler?.handler.department ??
  application.submittedBy?.department ??
  responsibleDepartment(application.item);

/** A written reason that is more than whitespace, or undefined. */
export const written = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};
