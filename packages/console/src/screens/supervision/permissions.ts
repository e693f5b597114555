import type { Actor, IssuedSupervisionOrderState, RatedState, SubmittedComplaintState } from '@docket/domain';

/**
 * What the signed-in user may do next on a complaint, an order, a rating or a month's score: the
 * domain's rules (packages/domain/src/supervision) read forward, so that a screen offers exactly the
 * next allowed actions and nothing a role may not do. The API refuses the rest anyway.
 */

const STAFF = ['officer', 'reviewer', 'head'] as const;

const has = (actor: Actor, role: string) => (actor.roles as readonly string[]).includes(role);
const isStaffOf = (actor: Actor, department: string) =>
  STAFF.some((role) => has(actor, role)) && actor.department === department;

export type ComplaintAction = 'accept' | 'decline' | 'investigate' | 'finding' | 'accountability' | 'reply';

/** submitted → accept | decline; accepted → investigations → finding → [accountability] → reply. */
export function complaintActions(actor: Actor, complaint: SubmittedComplaintState): ComplaintAction[] {
  if (!has(actor, 'supervisor')) return [];
  if (complaint.status === 'submitted' && complaint.decision === undefined) return ['accept', 'decline'];
  if (complaint.status !== 'accepted') return [];
  if (complaint.finding === undefined)
    return complaint.investigations.length === 0 ? ['investigate'] : ['investigate', 'finding'];
  if (complaint.finding.substantiated && complaint.accountability === undefined) return ['accountability'];
  return ['reply'];
}

export type OrderAction = 'answer' | 'close';

/** The department answers once; the issuing side (monitor or supervisor) closes on the answer. */
export function orderActions(actor: Actor, order: IssuedSupervisionOrderState): OrderAction[] {
  if (order.closure !== undefined) return [];
  if (order.answer === undefined) return isStaffOf(actor, order.subject.department) ? ['answer'] : [];
  return has(actor, order.issuerRole) ? ['close'] : [];
}

/** Monitors and supervisors issue supervision orders. */
export const mayIssueOrders = (actor: Actor): boolean => has(actor, 'monitor') || has(actor, 'supervisor');

export type RatingAction = 'callBack' | 'rectify' | 'appeal' | 'decideAppeal';

/**
 * A bad rating only: call-backs (any number) by a supervisor or the rated department's head; the
 * rectification and the appeal once each by the department's staff; the appeal's decision by a supervisor.
 */
export function ratingActions(actor: Actor, rating: RatedState): RatingAction[] {
  if (!rating.bad || rating.rectifyBy === undefined) return [];
  const actions: RatingAction[] = [];
  const head = has(actor, 'head') && actor.department === rating.department;
  if (has(actor, 'supervisor') || head) actions.push('callBack');
  if (isStaffOf(actor, rating.department)) {
    if (rating.rectification === undefined) actions.push('rectify');
    if (rating.appeal === undefined) actions.push('appeal');
  }
  if (has(actor, 'supervisor') && rating.appeal !== undefined && rating.appeal.decision === undefined)
    actions.push('decideAppeal');
  return actions;
}

/** The month (yyyy-mm) an instant falls in, in the centre's zone. */
export function localMonth(at: Date): string {
  return at.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
}

/** A supervisor locks a provisional score once its month has ended in the centre's zone. */
export function mayLockScore(actor: Actor, status: 'provisional' | 'locked', month: string, now: Date) {
  return has(actor, 'supervisor') && status === 'provisional' && month < localMonth(now);
}
