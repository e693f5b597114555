import { identityNumberRules, identityRuleMessage } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { idNumberRule, numberIssues, phoneRule } from './identity-rules';
import { en, zh } from './messages';

const refusal = (issues: unknown, status = 400) =>
  new ApiError({ status, code: 'InvalidCommand', details: { issues } });

describe('the identity numbers rule at the window’s form', () => {
  it('checks an ID number by its document type, as the server does', () => {
    expect(idNumberRule('resident_id', '123')).toBe('gb11643.format');
    expect(idNumberRule('resident_id', '310104198512120016')).toBe('gb11643.checkDigit');
    expect(idNumberRule('resident_id', ' 11010519491231002x ')).toBeUndefined();
    expect(idNumberRule('unified_social_credit_code', '91350100M000100Y44')).toBe('gb32100.checkCharacter');
    expect(idNumberRule('passport', '123')).toBeUndefined();
    // Blank is the required rule's to say.
    expect(idNumberRule('resident_id', '  ')).toBeUndefined();
  });

  it('takes a mobile number for a person and any phone number for a company', () => {
    expect(phoneRule('person', 'x')).toBe('phone.mobile');
    expect(phoneRule('person', '021-63211234')).toBe('phone.mobile');
    expect(phoneRule('person', '13812345678')).toBeUndefined();
    expect(phoneRule('company', '021-63211234')).toBeUndefined();
    expect(phoneRule('company', 'x')).toBe('phone.any');
  });

  it("puts the server's refusal of a number on its field, the decider's `data.` path too", () => {
    const issues = [
      `applicant.idNumber: ${identityRuleMessage('gb11643.checkDigit')}`,
      `applicant.agent.phone: ${identityRuleMessage('phone.mobile')}`,
      `data.applicant.agent.idNumber: ${identityRuleMessage('gb11643.futureBirthDate')}`,
      'applicant.name: is empty: it has no visible character',
    ];
    expect(numberIssues(refusal(issues))).toEqual([
      { field: 'idNumber', rule: 'gb11643.checkDigit' },
      { field: 'agentPhone', rule: 'phone.mobile' },
      { field: 'agentIdNumber', rule: 'gb11643.futureBirthDate' },
    ]);
    expect(numberIssues(refusal(issues, 422))).toEqual([]);
    expect(numberIssues(new Error('network'))).toEqual([]);
  });

  it('says every rule in both languages', () => {
    const said = (messages: typeof zh | typeof en, rule: string): unknown =>
      rule
        .split('.')
        .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], messages.apply.numberRule);
    for (const rule of identityNumberRules) {
      expect(said(zh, rule), rule).toMatch(/\S/);
      expect(said(en, rule), rule).toMatch(/\S/);
    }
  });
});
