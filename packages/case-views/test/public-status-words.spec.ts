import { describe, expect, it } from 'vitest';
import { publicStatusText } from '../src';

/**
 * The public's words for each status, pinned. The console's applicant pages show the status by its
 * code in the reader's language, their Chinese a copy of these words
 * (packages/console/src/screens/applicant/messages.ts, checked by status-words.spec.ts there against
 * the same table): change a word here and there together.
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

describe('the public status wording', () => {
  it('is the wording the console shows the applicants in Chinese', () => {
    expect(publicStatusText).toEqual(PUBLIC_STATUS_WORDS);
  });
});
