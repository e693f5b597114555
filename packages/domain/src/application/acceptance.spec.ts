import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { asVersion, instantItem } from '../catalogue/spec-support/items';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { AcceptApplicationData } from './commands';
import type { OutstandingMaterial } from './errors';
import {
  ApplicationAlreadyAccepted,
  CategoryChangeNotAllowed,
  DecisionAlreadyRecorded,
  LegalBasisRequired,
  MaterialsStillMissing,
  NotAClerk,
  NotApplicantOrClerk,
} from './errors';
import type { ApplicationEvent } from './events';
import {
  accepted,
  acceptedAt,
  applicant,
  clerk,
  command,
  correctionRequested,
  decider,
  decisionRecorded,
  declined,
  firstHandler,
  formOnly,
  officer,
  submitted,
  submittedAt,
  supplemented,
  withdrawn,
} from './spec-support/fixtures';

const spec = deciderSpec(decider);
const accept = (data: Partial<AcceptApplicationData> = {}, at = acceptedAt, actor = clerk) =>
  command('AcceptApplication', { acceptanceDocumentNo: 'SL-2026-0456', ...data }, actor, at);
const acceptedData = (event: ApplicationEvent | undefined) => {
  if (event?.type !== 'ApplicationAccepted')
    throw new Error(`expected ApplicationAccepted, got ${event?.type}`);
  return event.data;
};

describe('AcceptApplication (受理)', () => {
  it('starts the clock now with the promised and statutory deadlines of the item version', () => {
    spec.given([submitted(), firstHandler()]).when(accept()).then([accepted()]);
  });

  it('after a supplement, counts from the acceptance', () => {
    // Accepted Friday 6 March 10:00: 10 working days → Friday 20 March, 20 → Friday 3 April.
    spec
      .given([submitted(formOnly), firstHandler(), correctionRequested(), supplemented()])
      .when(accept({}, '2026-03-06T10:00:00+08:00'))
      .thenMatches(([event]) => {
        const data = acceptedData(event);
        expect(data.clockStartsAt).toBe('2026-03-06T10:00:00+08:00');
        expect(data.promisedDeadline).toBe('2026-03-20T17:00:00+08:00');
        expect(data.statutoryDeadline).toBe('2026-04-03T17:00:00+08:00');
        expect(data.acceptedOnReceipt).toBe(false);
      });
  });

  it('counts as accepted on receipt when no notice came within five working days, missing materials or not', () => {
    // Clock from the submission, Monday 2 March: 10 working days → Monday 16, 20 → Monday 30 March.
    spec
      .given([submitted(formOnly), firstHandler()])
      .when(accept({}, '2026-03-10T10:00:00+08:00'))
      .thenMatches(([event]) => {
        const data = acceptedData(event);
        expect(data.acceptedOnReceipt).toBe(true);
        expect(data.clockStartsAt).toBe(submittedAt);
        expect(data.promisedDeadline).toBe('2026-03-16T17:00:00+08:00');
        expect(data.statutoryDeadline).toBe('2026-03-30T17:00:00+08:00');
        expect(data.materialsMissing).toEqual(['id']);
      });
  });

  it('needs every mandatory material while a notice could still be issued', () => {
    spec
      .given([submitted(formOnly), firstHandler()])
      .when(accept())
      .thenThrows(
        MaterialsStillMissing,
        (e) => (e.details.missing as OutstandingMaterial[])[0]?.code === 'id',
      );
    spec
      .given([submitted(formOnly), firstHandler(), correctionRequested()])
      .when(accept())
      .thenThrows(MaterialsStillMissing);
  });

  it('gives an instant item a deadline at the close of the same working day', () => {
    const instant = asVersion(instantItem());
    spec
      .given([submitted(undefined, { item: instant }), firstHandler()])
      .when(accept())
      .thenMatches(([event]) => {
        const data = acceptedData(event);
        expect(data.category).toBe('instant');
        expect(data.promisedDeadline).toBe('2026-03-04T17:00:00+08:00');
      });
  });

  it('lets an instant item be handled as promised, with a reason, within the statutory limit', () => {
    const instant = asVersion(instantItem());
    const given = [submitted(undefined, { item: instant }), firstHandler()];
    spec
      .given(given)
      .when(accept({ category: 'promised', categoryChangeReason: 'the archive check takes days' }))
      .thenMatches(([event]) => {
        const data = acceptedData(event);
        expect(data.category).toBe('promised');
        expect(data.categoryChangeReason).toBe('the archive check takes days');
        expect(data.promisedDeadline).toBe('2026-04-01T17:00:00+08:00');
      });
    spec
      .given(given)
      .when(accept({ category: 'promised' }))
      .thenThrows(ReasonRequired);
    spec
      .given([submitted(), firstHandler()])
      .when(accept({ category: 'instant', categoryChangeReason: 'simple' }))
      .thenThrows(
        CategoryChangeNotAllowed,
        (e) => e.details.from === 'promised' && e.details.to === 'instant',
      );
  });

  it('is done once, by a clerk of a window unit', () => {
    spec
      .given([submitted(), firstHandler(), accepted()])
      .when(accept())
      .thenThrows(ApplicationAlreadyAccepted);
    spec
      .given([submitted(), firstHandler()])
      .when(accept({}, acceptedAt, officer))
      .thenThrows(NotAClerk);
    const { department: _, ...noUnit } = clerk;
    spec
      .given([submitted(), firstHandler()])
      .when(accept({}, acceptedAt, noUnit))
      .thenThrows(InvalidCommand);
  });
});

