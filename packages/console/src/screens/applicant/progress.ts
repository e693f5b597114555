import type { intake, ReplyOf } from '@docket/contracts';

/** What the public lookup answers (packages/contracts, PublicStatusSchema). */
export type PublicStatus = ReplyOf<typeof intake.status>;
export type CaseStatus = PublicStatus['status'];

export type StepState = 'finish' | 'process' | 'wait' | 'error';

/** One step of the progress as the applicant sees it: its words' key, its state, its date if any. */
export interface ProgressStep {
  key:
    | 'submitted'
    | 'accepted'
    | 'in_review'
    | 'decided'
    | 'delivered'
    | 'correction_requested'
    | 'supplemented'
    | 'correction_expired'
    | 'declined'
    | 'withdrawn'
    | 'special_procedure';
  state: StepState;
  /** The instant the step was reached (UTC), or null. */
  at: string | null;
}

/** How far along the regular path (submitted → accepted → in review → decided → delivered) each status is. */
const REACHED: Record<CaseStatus, number> = {
  submitted: 0,
  correction_requested: 0,
  supplemented: 0,
  correction_expired: 0,
  declined: 0,
  withdrawn: 0,
  accepted: 1,
  in_review: 2,
  special_procedure: 2,
  decided: 3,
  delivered: 4,
};

/** Statuses after which the case is closed: it may be rated (好差评). */
export const CLOSED: readonly CaseStatus[] = [
  'decided',
  'delivered',
  'declined',
  'withdrawn',
  'correction_expired',
];

/**
 * The steps to show for a case: the regular five, with the first step named after a correction while
 * one is running, the review step named after a special procedure while one pauses the clock; a case
 * that ended early (declined, withdrawn, correction expired) shows the steps it passed and how it ended.
 */
export function progressSteps(status: PublicStatus): ProgressStep[] {
  const s = status.status;
  const ended: ProgressStep['key'] | undefined =
    s === 'declined' || s === 'withdrawn' || s === 'correction_expired' ? s : undefined;
  if (ended !== undefined) {
    const passed: ProgressStep[] = [{ key: 'submitted', state: 'finish', at: status.submittedAt }];
    if (status.acceptedAt !== null) passed.push({ key: 'accepted', state: 'finish', at: status.acceptedAt });
    passed.push({ key: ended, state: ended === 'withdrawn' ? 'finish' : 'error', at: null });
    return passed;
  }
  const reached = REACHED[s];
  const regular: { key: ProgressStep['key']; at: string | null }[] = [
    {
      key: s === 'correction_requested' || s === 'supplemented' ? s : 'submitted',
      at: status.submittedAt,
    },
    { key: 'accepted', at: status.acceptedAt },
    { key: s === 'special_procedure' ? 'special_procedure' : 'in_review', at: null },
    { key: 'decided', at: status.decidedAt },
    { key: 'delivered', at: status.deliveredAt },
  ];
  return regular.map((step, index) => ({
    ...step,
    state:
      index < reached
        ? 'finish'
        : index > reached
          ? 'wait'
          : // The step reached: done when it is a milestone, still running when something is awaited.
            s === 'delivered' || s === 'decided' || s === 'accepted'
            ? 'finish'
            : 'process',
    at: index <= reached ? step.at : null,
  }));
}

/** A result the applicant should read with its written decision: a refusal or a non-acceptance. */
export function isNegative(outcome: string | undefined): boolean {
  return outcome === 'refused' || outcome === 'declined' || outcome === 'rejected_after_correction_expired';
}

/** Seconds to wait before looking up again, when the API answered 429 with them. */
export function retryAfterSeconds(details: unknown): number | undefined {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : undefined;
}
