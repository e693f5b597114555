import { domainError } from '../shared/errors';

/** A calendar year (or its office hours) breaks one of the rules of calendarYearIssues. */
export const InvalidCalendar = domainError('InvalidCalendar', 'invalid', (issues: string[]) => ({
  message: `Invalid calendar: ${issues.join('; ')}`,
  details: { issues },
}));

/** Calendar arithmetic was handed something that is not an ISO-8601 instant. */
export const InvalidInstant = domainError('InvalidInstant', 'invalid', (value: string) => ({
  message: `Not an ISO-8601 instant: ${JSON.stringify(value)}`,
  details: { value },
}));

/** Calendar arithmetic was handed something that is not a real `YYYY-MM-DD` date. */
export const InvalidLocalDate = domainError('InvalidLocalDate', 'invalid', (value: string) => ({
  message: `Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`,
  details: { value },
}));

/** A pause whose end lies before its start. */
export const InvalidPause = domainError('InvalidPause', 'invalid', (from: string, to: string) => ({
  message: `Pause ends (${to}) before it starts (${from})`,
  details: { from, to },
}));

/**
 * A deadline cannot be known while the clock is paused (an open pause has no end yet): ask for the
 * deadline with the closed pauses and the working time left at the pause's start instead.
 */
export const PauseStillOpen = domainError('PauseStillOpen', 'illegal_transition', (from: string) => ({
  message: `The clock has been paused since ${from}: the deadline is not determined until the pause ends`,
  details: { from },
}));

/** A calendar year is published once; later changes are day or office-hour changes. */
export const CalendarYearAlreadyDefined = domainError(
  'CalendarYearAlreadyDefined',
  'illegal_transition',
  (year: number) => ({ message: `The calendar for ${year} is already defined`, details: { year } }),
);

/** Days and office hours can only be changed in a year that has been published. */
export const CalendarYearNotDefined = domainError('CalendarYearNotDefined', 'illegal_transition', () => ({
  message: 'The calendar year has not been defined yet',
}));

/** A calendar-<year> stream holds that year's days only. */
export const DateOutsideCalendarYear = domainError(
  'DateOutsideCalendarYear',
  'rule_broken',
  (date: string, year: number) => ({ message: `${date} is not in ${year}`, details: { date, year } }),
);

/** Only an administrator maintains the working-day calendar. */
export const NotAnAdministrator = domainError(
  'NotAnAdministrator',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `${actorId} may not ${action}: administrators only`,
    details: { actorId, action },
  }),
);

/** A change must change something: the audit trail records decisions, not no-ops. */
export const UnchangedCalendarDay = domainError(
  'UnchangedCalendarDay',
  'rule_broken',
  (date: string, kind: string) => ({
    message: `${date} is already ${kind === 'normal' ? 'an ordinary day' : `a ${kind}`} with that name`,
    details: { date, kind },
  }),
);

export const UnchangedOfficeHours = domainError('UnchangedOfficeHours', 'rule_broken', (year: number) => ({
  message: `The office hours of ${year} are already set to these periods`,
  details: { year },
}));
