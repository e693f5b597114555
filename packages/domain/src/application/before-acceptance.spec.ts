import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../shared/actor';
import { recordedBy } from '../shared/recorded-by';
import {
  ApplicationAlreadyAccepted,
  ApplicationClosed,
  CorrectionAlreadyRequested,
  CorrectionWindowAlreadyReminded,
  CorrectionWindowClosed,
  CorrectionWindowReminderNotDue,
  CorrectionWindowStillOpen,
  NotASystemActor,
  SupplementDeadlinePassed,
} from './errors';
import { createApplicationDecider } from './index';
import {
  accepted,
  applicant,
  clerk,
  command,
  complete,
  correctionExpired,
  correctionRequested,
  decider,
  declined,
  firstHandler,
  formOnly,
  item,
  submit,
  submitted,
  submittedAt,
  supplementDeadline,
  windowClosesAt,
  windowReminderAt,
} from './spec-support/fixtures';
import { weekdayCalendar } from './spec-support/weekday-calendar';

/**
 * The time before acceptance (行政许可法 Art. 32): the window unit has five working days (configurable)
 * to accept, decline or send the one correction notice; a working day before they end it is reminded;
 * when they end untouched the system records the application accepted by operation of law, the clock
 * running from the submission. And a correction notice's deadline: no supplement after it.
 */
const spec = deciderSpec(decider);
const intake = systemActor('intake');
const remind = (at: string, actor = intake) => command('RemindCorrectionWindow', {}, actor, at);
const acceptOnReceipt = (at: string, actor = intake) => command('AcceptOnReceipt', {}, actor, at);
const supplement = (at: string) =>
  command('SupplementMaterials', { materials: [{ code: 'id', count: 2, form: 'copy' }] }, applicant, at);
const afterWindow = '2026-03-09T17:01:00+08:00';

describe('the correction window’s reminder (行政许可法 Art. 32)', () => {
  it('is due a working day before the window closes, recorded on the submission', () => {
    spec
      .given([])
      .when(submit())
      .thenState((state) => {
        expect(state.correctionWindowClosesAt).toBe(windowClosesAt);
        expect(state.correctionWindowReminderAt).toBe(windowReminderAt);
      });
  });

  it('follows the configured window and lead, and is none when the window is no longer than the lead', () => {
    const threeDays = createApplicationDecider({
      calendar: weekdayCalendar,
      correctionNoticeWorkingDays: 3,
      correctionWindowReminderWorkingDays: 2,
    });
    // Three working days after Monday 2 March: Thursday 5; the reminder two before: Tuesday 3 at close.
    deciderSpec(threeDays)
      .given([])
      .when(submit())
      .thenState((state) => expect(state.correctionWindowReminderAt).toBe('2026-03-03T17:00:00+08:00'));
    const oneDay = createApplicationDecider({ calendar: weekdayCalendar, correctionNoticeWorkingDays: 1 });
    deciderSpec(oneDay)
      .given([])
      .when(submit())
      .thenState((state) => expect(state.correctionWindowReminderAt).toBeUndefined());
  });

  it('is issued once by the system, naming the window unit answerable', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(remind(windowReminderAt))
      .then([
        {
          type: 'CorrectionWindowReminderIssued',
          data: {
            closesAt: windowClosesAt,
            windowUnit: 'window-3',
            at: windowReminderAt,
            by: recordedBy(intake),
          },
        },
      ]);
    const reminded = {
      type: 'CorrectionWindowReminderIssued' as const,
      data: {
        closesAt: windowClosesAt,
        windowUnit: 'window-3',
        at: windowReminderAt,
        by: recordedBy(intake),
      },
    };
    spec
      .given([submitted(), firstHandler(), reminded])
      .when(remind('2026-03-09T09:00:00+08:00'))
      .thenThrows(CorrectionWindowAlreadyReminded, (e) => e.details.remindedAt === windowReminderAt);
  });

  it('waits until it is due, and is not sent once the window closed or the application moved on', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(remind('2026-03-06T16:59:00+08:00'))
      .thenThrows(CorrectionWindowReminderNotDue, (e) => e.details.dueAt === windowReminderAt);
    spec.given([submitted(), firstHandler()]).when(remind(afterWindow)).thenThrows(CorrectionWindowClosed);
    spec
      .given([submitted(formOnly), firstHandler(), correctionRequested()])
      .when(remind(windowReminderAt))
      .thenThrows(ApplicationAlreadyAccepted);
    spec
      .given([submitted(), firstHandler()])
      .when(remind(windowReminderAt, clerk))
      .thenThrows(NotASystemActor);
  });

  it('names the item’s department for an online application no clerk has touched', () => {
    spec
      .given([submitted(complete, { channel: 'web', by: applicant })])
      .when(remind(windowReminderAt))
      .thenMatches(([event]) =>
        expect(event?.type === 'CorrectionWindowReminderIssued' && event.data.windowUnit).toBe(
          item.department,
        ),
      );
  });
});

