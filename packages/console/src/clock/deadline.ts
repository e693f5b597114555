import { monitoring } from '@docket/contracts';
import { createWorkingCalendar, DEFAULT_CLOCK_RULES, type WorkingCalendar } from '@docket/domain';
import { call } from '../api/client';
import { useLoad } from '../api/use-call';

/** The four states of a deadline, as electronic supervision colours them (common `clock.state.*`). */
export type DeadlineState = 'on_time' | 'reminder' | 'yellow' | 'red';

/** The thresholds of electronic supervision, in working days (the clock's defaults, or a clock's own). */
export interface Thresholds {
  reminderWorkingDaysBefore: number;
  yellowAfterWorkingDays: number;
  redAfterWorkingDays: number;
}

/** Where a deadline stands now, in working days on the centre's calendar. */
export interface DeadlineStanding {
  state: DeadlineState;
  /** Whole working days after today up to the deadline's day (0: due today); undefined once overdue. */
  workingDaysLeft?: number;
  /** Working days past the deadline, rounded up (1 for any part of a day); undefined while not overdue. */
  workingDaysOver?: number;
  /** The exact working time left (negative: overdue), in working days. */
  exact: number;
}

/**
 * The state of a deadline by the thresholds of electronic supervision (packages/domain/src/clock/rules.ts):
 * a reminder within `reminderWorkingDaysBefore` of it (or just past it), a yellow card MORE than
 * `yellowAfterWorkingDays` overdue, a red card MORE than `redAfterWorkingDays` overdue.
 */
export function deadlineState(exactLeft: number, rules: Thresholds = DEFAULT_CLOCK_RULES): DeadlineState {
  const over = -exactLeft;
  if (over > rules.redAfterWorkingDays) return 'red';
  if (over > rules.yellowAfterWorkingDays) return 'yellow';
  if (exactLeft <= rules.reminderWorkingDaysBefore) return 'reminder';
  return 'on_time';
}

/** Where `deadline` stands at `now` on `calendar`. */
export function standing(
  calendar: WorkingCalendar,
  deadline: string,
  now: Date,
  rules: Thresholds = DEFAULT_CLOCK_RULES,
): DeadlineStanding {
  const nowIso = now.toISOString();
  const exact = calendar.workingDaysBetween(nowIso, deadline);
  const state = deadlineState(exact, rules);
  if (Date.parse(deadline) < now.getTime()) {
    return { state, exact, workingDaysOver: Math.max(1, Math.ceil(-exact - 1e-9)) };
  }
  const today = calendar.localDate(nowIso);
  const due = calendar.localDate(deadline);
  let left = 0;
  // Count the working days after today up to the deadline's day (the day it falls on included), one
  // step a day: counting each from today again cost a deadline a year away 60,000 steps per row.
  for (
    let day = calendar.addWorkingDays(today, 1);
    day <= due && left < 3660;
    day = calendar.addWorkingDays(day, 1)
  )
    left += 1;
  return { state, exact, workingDaysLeft: left };
}

/** The states in the order of their deadlines: the earliest deadlines are red. */
const BY_DEADLINE: readonly DeadlineState[] = ['red', 'yellow', 'reminder', 'on_time'];

/** How far a search for a boundary looks back and ahead of now (ten years), in milliseconds. */
const SEARCH_SPAN_MS = 10 * 366 * 86_400_000;

/**
 * The first instant (to the millisecond) at or after which a deadline is no longer in `state` or an
 * earlier one: the state only moves forward (red → yellow → reminder → on time) as the deadline moves
 * later, so a binary search on `deadlineState` itself finds it, and the range agrees with the tag.
 */
function boundaryAfter(
  state: DeadlineState,
  calendar: WorkingCalendar,
  now: Date,
  rules: Thresholds,
): number {
  const rank = BY_DEADLINE.indexOf(state);
  const nowIso = now.toISOString();
  const within = (ms: number) =>
    BY_DEADLINE.indexOf(
      deadlineState(calendar.workingDaysBetween(nowIso, new Date(ms).toISOString()), rules),
    ) <= rank;
  let inside = now.getTime() - SEARCH_SPAN_MS; // within (or before every state's range)
  let outside = now.getTime() + SEARCH_SPAN_MS; // past it
  while (outside - inside > 1) {
    const middle = Math.floor((inside + outside) / 2);
    if (within(middle)) inside = middle;
    else outside = middle;
  }
  return outside;
}

/**
 * The deadlines in `state` at `now`, as a range of instants (`from` inclusive, `before` exclusive): how
 * a colour filter asks the server, which knows deadlines but not the centre's working time.
 */
export function deadlineRange(
  state: DeadlineState,
  calendar: WorkingCalendar,
  now: Date,
  rules: Thresholds = DEFAULT_CLOCK_RULES,
): { from?: string; before?: string } {
  const rank = BY_DEADLINE.indexOf(state);
  const iso = (ms: number) => new Date(ms).toISOString();
  const previous = BY_DEADLINE[rank - 1];
  return {
    ...(previous === undefined ? {} : { from: iso(boundaryAfter(previous, calendar, now, rules)) }),
    ...(state === 'on_time' ? {} : { before: iso(boundaryAfter(state, calendar, now, rules)) }),
  };
}

/** Severity for sorting: red first, then yellow, reminder, on time. */
export const SEVERITY: Record<DeadlineState, number> = { red: 0, yellow: 1, reminder: 2, on_time: 3 };

/** The colours of the four states, with text dark enough on its background for WCAG AA. */
export const STATE_STYLE: Record<DeadlineState, { color: string; background: string; borderColor: string }> =
  {
    on_time: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
    reminder: { color: '#003eb3', background: '#e6f4ff', borderColor: '#69b1ff' },
    yellow: { color: '#613400', background: '#fff7cc', borderColor: '#fadb14' },
    red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
  };

/** One calendar year as in force, with where it comes from (shown as "computed on which calendar"). */
export interface CalendarSource {
  year: number;
  source: 'published' | 'national' | 'provisional';
  version: number | null;
}

export interface CentreCalendar {
  calendar: WorkingCalendar;
  sources: CalendarSource[];
}

/**
 * The centre's working calendar (public: GET /api/calendar/{year}) for this year and the next, built
 * with the domain's own working-day arithmetic; a year nobody published answers with its provisional
 * calendar (statutory holidays, no 调休), as the services count it.
 */
export function useCentreCalendar() {
  return useLoad(async (): Promise<CentreCalendar> => {
    const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
    const years = await Promise.all(
      [year - 1, year, year + 1].map((y) =>
        call(monitoring.calendar, { params: { year: String(y) } }).then(
          (view) => view,
          () => undefined,
        ),
      ),
    );
    const found = years.filter((view) => view !== undefined);
    const calendar = createWorkingCalendar(found.map((view) => view.calendar));
    return {
      calendar,
      sources: found.map(({ year: y, source, version }) => ({ year: y, source, version })),
    };
  }, []);
}
