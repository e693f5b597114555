import type { ReviewState, ServiceItemVersion } from '@docket/domain';

/** 办事指南: one catalogue item as the public service guide shows it (the five disclosures included). */
export interface CatalogueItemView {
  code: string;
  status: 'active' | 'withdrawn';
  /** The version new applications are submitted under. */
  current: ServiceItemVersion;
  /** Every version number published, oldest first. */
  versions: number[];
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

/** A case's review as the back office reads it: tasks, steps with every completion, opinions, outcome. */
export interface ReviewView {
  caseNo: string;
  revision: bigint | null;
  review: ReviewState;
}

/** What another service needs to know of a case (system only): its department, applicant, and whether it is closed. */
export interface CaseFacts {
  caseNo: string;
  department: string;
  /** The co-handling departments of a joint case (协办部门); empty otherwise. */
  coHandlers: string[];
  itemCode: string;
  /** The applicant's account when they submitted online (they may rate and complain as themselves). */
  applicantUserId: string | null;
  status: string;
  /** When the result was recorded or the case otherwise ended; null while it runs. */
  closedAt: string | null;
}