describe('AcceptOnReceipt: accepted by operation of law (行政许可法 Art. 32, 视为受理)', () => {
  it('records the acceptance by the system, from the submission, the window unit answerable', () => {
    spec
      .given([submitted(formOnly), firstHandler()])
      .when(acceptOnReceipt(afterWindow))
      .then([
        {
          type: 'ApplicationAccepted',
          data: {
            acceptanceDocumentNo: 'SL-D2026-000123',
            category: 'promised',
            itemCode: item.code,
            itemVersion: 3,
            acceptingUnit: 'window-3',
            acceptedOnReceipt: true,
            byOperationOfLaw: true,
            // Missing materials do not stop the law: they are recorded.
            materialsMissing: ['id'],
            clockStartsAt: submittedAt,
            promisedLimit: item.promisedLimit,
            statutoryLimit: item.statutoryLimit,
            // 10 and 20 working days from Monday 2 March 10:00, not from the acceptance on 9 March.
            promisedDeadline: '2026-03-16T17:00:00+08:00',
            statutoryDeadline: '2026-03-30T17:00:00+08:00',
            at: afterWindow,
            by: recordedBy(intake),
          },
        },
      ]);
  });

  it('waits for the window to close', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(acceptOnReceipt(windowClosesAt))
      .thenThrows(CorrectionWindowStillOpen, (e) => e.details.closesAt === windowClosesAt);
  });

  it('is not for an application the window acted on in time, and only the system records it', () => {
    spec
      .given([submitted(formOnly), firstHandler(), correctionRequested()])
      .when(acceptOnReceipt(afterWindow))
      .thenThrows(CorrectionAlreadyRequested, (e) => e.kind === 'illegal_transition');
    spec
      .given([submitted(), firstHandler(), accepted()])
      .when(acceptOnReceipt(afterWindow))
      .thenThrows(ApplicationAlreadyAccepted);
    spec
      .given([submitted(), firstHandler(), declined])
      .when(acceptOnReceipt(afterWindow))
      .thenThrows(ApplicationClosed, (e) => e.details.status === 'declined');
    spec
      .given([submitted(), firstHandler()])
      .when(acceptOnReceipt(afterWindow, clerk))
      .thenThrows(NotASystemActor);
  });
});

describe('the supplement deadline (补正期限)', () => {
  const inCorrection = [submitted(formOnly), firstHandler(), correctionRequested()];

  it('refuses a supplement after the deadline, before the expiry is recorded, naming the rule', () => {
    spec
      .given(inCorrection)
      .when(supplement('2026-03-17T17:01:00+08:00'))
      .thenThrows(
        SupplementDeadlinePassed,
        (e) =>
          e.kind === 'rule_broken' &&
          e.details.deadline === supplementDeadline &&
          !('expiredAt' in e.details),
      );
    spec
      .given(inCorrection)
      .when(supplement(supplementDeadline))
      .thenMatches((events) => expect(events[0]?.type).toBe('MaterialsSupplemented'));
  });

  it('refuses a supplement after the expiry, with when it expired', () => {
    spec
      .given([...inCorrection, correctionExpired])
      .when(supplement('2026-03-18T10:00:00+08:00'))
      .thenThrows(
        SupplementDeadlinePassed,
        (e) => e.details.deadline === supplementDeadline && e.details.expiredAt === supplementDeadline,
      );
  });
});
