import { CaseStatus } from '@docket/contracts';
import { describe, expect, it } from 'vitest';
import { en, zh } from './messages';

/**
 * The public's words for each status, as packages/case-views has them (`publicStatusText`, which the
 * public status document carries as `statusText`). A copy, not an import: the console bundles only
 * @docket/contracts and @docket/domain (vite.config.mts), and @docket/case-views' entry brings Node-only
 * modules (node:crypto, the event store). packages/case-views/test/public-status-words.spec.ts pins the
 * same table there, so new wording fails one of the two until both agree.
 */
const PUBLIC_STATUS_WORDS = {
  submitted: '已提交，待受理',
  correction_requested: '需补正材料',
  supplemented: '已补正，待受理',
  correction_expired: '逾期未补正，不予受理',
  accepted: '已受理',
  in_review: '审查中',
  special_procedure: '特别程序中（听证、检验检测等），办理时限暂停计算',
  decided: '已办结',
  delivered: '已办结，结果已送达',
  declined: '不予受理',
  withdrawn: '已撤回',
};

describe('the public status in the applicant’s words', () => {
  it('is, in Chinese, word for word what the case views tell the public', () => {
    expect(zh.status).toEqual(PUBLIC_STATUS_WORDS);
  });

  it('has words for every status a case may be in, in both languages', () => {
    const statuses = [...CaseStatus.options].sort();
    expect(Object.keys(zh.status).sort()).toEqual(statuses);
    expect(Object.keys(en.status).sort()).toEqual(statuses);
    for (const status of CaseStatus.options) expect(en.status[status]).toMatch(/^[\x20-\x7e…]+$/);
  });
});
