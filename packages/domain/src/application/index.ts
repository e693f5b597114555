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
  /**
   * 行政许可法 Art. 32: working days after submission within which the one correction notice may be issued
   * (the law's 5 by default); when they pass untouched the application is accepted by operation of law.
   */
  correctionNoticeWorkingDays?: number;
  /** Working days before that window closes that the window unit is reminded (default 1). */
  correctionWindowReminderWorkingDays?: number;
}

/** 办件受理: the intake decider on stream `application-<caseNo>`, bound to the centre's calendar. */
export function createApplicationDecider(
  options: ApplicationDeciderOptions,
): Decider<ApplicationCommand, ApplicationState, ApplicationEvent> {
  const context = {
    calendar: options.calendar,
    correctionNoticeWorkingDays: options.correctionNoticeWorkingDays ?? 5,
    correctionWindowReminderWorkingDays: options.correctionWindowReminderWorkingDays ?? 1,
  };
  return {
    decide: (command, state) => decideApplication(command, state, context),
    evolve: evolveApplication,
    initialState: initialApplicationState,
  };
}
