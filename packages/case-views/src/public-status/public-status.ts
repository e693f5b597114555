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
}

/** What the lookup answers: the document without its key and the query code's hash (internal, not public). */
export type PublicStatusView = Omit<PublicStatusDocument, 'id' | 'queryCodeHash'>;

/** The public's wording of each status: one table with the console's (@docket/contracts). */
export { publicStatusText } from '@docket/contracts';
