import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { issueField, ruleIssues } from './item-issues';

const refusal = (issues: unknown, status = 422) =>
  new ApiError({ status, code: 'RetentionBasisRequired', details: { issues } });

describe('the catalogue rules the API names, on the form’s fields', () => {
  it('reads the issues of a rule refusal, and nothing from any other failure', () => {
    const issues = [
      {
        rule: 'RetentionBasisRequired',
        path: 'retention.basis',
        message: 'a retention period needs its basis',
      },
      { rule: 'FeeBasisRequired', path: 'fee.basis', message: 'a fixed fee needs the basis that sets it' },
    ];
    expect(ruleIssues(refusal(issues))).toEqual([
      { rule: 'RetentionBasisRequired', path: 'retention.basis' },
      { rule: 'FeeBasisRequired', path: 'fee.basis' },
    ]);
    expect(ruleIssues(refusal(issues, 400))).toEqual([]);
    expect(ruleIssues(refusal(['item.retention.years: Too big']))).toEqual([]);
    expect(ruleIssues(refusal([{ rule: 'SomeRuleOfLater', path: 'x', message: 'y' }]))).toEqual([]);
    expect(ruleIssues(new ApiError({ status: 422 }))).toEqual([]);
    expect(ruleIssues(new Error('network'))).toEqual([]);
  });

  it('puts the retention’s basis on its field, like the fee’s, the limits and the rows of the lists', () => {
    expect(issueField('retention.basis')).toEqual(['retentionBasis']);
    expect(issueField('fee.basis')).toEqual(['feeBasis']);
    expect(issueField('promisedLimit')).toEqual(['promisedLimit', 'value']);
    expect(issueField('joint.leadDepartment')).toEqual(['leadDepartment']);
    expect(issueField('materials.2.condition')).toEqual(['materials', 2, 'condition']);
    expect(issueField('steps.0.role')).toEqual(['steps', 0, 'role']);
    expect(issueField('joint.coHandlers.1.limit')).toEqual(['coHandlers', 1, 'limit', 'value']);
  });

  it('leaves an issue about a whole list or the item as a whole to the message above the button', () => {
    for (const path of ['steps', 'materials', 'joint', 'joint.coHandlers', 'retention'])
      expect(issueField(path)).toBeUndefined();
  });
});