describe('DeclineApplication (不予受理)', () => {
  const decline = (reason?: string, legalBasis?: string) =>
    command('DeclineApplication', { reason, legalBasis }, clerk, acceptedAt);

  it('closes the application with a written reason and its legal basis', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(decline('the premises lie outside this district', 'Administrative Licensing Law Art. 32(1)(2)'))
      .then([declined]);
    spec
      .given([submitted(formOnly), firstHandler(), correctionRequested()])
      .when(decline('not within our remit', 'Art. 32'))
      .thenState((state) => expect(state.status).toBe('declined'));
  });

  it('needs both the reason and the legal basis', () => {
    spec.given([submitted(), firstHandler()]).when(decline(' ', 'Art. 32')).thenThrows(ReasonRequired);
    spec
      .given([submitted(), firstHandler()])
      .when(decline('outside the district'))
      .thenThrows(LegalBasisRequired);
  });

  it('is too late once accepted, and for clerks only', () => {
    spec
      .given([submitted(), firstHandler(), accepted()])
      .when(decline('r', 'b'))
      .thenThrows(ApplicationAlreadyAccepted);
    spec
      .given([submitted(), firstHandler()])
      .when(command('DeclineApplication', { reason: 'r', legalBasis: 'b' }, applicant, acceptedAt))
      .thenThrows(NotAClerk);
  });
});

describe('WithdrawApplication (撤回)', () => {
  const withdraw = (actor = applicant, reason?: string, at = acceptedAt) =>
    command('WithdrawApplication', reason === undefined ? {} : { reason }, actor, at);

  it('lets the applicant withdraw, with or without a reason', () => {
    spec.given([submitted(), firstHandler()]).when(withdraw()).then([withdrawn]);
  });

  it('lets a clerk withdraw for the applicant, saying why', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(withdraw(clerk, 'applicant asked at the window'))
      .then([
        {
          type: 'ApplicationWithdrawn',
          data: {
            reason: 'applicant asked at the window',
            onBehalfOfApplicant: true,
            resultCode: 'withdrawn',
            at: acceptedAt,
            by: recordedBy(clerk),
          },
        },
      ]);
    spec.given([submitted(), firstHandler()]).when(withdraw(clerk)).thenThrows(ReasonRequired);
  });

  it('is possible after acceptance, but not once a decision is recorded', () => {
    const later = '2026-03-20T10:00:00+08:00';
    spec
      .given([submitted(), firstHandler(), accepted()])
      .when(withdraw(applicant, undefined, later))
      .thenState((state) => expect(state.resultCode).toBe('withdrawn'));
    spec
      .given([submitted(), firstHandler(), accepted(), decisionRecorded()])
      .when(withdraw(applicant, undefined, later))
      .thenThrows(DecisionAlreadyRecorded, (e) => e.details.reviewEventId === 'ev-review-77');
  });

  it('is not for officers', () => {
    spec.given([submitted(), firstHandler()]).when(withdraw(officer)).thenThrows(NotApplicantOrClerk);
  });
});
