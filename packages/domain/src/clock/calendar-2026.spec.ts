import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../calendar/create-working-calendar';
import { nationalHolidaySchedules } from '../calendar/national-holidays';
import { createClockDecider } from './decide';
import { evaluate, historyOf, pause, resume, startClock, started, summary, workingDays } from './fixtures';

/**
 * The real 2026 schedule: Spring Festival 15–23 February off, Saturdays 14 and 28 February make-up
 * working days (调休), office hours 09:00–12:00 and 13:30–17:30 (420 minutes a day), Asia/Shanghai.
 */
const calendar = createWorkingCalendar(nationalHolidaySchedules);
const decider = createClockDecider({ calendar });
const spec = deciderSpec(decider);

const at = (local: string) => `2026-${local}+08:00`;

describe('warnings across Spring Festival 2026, on the real calendar', () => {
  // Accepted Mon 2 Feb 10:00: promised 10 working days (3–6, 9–13, Sat 14) → the make-up Saturday's close
  const accepted = at('02-02T10:00:00');
  const promised = calendar.deadline(accepted, workingDays(10));
  const opening = startClock(
    {
      startedAt: accepted,
      promisedDeadline: promised,
      statutoryDeadline: calendar.deadline(accepted, workingDays(20)),
      steps: [{ index: 0, name: '承办', limit: workingDays(20) }],
    },
    accepted,
  );

  it('puts the reminder on Friday, the yellow card after the holiday, and the red card a day later', () => {
    expect(promised).toBe(at('02-14T17:30:00'));
    spec
      .given([])
      .when(opening)
      .thenMatches((events) =>
        expect(events[0]?.data).toMatchObject({
          deadlines: { promised: at('02-14T17:30:00'), statutory: at('03-06T17:30:00') },
          promised: {
            reminderAt: at('02-13T17:30:00'),
            // one working day after Saturday's close is Tuesday 24 February's close: nine days off between
            yellowAt: at('02-24T17:30:00'),
            redAt: at('02-25T17:30:00'),
          },
          // 20 × 420 working minutes from Monday 10:00 end on Friday 6 March at 10:00
          activeStep: { deadline: at('03-06T10:00:00'), reminderAt: at('03-05T10:00:00') },
        }),
      );
  });

  it('raises no card during the holiday, however many calendar days the case is late', () => {
    const late = historyOf(decider, [opening, evaluate(at('02-23T10:00:00'))]);
    expect(summary(late.slice(1))).toEqual([
      `ReminderIssued case due ${at('02-13T17:30:00')}`,
      `DeadlinePassed promised due ${at('02-14T17:30:00')}`,
    ]);
    // still only one working day late during Tuesday 24 February; more than that after its close
    spec
      .given(late)
      .when(evaluate(at('02-24T17:30:00')))
      .then([]);
    spec
      .given(late)
      .when(evaluate(at('02-24T17:31:00')))
      .thenMatches((events) =>
        expect(summary(events)).toEqual([`YellowCardRaised case due ${at('02-24T17:30:00')}`]),
      );
  });

  it('fires reminder, yellow and red together when the first evaluation comes on Thursday 26 February', () => {
    spec
      .given(historyOf(decider, [opening]))
      .when(evaluate(at('02-26T09:00:00')))
      .thenMatches((events) =>
        expect(summary(events)).toEqual([
          `ReminderIssued case due ${at('02-13T17:30:00')}`,
          `DeadlinePassed promised due ${at('02-14T17:30:00')}`,
          `YellowCardRaised case due ${at('02-24T17:30:00')}`,
          `RedCardRaised case due ${at('02-25T17:30:00')}`,
        ]),
      );
  });
});

describe('a hearing across Spring Festival 2026, on the real calendar', () => {
  // Opened Mon 9 Feb 10:00; 承办 has 5 working days: 2100 minutes → Saturday 14 February 10:00
  const opened = at('02-09T10:00:00');
  const opening = startClock(
    {
      startedAt: opened,
      promisedDeadline: at('02-28T17:30:00'),
      statutoryDeadline: at('03-09T17:30:00'),
      steps: [{ index: 0, name: '承办', limit: workingDays(5) }],
    },
    opened,
  );

  it('moves the active step by the working time of the hearing: the make-up Saturday counts, the holiday not', () => {
    // Thu 12 Feb 14:00 → Wed 25 Feb 11:00: Thu 210 + Fri 420 + Sat 14 420 + Tue 24 420 + Wed 120 = 1590 minutes
    const history = historyOf(decider, [opening, pause(at('02-12T14:00:00'))]);
    expect(history[0]?.data).toMatchObject({ activeStep: { deadline: at('02-14T10:00:00') } });
    spec
      .given(history)
      .when(
        // the review moved the promised deadline by the same 1590 minutes (it was ahead when the hearing began)
        resume(at('02-25T11:00:00'), { promised: at('03-05T16:00:00'), statutory: at('03-12T16:00:00') }),
      )
      .thenState((state, events) => {
        expect(events[0]?.data).toMatchObject({
          pausedWorkingMinutes: 1590,
          promised: {
            deadline: at('03-05T16:00:00'),
            reminderAt: at('03-04T16:00:00'),
            yellowAt: at('03-06T16:00:00'),
            redAt: at('03-09T16:00:00'),
          },
          // Sat 14 Feb 10:00 + 1590: Sat 360, Tue 24 420, Wed 25 420, Thu 26 390 → Thursday 17:00
          activeStep: {
            deadline: at('02-26T17:00:00'),
            reminderAt: at('02-25T17:00:00'),
            yellowAt: at('02-27T17:00:00'),
            redAt: at('02-28T17:00:00'),
          },
          nextDueAt: at('02-25T17:00:00'),
        });
        expect(started(state).status).toBe('running');
      });
  });

  it('fires nothing during the hearing, even past the step’s original deadline', () => {
    spec
      .given(historyOf(decider, [opening, pause(at('02-12T14:00:00'))]))
      .when(evaluate(at('02-24T12:00:00')))
      .then([]);
  });
});
