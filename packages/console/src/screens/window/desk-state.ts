import type { intake, ReplyOf } from '@docket/contracts';

export type CaseDocument = ReplyOf<typeof intake.case>;
export type CatalogueItem = ReplyOf<typeof intake.items>[number];
export type CaseStatus = CaseDocument['status'];
export type ItemMaterial = CatalogueItem['current']['materials'][number];

/** What the window may do to a case, by its status (the application decider's transitions). */
export type DeskAction = 'correction' | 'supplement' | 'accept' | 'decline' | 'withdraw' | 'deliver';

const ACTIONS: Record<CaseStatus, readonly DeskAction[]> = {
  submitted: ['correction', 'accept', 'decline', 'withdraw'],
  correction_requested: ['supplement', 'decline', 'withdraw'],
  supplemented: ['accept', 'decline', 'withdraw'],
  correction_expired: [],
  // Withdrawal stays open until a decision exists (the review's statuses are intake's `accepted`).
  accepted: ['withdraw'],
  in_review: ['withdraw'],
  special_procedure: ['withdraw'],
  decided: ['deliver'],
  delivered: [],
  declined: [],
  withdrawn: [],
};

export function deskActions(status: CaseStatus): readonly DeskAction[] {
  return ACTIONS[status];
}

/** The documents the window prints for a case in this status. */
export type DocumentKind = 'correction' | 'acceptance' | 'decline';

export function printableDocuments(status: CaseStatus, notes: DeskNotes): DocumentKind[] {
  const documents: DocumentKind[] = [];
  if (notes.correction !== undefined || status === 'correction_requested' || status === 'supplemented')
    documents.push('correction');
  if (['accepted', 'in_review', 'special_procedure', 'decided', 'delivered'].includes(status))
    documents.push('acceptance');
  if (status === 'declined') documents.push('decline');
  return documents;
}

/** One line of the correction notice (as the decider writes it: missing or deficient, with why). */
export interface NoticeLine {
  code: string;
  name: string;
  kind: 'missing' | 'deficient';
  reason: string;
  form: ItemMaterial['form'];
  count: number;
}

/**
 * What the window keeps of a case in this tab that the case list does not hold: the query code (given
 * once, at submission), the materials received, the notice's lines and the decline's reasons. The
 * ledger keeps them all; the printouts of this desk use them.
 */
export interface DeskNotes {
  queryCode?: string;
  received?: { code: string; count: number; form: ItemMaterial['form'] }[];
  correction?: { lines: NoticeLine[]; note?: string; at: string };
  decline?: { reason: string; legalBasis: string; at: string };
}

const KEY = (caseNo: string) => `docket.window.${caseNo}`;

export function readNotes(caseNo: string): DeskNotes {
  try {
    const text = sessionStorage.getItem(KEY(caseNo));
    return text === null ? {} : (JSON.parse(text) as DeskNotes);
  } catch {
    return {};
  }
}

export function writeNotes(caseNo: string, notes: Partial<DeskNotes>): void {
  try {
    sessionStorage.setItem(KEY(caseNo), JSON.stringify({ ...readNotes(caseNo), ...notes }));
  } catch {
    // A full or disabled storage only loses the printouts' extras.
  }
}

/**
 * The notice's lines as the decider composes them: every mandatory material short of its count
 * ("missing"), and every material the clerk marked deficient, with the clerk's reason (one line per
 * material, the reasons joined).
 */
export function noticeLines(
  materials: readonly ItemMaterial[],
  received: readonly { code: string; count: number }[] | undefined,
  deficient: readonly { code: string; reason: string }[],
  notProvided: string,
): NoticeLine[] {
  const lines: NoticeLine[] = [];
  if (received !== undefined) {
    for (const material of materials) {
      if (material.requirement !== 'mandatory') continue;
      const count = received.filter((r) => r.code === material.code).reduce((sum, r) => sum + r.count, 0);
      if (count >= material.count) continue;
      lines.push({
        code: material.code,
        name: material.name,
        kind: 'missing',
        reason: count === 0 ? notProvided : `${count}/${material.count}`,
        form: material.form,
        count: material.count,
      });
    }
  }
  for (const { code, reason } of deficient) {
    const material = materials.find((m) => m.code === code);
    if (material === undefined) continue;
    const existing = lines.find((line) => line.code === code);
    if (existing !== undefined) existing.reason = `${existing.reason}；${reason}`;
    else
      lines.push({
        code,
        name: material.name,
        kind: 'deficient',
        reason,
        form: material.form,
        count: material.count,
      });
  }
  return lines;
}

/** The public status page of a case (the applicant enters the query code there). */
export const statusPageUrl = (caseNo: string): string =>
  `${location.origin}/status?caseNo=${encodeURIComponent(caseNo)}`;

/** Document numbers: the acceptance notice's is the decider's default (`SL-<caseNo>`). */
export const documentNo = (kind: DocumentKind, caseNo: string): string =>
  ({ acceptance: `SL-${caseNo}`, correction: `BZ-${caseNo}`, decline: `BYSL-${caseNo}` })[kind];

/** Solid tags with white text: every colour keeps 4.5:1 contrast (antd's light presets do not). */
export const STATUS_COLOURS: Record<CaseStatus, string> = {
  submitted: '#1f5fbf',
  correction_requested: '#ad4e00',
  supplemented: '#006d75',
  correction_expired: '#595959',
  accepted: '#237804',
  in_review: '#1d39c4',
  special_procedure: '#531dab',
  decided: '#874d00',
  delivered: '#434343',
  declined: '#a8071a',
  withdrawn: '#595959',
};
