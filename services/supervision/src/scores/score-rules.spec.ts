import { DEFAULT_SCORE_RULES, InvalidScoreInput } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { scoreDeductionsFromEnv, scoreRulesOf } from './score-rules';

describe('the score’s configured deductions', () => {
  it('are the defaults unless configured, and the configured kinds over them', () => {
    expect(scoreRulesOf({})).toEqual(DEFAULT_SCORE_RULES);
    expect(scoreRulesOf({ scoreDeductions: { deemedApprovals: 2.5 } }).perCount).toEqual({
      ...DEFAULT_SCORE_RULES.perCount,
      deemedApprovals: 2.5,
    });
    expect(() => scoreRulesOf({ scoreDeductions: { substantiatedComplaints: -1 } })).toThrow(
      InvalidScoreInput,
    );
  });

  it('are read from DOCKET_SCORE_DEDUCTIONS, refused with the variable named when malformed', () => {
    expect(scoreDeductionsFromEnv(undefined)).toBeUndefined();
    expect(scoreDeductionsFromEnv(' ')).toBeUndefined();
    expect(scoreDeductionsFromEnv('{"substantiatedComplaints":3,"deemedApprovals":2.5}')).toEqual({
      substantiatedComplaints: 3,
      deemedApprovals: 2.5,
    });
    expect(() => scoreDeductionsFromEnv('3')).toThrow(/DOCKET_SCORE_DEDUCTIONS/);
    expect(() => scoreDeductionsFromEnv('{deemed')).toThrow(/DOCKET_SCORE_DEDUCTIONS is not JSON/);
    expect(() => scoreDeductionsFromEnv('{"deemedApproval":2}')).toThrow(/deemedApproval/);
    expect(() => scoreDeductionsFromEnv('{"deemedApprovals":"2"}')).toThrow(/DOCKET_SCORE_DEDUCTIONS/);
    expect(() => scoreDeductionsFromEnv('{"deemedApprovals":0.125}')).toThrow(InvalidScoreInput);
  });
});
