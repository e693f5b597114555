import { describe, expect, it } from 'vitest';
import { RecordDecisionData } from './commands';
import { decisionOf } from './review-outcome';

const by = { id: 'u-head', name: 'Head Wang', department: 'market-regulation' };
const event = (type: string, data: object) => ({
  id: 'ev-review-7',
  type,
  occurredAt: '2026-03-10T10:00:00+08:00',
  data: { at: '2026-03-10T10:00:00+08:00', by, ...data },
});
const from = { decidedAt: '2026-03-10T10:00:00+08:00', reviewEventId: 'ev-review-7' };

describe('the decision the application records for the review’s outcome', () => {
  it('takes a decision with its certificate and reason, dated and caused by the review’s event', () => {
    const certificate = { name: '食品经营许可证', number: 'JY2026-0001' };
    const approved = decisionOf(
      event('ReviewDecided', { outcome: 'approved', stepIndex: 2, opinion: '同意', certificate }),
    );
    expect(approved).toEqual({ outcome: 'approved', certificate, ...from });
    expect(RecordDecisionData.parse(approved)).toEqual(approved);
    expect(
      decisionOf(
        event('ReviewDecided', { outcome: 'refused', stepIndex: 2, opinion: '不同意', reason: '不符合' }),
      ),
    ).toEqual({ outcome: 'refused', reason: '不符合', ...from });
  });

  it('records a deemed approval and a forwarding up with its reason', () => {
    expect(decisionOf(event('ApprovalDeemed', { outcome: 'deemed_approved' }))).toEqual({
      outcome: 'deemed_approved',
      ...from,
    });
    expect(decisionOf(event('ReviewForwardedUp', { authority: '市局', reason: '超出权限' }))).toEqual({
      outcome: 'forwarded_up',
      reason: '超出权限',
      ...from,
    });
  });

  it('has nothing to record for a review event that does not end the review', () => {
    expect(decisionOf(event('ReviewStepPassed', { stepIndex: 0, nextStep: 1 }))).toBeUndefined();
  });
});
