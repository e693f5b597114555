import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Decider } from '../shared/decider';
import type { ApplicationCommand } from './commands';
import { decideApplication } from './decide';
import type { ApplicationEvent } from './events';
import { type ApplicationState, evolveApplication, initialApplicationState } from './state';

export * from './commands';
export * from './errors';
export * from './events';
export type { ApplicationContext } from './guards';
export { countOf, missingMandatory } from './materials';
export * from './review-opening';
export { decisionOf } from './review-outcome';
export * from './state';

export interface ApplicationDeciderOptions {
  calendar: WorkingCalendar;
  /** Working days after submission within which the one correction notice may be issued. */
  correctionNoticeWorkingDays?: number;
}

/** 办件受理: the intake decider on stream `application-<caseNo>`, bound to the centre's calendar. */
export function createApplicationDecider(
  options: ApplicationDeciderOptions,
): Decider<ApplicationCommand, ApplicationState, ApplicationEvent> {
  const context = {
    calendar: options.calendar,
    correctionNoticeWorkingDays: options.correctionNoticeWorkingDays ?? 5,
  };
  return {
    decide: (command, state) => decideApplication(command, state, context),
    evolve: evolveApplication,
    initialState: initialApplicationState,
  };
}
