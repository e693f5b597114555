import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { DeliverResultData, RecordDecisionData } from './commands';
import {
  ApplicationNotAccepted,
  DecisionAlreadyRecorded,
  NoResultToDeliver,
  NotAClerk,
  NotASystemActor,
  ResultAlreadyDelivered,
  TimeBeforeLastEvent,
} from './errors';
import {
  accepted,
  acceptedAt,
  clerk,
  command,
  correctionRequested,
  decidedAt,
  decider,
  decisionAt,
  decisionRecorded,
  delivered,
  deliveredAt,
  firstHandler,
  formOnly,
  noticeAt,
  reviewService,
  submitted,
  submittedAt,
  supplemented,
  suppliedAt,
} from './spec-support/fixtures';

const spec = deciderSpec(decider);
const inReview = [submitted(), firstHandler(), accepted()];
const record = (data: Partial<RecordDecisionData>, actor = reviewService) =>
  command(
    'RecordDecision',
    { outcome: 'approved', decidedAt, reviewEventId: 'ev-review-77', ...data },
    actor,
    decisionAt,
  );
const deliver = (data: Partial<DeliverResultData> = {}, actor = clerk) =>
  command(
    'DeliverResult',
    { method: 'window_pickup', recipient: { name: 'Wang Wei', relation: 'applicant' }, ...data },
    actor,
    deliveredAt,
  );

describe('RecordDecision', () => {
  it('records an approval with its certificate', () => {
    spec
      .given(inReview)
      .when(
        record({
          certificate: { name: 'Food business licence', number: 'JY13301000001', validUntil: '2031-03-15' },
        }),
      )
      .then([decisionRecorded('approved')]);
  });

  it('records a refusal only with its written reason (说理式)', () => {
    spec
      .given(inReview)
      .when(record({ outcome: 'refused', reason: 'premises fail the hygiene inspection' }))
      .then([decisionRecorded('refused')]);
    spec
      .given(inReview)
      .when(record({ outcome: 'refused' }))
      .thenThrows(ReasonRequired, (e) => e.details.action === 'refusal');
  });

  it('records deemed approvals and forwarding up with their result codes', () => {
    spec
      .given(inReview)
      .when(record({ outcome: 'deemed_approved' }))
      .thenState((state) => expect(state.resultCode).toBe('deemed_approved'));
    spec
      .given(inReview)
      .when(record({ outcome: 'forwarded_up', reason: 'city-level competence' }))
      .thenState((state) => expect(state.status).toBe('result_ready'));
  });

  it('is recorded once: a repeated integration event is refused with the first one’s id', () => {
    spec
      .given([...inReview, decisionRecorded()])
      .when(record({ reviewEventId: 'ev-review-78' }))
      .thenThrows(DecisionAlreadyRecorded, (e) => e.details.reviewEventId === 'ev-review-77');
    spec
      .given([...inReview, decisionRecorded(), delivered])
      .when(record({}))
      .thenThrows(DecisionAlreadyRecorded);
  });

  it('needs an accepted application, the system as actor, and a decision not dated before acceptance', () => {
    spec
      .given([submitted(), firstHandler()])
      .when(record({}))
      .thenThrows(ApplicationNotAccepted, (e) => e.details.status === 'submitted');
    spec.given(inReview).when(record({}, clerk)).thenThrows(NotASystemActor);
    spec
      .given(inReview)
      .when(record({ decidedAt: '2026-03-04T09:00:00+08:00' }))
      .thenThrows(TimeBeforeLastEvent, (e) => e.details.last === acceptedAt);
  });

  it('refuses a certificate on a refusal as malformed', () => {
    spec
      .given(inReview)
      .when(record({ outcome: 'refused', reason: 'r', certificate: { name: 'x', number: '1' } }))
      .thenThrows(InvalidCommand);
  });
});

describe('DeliverResult (送达)', () => {
  const ready = [...inReview, decisionRecorded()];

  it('hands the result over once', () => {
    spec.given(ready).when(deliver()).then([delivered]);
    spec
      .given([...ready, delivered])
      .when(deliver())
      .thenThrows(ResultAlreadyDelivered, (e) => e.details.deliveredAt === deliveredAt);
  });

  it('sends by post only with a tracking number', () => {
    spec
      .given(ready)
      .when(deliver({ method: 'post' }))
      .thenThrows(InvalidCommand);
    spec
      .given(ready)
      .when(deliver({ method: 'post', trackingNo: 'EMS123' }))
      .thenMatches(([event]) =>
        expect(event?.type === 'ResultDelivered' && event.data.trackingNo).toBe('EMS123'),
      );
  });

  it('flags a fee more than 5% off the standard as an anomaly, without refusing the delivery', () => {
    const feeOf = (amountFen: number) => {
      const [event] = decider.decide(deliver({ feePaid: { amountFen } }), fold(decider, ready));
      if (event?.type !== 'ResultDelivered') throw new Error('expected ResultDelivered');
      return event.data;
    };
    // The item's standard fee is 100.00 yuan (10000 fen).
    expect(feeOf(10500)).toMatchObject({ fee: { dueFen: 10000, paidFen: 10500 }, anomalies: [] });
    expect(feeOf(9500).anomalies).toEqual([]);
    expect(feeOf(10501).anomalies).toEqual(['fee_off_standard']);
    expect(feeOf(0).anomalies).toEqual(['fee_off_standard']);
  });

  it('owes no fee on a refusal', () => {
    const refusedCase = [...inReview, decisionRecorded('refused')];
    spec
      .given(refusedCase)
      .when(deliver({ feePaid: { amountFen: 0 } }))
      .thenMatches(([event]) =>
        expect(event?.type === 'ResultDelivered' && event.data).toMatchObject({
          fee: { dueFen: 0, paidFen: 0 },
          anomalies: [],
        }),
      );
  });

  it('needs a decision and a clerk', () => {
    spec
      .given(inReview)
      .when(deliver())
      .thenThrows(NoResultToDeliver, (e) => e.details.status === 'accepted');
    spec.given(ready).when(deliver({}, reviewService)).thenThrows(NotAClerk);
  });
});

describe('the case record after intake', () => {
  it('carries applicant, channel, materials, the correction, acceptance, decision and delivery', () => {
    const history = [
      submitted(formOnly),
      firstHandler(),
      correctionRequested(),
      supplemented(),
      accepted('2026-03-06T10:00:00+08:00'),
      decisionRecorded(),
      delivered,
    ];
    const state = fold(decider, history);
    expect(state.status).toBe('delivered');
    expect(state).toMatchObject({
      caseNo: 'D2026-000123',
      channel: 'window',
      applicant: { name: 'Wang Wei', idNumber: '110101199003091234' },
      submittedAt,
      firstHandler: { handler: recordedBy(clerk), at: submittedAt },
      correctionCount: 1,
      correction: { noticedAt: noticeAt, suppliedAt, items: [{ code: 'id' }] },
      acceptance: {
        acceptanceDocumentNo: 'SL-2026-0456',
        officer: recordedBy(clerk),
        acceptingUnit: 'window-3',
      },
      decision: { outcome: 'approved', certificate: { number: 'JY13301000001' } },
      delivery: { method: 'window_pickup', at: deliveredAt },
      resultCode: 'approved',
    });
    expect(state.materials).toEqual([
      { code: 'form', count: 1, form: 'original', receivedAt: submittedAt },
      { code: 'id', count: 2, form: 'copy', receivedAt: suppliedAt },
    ]);
  });
});
