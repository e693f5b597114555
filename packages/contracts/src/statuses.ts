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

export const ComplaintStatus = z.enum(['submitted', 'accepted', 'declined', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;
export const SupervisionOrderStatus = z.enum(['issued', 'answered', 'closed']);
export type SupervisionOrderStatus = z.infer<typeof SupervisionOrderStatus>;
