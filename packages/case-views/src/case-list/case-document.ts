import type { Applicant, Channel, HandlingCategory } from '@docket/domain';
import type { ReadModelDocument } from '@docket/projections';
import type { CaseStatus } from '../case-status';

/** A step of the item's procedure, as the case list names the current one. */
export interface CaseStep {
  index: number;
  name: string;
  role: string;
}

/**
 * 办件: one case as the back offices list and search it. Absent values are `null` (not missing) so the
 * document is the same after the JSON round trip on both store backends. Instants are UTC.
 */
export interface CaseDocument extends ReadModelDocument {
  caseNo: string;
  itemCode: string;
  itemName: string;
  itemVersion: number;
  category: HandlingCategory;
  /** The item's department; for a joint case the lead department (牵头部门). */
  department: string;
  /** 受理单位: the window unit that accepted. */
  acceptingUnit: string | null;
  /** 协办部门 of a joint case. */
  coHandlers: string[];
  status: CaseStatus;
  applicantType: Applicant['type'];
  /** Declared for the name-prefix search; the full applicant is masked at query time. */
  applicantName: string;
  applicant: Applicant;
  /** The applicant's account when they submitted online themselves (they may see their own data). */
  applicantUserId: string | null;
  channel: Channel;
  submittedAt: string;
  acceptedAt: string | null;
  promisedDeadline: string | null;
  statutoryDeadline: string | null;
  decidedAt: string | null;
  /** The review outcome or intake's result code (declined, withdrawn, rejected after correction expired). */
  outcome: string | null;
  /** 出件: when intake recorded the decision, so the window may hand the result over. */
  resultReadyAt: string | null;
  deliveredAt: string | null;
  currentStep: CaseStep | null;
  /**
   * Why the case stands where it does when the system put it there (absent otherwise): the supplement
   * deadline passed, or accepted by operation of law (行政许可法 Art. 32, `publicStatusReason`).
   */
  statusReason?: string;
  /** The item's steps, kept so a later step event can name the step it moves to. */
  steps: { name: string; role: string }[];
}
