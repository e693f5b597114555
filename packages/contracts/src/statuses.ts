import { z } from 'zod';

// The statuses lists filter by, shared by the requests and the replies (declared apart so that neither
// module imports the other).

/** Where a case stands (as the case list has it: packages/case-views, case-status.ts). */
export const CaseStatus = z.enum([
  'submitted',
  'correction_requested',
  'supplemented',
  'correction_expired',
  'accepted',
  'in_review',
  'special_procedure',
  'decided',
  'delivered',
  'declined',
  'withdrawn',
]);

export type CaseStatus = z.infer<typeof CaseStatus>;

/**
 * The public's wording of each status (办件进度查询): what the public status document carries as
 * `statusText`, and the Chinese the console's applicant pages show. One table for both.
 */
export const publicStatusText: Record<CaseStatus, string> = {
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

export const ComplaintStatus = z.enum(['submitted', 'accepted', 'declined', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;
export const SupervisionOrderStatus = z.enum(['issued', 'answered', 'closed']);
export type SupervisionOrderStatus = z.infer<typeof SupervisionOrderStatus>;
