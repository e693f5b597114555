import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { createApplicationDecider } from '../application';
import type { ApplicationEvent } from '../application/events';
import { applicant, clerk, command, submit } from '../application/spec-support/fixtures';
import { createWorkingCalendar } from './create-working-calendar';
import { nationalHolidaySchedules } from './national-holidays';

/**
 * How the law counts a period, through the deciders that compute deadlines (on the real 2026 schedule,
 * office hours close at 17:30): 民法典 Art. 201 (按照日计算期间的，开始的当日不计入，自下一日开始计算) and
 * 行政许可法 Art. 82 (期限以工作日计算，不含法定节假日). A submission or acceptance on a Saturday, on a
 * statutory holiday or on a weekday evening is on its own day, which is not counted; day 1 is the first
 * working day after it. (Before: such an instant counted from the next working day, and that day was not
 * counted either: one working day more than the law.)
 */
const calendar = createWorkingCalendar(nationalHolidaySchedules);
const decider = createApplicationDecider({ calendar });
const spec = deciderSpec(decider);
const at = (local: string) => `2026-${local}+08:00`;

const submittedAt = (instant: string): ApplicationEvent[] =>
  decider.decide(submit({ at: instant, channel: 'web', actor: applicant }), decider.initialState());
const accept = (instant: string) =>
  command('AcceptApplication', { acceptanceDocumentNo: 'SL-2026-0456' }, clerk, instant);
const acceptedData = ([event]: ApplicationEvent[]) => {
  if (event?.type !== 'ApplicationAccepted')
    throw new Error(`expected ApplicationAccepted, got ${event?.type}`);
  return event.data;
};

describe('a period starts the day after its first day (民法典 Art. 201) and counts working days (行政许可法 Art. 82)', () => {
  it('from a Saturday: Monday is day 1', () => {
    // Sat 7 Mar: the 5-working-day notice window (Art. 32) is 9–13 March → Friday 13 March.
    const submitted = submittedAt(at('03-07T10:00:00'));
    expect(submitted[0]?.data).toMatchObject({ correctionWindowClosesAt: at('03-13T17:30:00') });
    // Accepted the same Saturday: 10 working days → 9–13, 16–20: Friday 20 March; 20 → 23–27, 30 Mar–3 Apr.
    spec
      .given(submitted)
      .when(accept(at('03-07T11:00:00')))
      .thenMatches((events) => {
        const data = acceptedData(events);
        expect(data.clockStartsAt).toBe(at('03-07T11:00:00'));
        expect(data.promisedDeadline).toBe(at('03-20T17:30:00'));
        expect(data.statutoryDeadline).toBe(at('04-03T17:30:00'));
      });
  });

  it('from a statutory holiday: the first working day after the holiday is day 1', () => {
    // Tue 17 Feb (春节, off until 23 Feb): 24, 25, 26, 27 and the make-up Saturday 28 February.
    const submitted = submittedAt(at('02-17T10:00:00'));
    expect(submitted[0]?.data).toMatchObject({ correctionWindowClosesAt: at('02-28T17:30:00') });
    // Accepted Wed 18 Feb (春节): 10 working days → 24–28 Feb, 2–6 Mar: Friday 6 March; 20 → Friday 20 March.
    spec
      .given(submitted)
      .when(accept(at('02-18T10:00:00')))
      .thenMatches((events) => {
        const data = acceptedData(events);
        expect(data.promisedDeadline).toBe(at('03-06T17:30:00'));
        expect(data.statutoryDeadline).toBe(at('03-20T17:30:00'));
      });
  });

  it('from a weekday evening after office hours: the next working day is day 1', () => {
    // Wed 11 Mar 19:00: 12, 13, 16, 17, 18 → Wednesday 18 March.
    const submitted = submittedAt(at('03-11T19:00:00'));
    expect(submitted[0]?.data).toMatchObject({ correctionWindowClosesAt: at('03-18T17:30:00') });
    // Accepted 19:05 the same evening: 10 → Wednesday 25 March; 20 → 26, 27, 30, 31 Mar, 1–3 Apr,
    // (清明 4–6 April off), 7, 8, 9: Thursday 9 April.
    spec
      .given(submitted)
      .when(accept(at('03-11T19:05:00')))
      .thenMatches((events) => {
        const data = acceptedData(events);
        expect(data.promisedDeadline).toBe(at('03-25T17:30:00'));
        expect(data.statutoryDeadline).toBe(at('04-09T17:30:00'));
      });
  });
});
