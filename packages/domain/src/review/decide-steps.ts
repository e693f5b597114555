import { responsibleDepartment } from '../catalogue/service-item';
import { ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ValidReviewCommand } from './commands';
import {
  DecisionNotDue,
  InvalidReturnTarget,
  JointNotConsolidated,
  NotADepartmentHead,
  OnlyReviewerOrHeadMayDecide,
  ReviewAlreadyOpened,
  RoleNotAllowedForStep,
  StepNotActive,
  UseDecisionForFinalStep,
} from './errors';
import type { OpenedTask, ReviewEvent } from './events';
import {
  optional,
  requireDepartment,
  requireDifferentOfficer,
  requireNoSpecialProcedure,
  requireReason,
  requireSystem,
} from './guards';
import type { ReviewRules } from './rules';
import { isJoint, type OpenReviewState, type ReviewState } from './state';

/** Reaction to acceptance: the main task (lead department for joint items) and one task per co-handler. */
export function openReview(
  command: ValidReviewCommand<'OpenReview'>,
  state: ReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  if (state.status !== 'not_opened') {
    throw new ReviewAlreadyOpened(state.caseNo, state.openedBy.causationEventId);
  }
  const { data, metadata } = command;
  requireSystem(metadata.actor, 'OpenReview');
  const joint = data.category === 'joint' ? data.item.joint : undefined;
  const tasks: OpenedTask[] = [
    { taskId: 'main', kind: 'main', department: responsibleDepartment(data.item) },
    ...(joint?.coHandlers ?? []).map(
      (co): OpenedTask => ({
        taskId: `co:${co.department}`,
        kind: 'co_handler',
        department: co.department,
        limit: co.limit,
        deadline: rules.calendar.deadline(metadata.now, co.limit),
      }),
    ),
  ];
  return [
    {
      type: 'ReviewOpened',
      data: {
        caseNo: data.caseNo,
        item: data.item,
        category: data.category,
        acceptingUnit: data.acceptingUnit,
        acceptedAt: data.acceptedAt,
        deadlines: { promised: data.promisedDeadline, statutory: data.statutoryDeadline },
        tasks,
        causationEventId: data.causationEventId,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/** 承办 / 审核: pass the active step on, or return the case to an earlier step with an opinion. */
export function completeStep(
  command: ValidReviewCommand<'CompleteStep'>,
  state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireNoSpecialProcedure(state);
  const step = state.main.steps[data.stepIndex];
  if (state.main.activeStep !== data.stepIndex || !step) {
    throw new StepNotActive(data.stepIndex, state.main.activeStep);
  }
  requireDepartment(actor, state.main.department);
  if (!actor.roles.includes(step.role)) throw new RoleNotAllowedForStep(step.index, step.role);
  requireDifferentOfficer(state, actor, step.index);
  const by = recordedBy(actor);
  if (data.outcome === 'pass') {
    if (step.index === state.main.steps.length - 1) throw new UseDecisionForFinalStep(step.index);
    const opinion = data.opinion ?? '';
    return [
      {
        type: 'ReviewStepPassed',
        data: { stepIndex: step.index, nextStep: step.index + 1, opinion, at: now, by },
      },
    ];
  }
  const opinion = requireReason(data.opinion, 'return');
  const returnToStep = data.returnToStep ?? step.index - 1;
  if (returnToStep < 0 || returnToStep >= step.index) throw new InvalidReturnTarget(step.index, returnToStep);
  return [
    { type: 'ReviewStepReturned', data: { stepIndex: step.index, returnToStep, opinion, at: now, by } },
  ];
}

/** 批准: the final step ends with a decision by a reviewer or head holding that step's role. */
export function decideCase(command: ValidReviewCommand<'Decide'>, state: OpenReviewState): ReviewEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireNoSpecialProcedure(state);
  const finalIndex = state.main.steps.length - 1;
  const step = state.main.steps[finalIndex];
  if (state.main.activeStep !== finalIndex || !step)
    throw new DecisionNotDue(state.main.activeStep, finalIndex);
  requireDepartment(actor, state.main.department);
  const decides = actor.roles.includes('reviewer') || actor.roles.includes('head');
  if (!decides || step.role === 'officer') throw new OnlyReviewerOrHeadMayDecide(step.role);
  if (!actor.roles.includes(step.role)) throw new RoleNotAllowedForStep(step.index, step.role);
  requireDifferentOfficer(state, actor, step.index);
  if (isJoint(state) && !state.consolidation) throw new JointNotConsolidated();
  const reason = data.reason?.trim() || undefined;
  // 说理式: the domain rejects a refusal without a written reason; it is not merely flagged later.
  if (data.outcome === 'refused' && reason === undefined) throw new ReasonRequired('refusal');
  return [
    {
      type: 'ReviewDecided',
      data: {
        outcome: data.outcome,
        stepIndex: step.index,
        opinion: data.opinion,
        ...optional('reason', reason),
        ...optional('certificate', data.certificate),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/** 上报/转报: a head sends the case to a higher authority; this review ends there. */
export function forwardUp(command: ValidReviewCommand<'ForwardUp'>, state: OpenReviewState): ReviewEvent[] {
  const { data, metadata } = command;
  if (!metadata.actor.roles.includes('head')) throw new NotADepartmentHead('forward up');
  requireDepartment(metadata.actor, state.main.department);
  const reason = requireReason(data.reason, 'forward up');
  return [
    {
      type: 'ReviewForwardedUp',
      data: { authority: data.authority, reason, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}

/** The applicant withdrew before a decision: every task closes. */
export function closeOnWithdrawal(
  command: ValidReviewCommand<'CloseOnWithdrawal'>,
  _state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  requireSystem(metadata.actor, 'CloseOnWithdrawal');
  return [
    {
      type: 'ReviewClosedOnWithdrawal',
      data: { causationEventId: data.causationEventId, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}
