import { recordedBy } from '../shared/recorded-by';
import type { ValidReviewCommand } from './commands';
import {
  CoHandlerLimitNotPassed,
  DeemedConsentNotAllowed,
  JointAlreadyConsolidated,
  JointAnswerAlreadyGiven,
  JointAnswersOutstanding,
  NotACoHandler,
  NotAJointCase,
} from './errors';
import type { ReviewEvent } from './events';
import {
  isAfter,
  optional,
  requireAnyRole,
  requireDepartment,
  requireNoSpecialProcedure,
  requireReason,
  requireSystem,
} from './guards';
import { type CoHandlerTask, isJoint, type OpenReviewState } from './state';

function coHandler(state: OpenReviewState, department: string): CoHandlerTask {
  const task = state.coHandlers.find((t) => t.department === department);
  if (!task) throw new NotACoHandler(department);
  return task;
}

/** 协办意见: a co-handling department agrees, disagrees (with a reason) or agrees but suggests forwarding up. */
export function answerJointOpinion(
  command: ValidReviewCommand<'AnswerJointOpinion'>,
  state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireNoSpecialProcedure(state);
  const task = coHandler(state, data.department);
  requireDepartment(actor, task.department);
  requireAnyRole(actor, 'answer a joint opinion', ['officer', 'reviewer', 'head']);
  if (task.status !== 'open') throw new JointAnswerAlreadyGiven(task.department, task.status);
  const reason =
    data.answer === 'agree'
      ? data.reason?.trim() || undefined
      : requireReason(data.reason, data.answer === 'disagree' ? 'disagreement' : 'agree and forward up');
  return [
    {
      type: 'JointOpinionAnswered',
      data: {
        department: task.department,
        answer: data.answer,
        ...optional('reason', reason),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/** 超时默许: where the item allows it, a co-handler silent past its limit is deemed to agree. */
export function deemCoHandlerConsent(
  command: ValidReviewCommand<'DeemCoHandlerConsent'>,
  state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  requireSystem(metadata.actor, 'DeemCoHandlerConsent');
  requireNoSpecialProcedure(state);
  if (!state.item.coHandlerSilenceIsConsent) throw new DeemedConsentNotAllowed(state.item.code);
  const task = coHandler(state, data.department);
  if (task.status !== 'open') throw new JointAnswerAlreadyGiven(task.department, task.status);
  if (!isAfter(metadata.now, task.deadline))
    throw new CoHandlerLimitNotPassed(task.department, task.deadline);
  return [
    {
      type: 'CoHandlerConsentDeemed',
      data: {
        department: task.department,
        deadline: task.deadline,
        causationEventId: data.causationEventId,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/** 牵头部门汇总: once every co-handler answered (or is deemed to agree), the lead consolidates. */
export function consolidateJointOpinions(
  command: ValidReviewCommand<'ConsolidateJointOpinions'>,
  state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireNoSpecialProcedure(state);
  if (!isJoint(state)) throw new NotAJointCase();
  if (state.consolidation) throw new JointAlreadyConsolidated();
  requireDepartment(actor, state.main.department);
  requireAnyRole(actor, 'consolidate joint opinions', ['reviewer', 'head']);
  const outstanding = state.coHandlers.filter((t) => t.status === 'open').map((t) => t.department);
  if (outstanding.length > 0) throw new JointAnswersOutstanding(outstanding);
  const answered = (answer: string) =>
    state.coHandlers.filter((t) => t.answer?.answer === answer).map((t) => t.department);
  const disagreeing = answered('disagree');
  const reason =
    disagreeing.length > 0
      ? requireReason(data.reason, 'consolidation over a disagreement')
      : data.reason?.trim() || undefined;
  return [
    {
      type: 'JointOpinionsConsolidated',
      data: {
        summary: data.summary,
        opinion: data.opinion,
        ...optional('reason', reason),
        disagreeing,
        forwardUpSuggested: answered('agree_forward_up'),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}
