import { describe, expect, it } from 'vitest';
import {
  accepted,
  clerk,
  correctionRequested,
  decisionRecorded,
  delivered,
  submitted,
  submittedAt,
  supplemented,
} from '../application/spec-support/fixtures';
import { given, head, monitoring, officer, recorded, reviewer } from '../review/fixtures';
import {
  type AnomalyRules,
  type CaseEvent,
  type CaseFacts,
  detectAnomalies,
  emptyCaseFacts,
} from './anomalies';
import { MalformedCaseEvent } from './errors';

const at = (local: string) => `2026-${local}+08:00`;

let sequence = 0;
/** An event as the monitoring service receives it: the payload, the ledger's id and time. */
const received = (event: { type: string; data: unknown }, id = `evt-${++sequence}`): CaseEvent => ({
  type: event.type,
  data: event.data,
  occurredAt: (event.data as { at: string }).at,
  id,
});

const reviewOpened = () => {
  const opened = given.promisedOpened();
  return { ...opened, data: { ...opened.data, at: at('03-04T10:05:00') } };
};
const passed = (stepIndex: number, when: string, id?: string) =>
  received(given.passed(stepIndex, stepIndex === 0 ? officer : reviewer, when), id);
const reviewDecided = (when: string, outcome: 'approved' | 'refused' = 'approved', reason?: string) =>
  received({
    type: 'ReviewDecided',
    data: {
      outcome,
      stepIndex: 2,
      opinion: outcome === 'approved' ? '准予许可' : '不予许可',
      ...(reason === undefined ? {} : { reason }),
      at: when,
      by: recorded(head),
    },
  });
const approvalDeemed = (when: string) =>
  received({
    type: 'ApprovalDeemed',
    data: {
      outcome: 'deemed_approved',
      deadline: at('04-01T17:00:00'),
      responsibleUnit: 'W-WINDOW',
      causationEventId: 'evt-deadline-passed',
      at: when,
      by: recorded(monitoring),
    },
  });
const deliveredWithFee = (dueFen: number, paidFen: number, anomalies: 'fee_off_standard'[] = []) =>
  received({ type: 'ResultDelivered', data: { ...delivered.data, fee: { dueFen, paidFen }, anomalies } });

/** Folds events the way the monitoring service does, collecting every anomaly found on the way. */
function run(events: CaseEvent[], rules?: Partial<AnomalyRules>, facts: CaseFacts = emptyCaseFacts()) {
  const found: { rule: string; evidenceEventId: string; details: unknown }[] = [];
  for (const event of events) {
    const result = detectAnomalies(facts, event, rules);
    facts = result.facts;
    found.push(...result.anomalies);
  }
  return { facts, found };
}

/** The story of a case handled properly: one correction before acceptance, three steps, fee paid. */
const cleanCase = (): CaseEvent[] => [
  received(submitted()),
  received(correctionRequested()),
  received(supplemented()),
  received(accepted()),
  received(reviewOpened()),
  passed(0, at('03-05T10:00:00')),
  passed(1, at('03-06T10:00:00')),
  reviewDecided(at('03-16T10:55:00')),
  received(decisionRecorded()),
  deliveredWithFee(10_000, 10_000),
];

