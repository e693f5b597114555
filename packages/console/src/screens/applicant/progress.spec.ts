import { describe, expect, it } from 'vitest';
import { CLOSED, isNegative, type PublicStatus, progressSteps, retryAfterSeconds } from './progress';

const base: PublicStatus = {
  caseNo: '20261201-7K3QXM',
  itemName: '食品经营许可',
  status: 'submitted',
  statusText: '已提交，待受理',
  submittedAt: '2026-12-01T01:00:00.000Z',
  correctionDeadline: null,
  acceptedAt: null,
  promisedDeadline: null,
  decidedAt: null,
  deliveredAt: null,
  result: null,
};

const shape = (status: PublicStatus) => progressSteps(status).map((s) => `${s.key}:${s.state}`);

describe('the progress steps of the public status', () => {
  it('a submitted case waits at the first step', () => {
    expect(shape(base)).toEqual([
      'submitted:process',
      'accepted:wait',
      'in_review:wait',
      'decided:wait',
      'delivered:wait',
    ]);
  });

  it('a correction names the first step, still running', () => {
    expect(shape({ ...base, status: 'correction_requested' })[0]).toBe('correction_requested:process');
  });

  it('a case in review has passed submission and acceptance, with their dates', () => {
    const steps = progressSteps({
      ...base,
      status: 'in_review',
      acceptedAt: '2026-12-01T02:00:00.000Z',
      promisedDeadline: '2026-12-15T09:00:00.000Z',
    });
    expect(steps.map((s) => s.state)).toEqual(['finish', 'finish', 'process', 'wait', 'wait']);
    expect(steps[1]?.at).toBe('2026-12-01T02:00:00.000Z');
  });

  it('a special procedure shows on the review step', () => {
    expect(shape({ ...base, status: 'special_procedure' })[2]).toBe('special_procedure:process');
  });

  it('a delivered case has every step done', () => {
    expect(progressSteps({ ...base, status: 'delivered' }).every((s) => s.state === 'finish')).toBe(true);
  });

  it('a declined case ends after submission; a withdrawn one after what it passed', () => {
    expect(shape({ ...base, status: 'declined' })).toEqual(['submitted:finish', 'declined:error']);
    expect(shape({ ...base, status: 'withdrawn', acceptedAt: '2026-12-01T02:00:00.000Z' })).toEqual([
      'submitted:finish',
      'accepted:finish',
      'withdrawn:finish',
    ]);
  });

  it('closed statuses may be rated; refusals are negative; a 429 says how long to wait', () => {
    expect(CLOSED).toContain('delivered');
    expect(CLOSED).not.toContain('in_review');
    expect(isNegative('refused')).toBe(true);
    expect(isNegative('approved')).toBe(false);
    expect(retryAfterSeconds({ retryAfterSeconds: 1.2 })).toBe(2);
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });
});
