import type { ReadModelDocument } from '@docket/projections';
import type { CaseStatus } from '../case-status';

/** What the public lookup may show about a result: the outcome and, on approval, the certificate. */
export interface PublicResult {
  outcome: string;
  certificateName: string | null;
  certificateNumber: string | null;
}

/**
 * 办件进度公开查询: what anyone holding the query code may see. No personal data: no applicant, no
 * opinions, no reasons (they may name people); only the item, the status and the dates. Instants are UTC.
 */
export interface PublicStatusDocument extends ReadModelDocument {
  caseNo: string;
  /** sha256 hex of the applicant's query code (the code itself is never stored). */
  queryCodeHash: string;
  itemName: string;
  status: CaseStatus;
  /** The status in the words shown to the public. */
  statusText: string;
  submittedAt: string;
  /** Until when missing materials may be handed in (补正期限), while a correction is requested. */
  correctionDeadline: string | null;
  acceptedAt: string | null;
  promisedDeadline: string | null;
  decidedAt: string | null;
  deliveredAt: string | null;
  result: PublicResult | null;
  /**
   * Why the case stands where it does, when the system put it there (absent otherwise): the supplement
   * deadline passed (the deadline stays in `correctionDeadline`), or the correction window closed and the
   * application was accepted by operation of law (行政许可法 Art. 32). Fixed wording, no personal data.
   */
  statusReason?: string;
}

/** The public's wording of the reasons the system records (`statusReason`). */
export const publicStatusReason = {
  correctionExpired: '补正期限已过，未收到补正材料，申请终止（逾期未补正，补办件未办结）；如需办理请重新申请',
  acceptedByOperationOfLaw:
    '五个工作日内未告知补正，依《行政许可法》第三十二条，自收到申请材料之日起即为受理，办理时限自提交之日起计算',
} as const;

/** What the lookup answers: the document without its key and the query code's hash (internal, not public). */
export type PublicStatusView = Omit<PublicStatusDocument, 'id' | 'queryCodeHash'>;

/** The public's wording of each status: one table with the console's (@docket/contracts). */
export { publicStatusText } from '@docket/contracts';