describe('异常办件: anomalies over a case’s facts', () => {
  it('finds none in a case handled properly, and remembers what the rules need', () => {
    const { facts, found } = run(cleanCase());
    expect(found).toEqual([]);
    expect(facts).toMatchObject({
      caseNo: 'D2026-000123',
      category: 'promised',
      submittedAt,
      acceptedAt: at('03-04T10:00:00'),
      closedAt: at('03-16T10:55:00'),
      correctionCount: 1,
      decision: { outcome: 'approved', withReason: true },
      fee: { dueFen: 10_000, paidFen: 10_000 },
    });
    expect(facts.steps.map((s) => s.stepIndex)).toEqual([0, 1, 2]);
  });

  it('correction_after_acceptance and more_than_one_correction, each once', () => {
    const notice = correctionRequested();
    const late = received(
      { ...notice, data: { ...notice.data, at: at('03-05T09:00:00') } },
      'evt-late-correction',
    );
    const { found } = run([
      received(submitted()),
      received(correctionRequested()),
      received(accepted()),
      late,
      received(correctionRequested(), 'evt-third-correction'),
    ]);
    expect(found).toEqual([
      {
        rule: 'correction_after_acceptance',
        evidenceEventId: 'evt-late-correction',
        details: { acceptedAt: at('03-04T10:00:00'), correctionAt: at('03-05T09:00:00') },
      },
      { rule: 'more_than_one_correction', evidenceEventId: 'evt-late-correction', details: { count: 2 } },
    ]);
  });

  it('refusal_without_reason, once though both the review and intake record the refusal', () => {
    const refusal = reviewDecided(at('03-16T10:55:00'), 'refused', '  ');
    const recordedRefusal = received({
      type: 'DecisionRecorded',
      data: { ...decisionRecorded('refused').data, reason: undefined },
    });
    const { found } = run([...cleanCase().slice(0, 7), refusal, recordedRefusal]);
    expect(found).toEqual([
      {
        rule: 'refusal_without_reason',
        evidenceEventId: refusal.id,
        details: { decidedAt: at('03-16T10:55:00'), source: 'ReviewDecided' },
      },
    ]);
    // a refusal with its reason is none
    expect(
      run([...cleanCase().slice(0, 7), reviewDecided(at('03-16T10:55:00'), 'refused', '卫生条件不符')]).found,
    ).toEqual([]);
  });

  it('step_before_registration: a step dated before the submission, in whichever order they arrive', () => {
    const early = passed(0, at('03-01T16:00:00'), 'evt-early-step');
    const expected = {
      rule: 'step_before_registration',
      evidenceEventId: 'evt-early-step',
      details: { stepIndex: 0, stepAt: at('03-01T16:00:00'), submittedAt },
    };
    expect(run([received(submitted()), early]).found).toEqual([expected]);
    expect(run([early, received(submitted())]).found).toEqual([expected]);
  });

  it('step_after_closing: a step dated after the case closed, in whichever order they arrive', () => {
    const late = passed(1, at('03-18T09:00:00'), 'evt-late-step');
    const expected = {
      rule: 'step_after_closing',
      evidenceEventId: 'evt-late-step',
      details: { stepIndex: 1, stepAt: at('03-18T09:00:00'), closedAt: at('03-16T10:55:00') },
    };
    const before = cleanCase().slice(0, 6);
    expect(run([...before, reviewDecided(at('03-16T10:55:00')), late]).found).toEqual([expected]);
    expect(run([...before, late, reviewDecided(at('03-16T10:55:00'))]).found).toEqual([expected]);
    // a withdrawal closes the case too
    const withdrawn = received({
      type: 'ApplicationWithdrawn',
      data: {
        onBehalfOfApplicant: false,
        resultCode: 'withdrawn',
        at: at('03-10T09:00:00'),
        by: recorded(clerk),
      },
    });
    expect(run([...before, withdrawn, late]).found.map((a) => a.rule)).toEqual(['step_after_closing']);
  });

  it('closed_without_steps: decided with no review step completed, except an instant item', () => {
    const deemed = approvalDeemed(at('04-02T09:00:00'));
    expect(
      run([received(submitted()), received(accepted()), received(reviewOpened()), deemed]).found,
    ).toEqual([
      {
        rule: 'closed_without_steps',
        evidenceEventId: deemed.id,
        details: { outcome: 'deemed_approved', closedAt: at('04-02T09:00:00'), category: 'promised' },
      },
    ]);
    const instant = received({
      type: 'ApplicationAccepted',
      data: { ...accepted().data, category: 'instant' },
    });
    expect(run([received(submitted()), instant, received(decisionRecorded())]).found).toEqual([]);
    // one step done before a deemed approval is enough
    expect(
      run([
        received(submitted()),
        received(accepted()),
        passed(0, at('03-05T10:00:00')),
        approvalDeemed(at('04-02T09:00:00')),
      ]).found,
    ).toEqual([]);
  });

  it('fee_off_standard: more than 5% off what is due, the tolerance configurable', () => {
    const before = cleanCase().slice(0, 9);
    const sixPercent = deliveredWithFee(10_000, 10_600, ['fee_off_standard']);
    expect(run([...before, sixPercent]).found).toEqual([
      {
        rule: 'fee_off_standard',
        evidenceEventId: sixPercent.id,
        details: { dueFen: 10_000, paidFen: 10_600, tolerance: 0.05 },
      },
    ]);
    expect(run([...before, deliveredWithFee(10_000, 10_400)]).found).toEqual([]);
    expect(run([...before, deliveredWithFee(10_000, 9_400)]).found.map((a) => a.rule)).toEqual([
      'fee_off_standard',
    ]);
    // the monitoring's own tolerance judges the figures
    expect(
      run([...before, deliveredWithFee(10_000, 10_600, ['fee_off_standard'])], { feeTolerance: 0.1 }).found,
    ).toEqual([]);
    // intake's flag stands when the figures are not there
    const flagged = received({
      type: 'ResultDelivered',
      data: { ...delivered.data, anomalies: ['fee_off_standard'] },
    });
    expect(run([...before, flagged]).found.map((a) => a.rule)).toEqual(['fee_off_standard']);
  });

  it('ignores an event it has already seen, and events the rules do not concern', () => {
    const second = received(correctionRequested(), 'evt-second-correction');
    const once = run([received(submitted()), received(correctionRequested()), second]);
    expect(once.found.map((a) => a.rule)).toEqual(['more_than_one_correction']);
    const again = detectAnomalies(once.facts, second);
    expect(again).toEqual({ facts: once.facts, anomalies: [] });
    expect(again.facts.correctionCount).toBe(2);
    const rating = { type: 'ServiceRated', data: { level: 5 }, occurredAt: submittedAt, id: 'evt-rating' };
    expect(detectAnomalies(once.facts, rating)).toEqual({ facts: once.facts, anomalies: [] });
  });

  it('reads an application recorded before the text rule: events are read as they were written', () => {
    // The text rule (shared/text.ts) holds commands; an event already in the ledger must still be read.
    const old = submitted();
    const data = old.data as { applicant: object; item: object };
    const event = {
      ...old,
      data: {
        ...data,
        applicant: { ...data.applicant, name: '上海\u202E公司A', address: '南京东路\u0000' },
        item: { ...data.item, name: '食品经营许可\u200B' },
      },
    };
    expect(() => run([received(event)])).not.toThrow();
  });

  it('refuses an event whose payload does not match its schema', () => {
    expect(() =>
      detectAnomalies(emptyCaseFacts(), {
        type: 'ReviewStepPassed',
        data: { stepIndex: 'one' },
        occurredAt: submittedAt,
        id: 'evt-x',
      }),
    ).toThrow(MalformedCaseEvent);
  });
});
