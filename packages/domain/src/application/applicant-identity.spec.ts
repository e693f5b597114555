import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider';
import { InvalidCommand } from '../shared/errors';
import { Applicant, type ApplicationCommand } from './commands';
import { ApplicationSubmittedData } from './events';
import { applicantDetails, decider, submit, submitted } from './spec-support/fixtures';

/**
 * The identity numbers rule on the applicant (shared/identity-numbers.ts): GB 11643 for a resident ID,
 * GB 32100 for a unified social credit code, a mobile number for a person and any phone for a company.
 */
// The fixtures' decider: the weekday calendar, in Asia/Shanghai.
const spec = deciderSpec(decider);

const person = { ...applicantDetails };
const company = {
  type: 'company' as const,
  name: '上海小笼包餐饮有限公司',
  idType: 'unified_social_credit_code' as const,
  idNumber: '91350100M000100Y43',
  phone: '021-63211234',
};

const withApplicant = (applicant: Record<string, unknown>): ApplicationCommand => {
  const base = submit();
  const data = base.data as { applicant: unknown };
  return { ...base, data: { ...data, applicant } } as ApplicationCommand;
};

const issuesOf = (applicant: Record<string, unknown>): string[] =>
  (Applicant.safeParse(applicant).error?.issues ?? []).map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  );

describe('the applicant: identity numbers (GB 11643, GB 32100) and phones', () => {
  it('takes a person with a resident ID and a mobile number, and a company with a credit code and a landline', () => {
    expect(issuesOf(person)).toEqual([]);
    expect(issuesOf(company)).toEqual([]);
    expect(issuesOf({ ...company, phone: '13812345678' })).toEqual([]);
    expect(
      issuesOf({ ...person, idType: 'passport', idNumber: 'E12345678', phone: '+44 20 7946 0958' }),
    ).toEqual([]);
  });

  it.each([
    [{ idNumber: '123' }, /^idNumber: GB 11643 format: /],
    [{ idNumber: '110101199003071234' }, /^idNumber: GB 11643 check digit: /],
    [{ idNumber: '110105199902300015' }, /^idNumber: GB 11643 date of birth: /],
    [{ phone: 'x' }, /^phone: mobile number: /],
    // A person's phone is a mobile number: the centre reaches a person by SMS.
    [{ phone: '021-63211234' }, /^phone: mobile number: /],
    [
      { type: 'company', idType: 'unified_social_credit_code', idNumber: '91350100M000100Y44' },
      /^idNumber: GB 32100 check character: /,
    ],
    // A resident ID typed as a company's code: digits are in the code's set, the check character fails.
    [
      { type: 'company', idType: 'unified_social_credit_code', idNumber: '110105194912310024' },
      /^idNumber: GB 32100 check character: /,
    ],
    [
      { type: 'company', idType: 'unified_social_credit_code', idNumber: '91350100M000100' },
      /^idNumber: GB 32100 format: /,
    ],
    [{ type: 'company', phone: '63211234' }, /^phone: phone number: /],
  ])('refuses %j, naming the field and the rule', (changes, issue) => {
    expect(issuesOf({ ...person, ...changes })).toEqual([expect.stringMatching(issue)]);
  });

  it("holds the agent's ID number and phone to the same rule (an agent is a person: a mobile number)", () => {
    const agent = {
      name: '李四',
      idType: 'resident_id',
      idNumber: '440524188001010014',
      phone: '13912345678',
    };
    expect(issuesOf({ ...company, agent })).toEqual([]);
    expect(
      issuesOf({ ...company, agent: { ...agent, idNumber: '440524188001010015', phone: '021-63211234' } }),
    ).toEqual([
      expect.stringMatching(/^agent\.idNumber: GB 11643 check digit: /),
      expect.stringMatching(/^agent\.phone: mobile number: /),
    ]);
  });

  it('reports both numbers at once, and names no number in the message', () => {
    const issues = issuesOf({ ...person, idNumber: '110101199003071234', phone: '1380000000' });
    expect(issues).toEqual([expect.stringMatching(/^idNumber: /), expect.stringMatching(/^phone: /)]);
    expect(issues.join()).not.toContain('110101199003071234');
  });

  it('records a resident ID with X and a credit code in capitals; other documents as typed', () => {
    expect(Applicant.parse({ ...person, idNumber: '11010519491231002x' }).idNumber).toBe(
      '11010519491231002X',
    );
    expect(Applicant.parse({ ...company, idNumber: '91350100m000100y43' }).idNumber).toBe(
      '91350100M000100Y43',
    );
    expect(Applicant.parse({ ...person, idType: 'passport', idNumber: 'e12345678' }).idNumber).toBe(
      'e12345678',
    );
    expect(
      Applicant.parse({
        ...company,
        agent: { name: '李四', idType: 'resident_id', idNumber: '11010519491231002x', phone: '13912345678' },
      }).agent?.idNumber,
    ).toBe('11010519491231002X');
  });

  it('a submission with a bad number is InvalidCommand at data.applicant.<field>, and nothing is recorded', () => {
    spec
      .given([])
      .when(withApplicant({ ...person, idNumber: '123', phone: 'x' }))
      .thenThrows(InvalidCommand, (e) => {
        expect(e.details.issues).toEqual([
          expect.stringMatching(/^data\.applicant\.idNumber: GB 11643 format: /),
          expect.stringMatching(/^data\.applicant\.phone: mobile number: /),
        ]);
        return true;
      });
  });

  it('refuses a date of birth after the day of the submission (Asia/Shanghai), and takes one born that day', () => {
    // Submitted 2026-03-02 10:00 +08:00 (the fixtures'); born 2026-03-03 (check digit 3) and 2026-03-02 (8).
    spec
      .given([])
      .when(withApplicant({ ...person, idNumber: '110105202603030013' }))
      .thenThrows(InvalidCommand, (e) => {
        expect(e.details.issues).toEqual([
          expect.stringMatching(/^data\.applicant\.idNumber: GB 11643 date of birth: .*after today/),
        ]);
        return true;
      });
    spec
      .given([])
      .when(
        withApplicant({
          ...company,
          agent: {
            name: '李四',
            idType: 'resident_id',
            idNumber: '110105202603030013',
            phone: '13912345678',
          },
        }),
      )
      .thenThrows(InvalidCommand, (e) => {
        expect(e.details.issues).toEqual([
          expect.stringMatching(/^data\.applicant\.agent\.idNumber: GB 11643 date of birth: /),
        ]);
        return true;
      });
    spec
      .given([])
      .when(withApplicant({ ...person, idNumber: '110105202603020018' }))
      .thenMatches(([event]) =>
        expect(event?.data).toMatchObject({ applicant: { idNumber: '110105202603020018' } }),
      );
  });

  it('reads an application recorded before the rule, whatever its numbers', () => {
    const old = submitted();
    const recorded = {
      ...old.data,
      applicant: {
        ...person,
        idNumber: '123',
        phone: 'x',
        agent: { name: '李四', idType: 'resident_id', idNumber: '1', phone: '1' },
      },
    };
    expect(ApplicationSubmittedData.safeParse(recorded).success).toBe(true);
    expect(fold(decider, [{ ...old, data: recorded } as never]).status).toBe('submitted');
  });
});
