import type { Actor } from '../shared/actor';
import { recordedBy } from '../shared/recorded-by';
import type { Instant } from '../shared/time';
import type { ValidReviewCommand } from './commands';
import {
  DeadlineNotPassed,
  DeemedApprovalNotAllowed,
  ExtensionAfterDeadline,
  ExtensionAlreadyGranted,
  ExtensionTooLong,
  NoSpecialProcedure,
  NotADepartmentHead,
  NotTheGovernmentHead,
  SpecialProcedureInProgress,
  WrongDepartment,
} from './errors';
import type { ReviewDeadlines, ReviewEvent } from './events';
import {
  isAfter,
  optional,
  requireAnyRole,
  requireDepartment,
  requireNoSpecialProcedure,
  requireReason,
  requireSystem,
} from './guards';
import type { ReviewRules } from './rules';
import { isJoint, type OpenReviewState, runningSpecialProcedure } from './state';

const STAFF = ['officer', 'reviewer', 'head'] as const;

/** 特别程序 (hearing, expert review, testing, site survey, suspension): the clock pauses. One at a time. */
export function startSpecialProcedure(
  command: ValidReviewCommand<'StartSpecialProcedure'>,
  state: OpenReviewState,
): ReviewEvent[] {
  const { data, metadata } = command;
  requireDepartment(metadata.actor, state.main.department);
  requireAnyRole(metadata.actor, 'start a special procedure', STAFF);
  requireNoSpecialProcedure(state);
  const reason = requireReason(data.reason, 'special procedure');
  return [
    {
      type: 'SpecialProcedureStarted',
      data: {
        kind: data.kind,
        reason,
        ...optional('expectedEnd', data.expectedEnd),
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/**
 * The special procedure ends and the clock resumes. Every deadline still ahead when the pause began moves
 * later by the working time of the pause (Art. 45: hearings, testing and expert review are not counted).
 */
export function endSpecialProcedure(
  command: ValidReviewCommand<'EndSpecialProcedure'>,
  state: OpenReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  const { data, metadata } = command;
  requireDepartment(metadata.actor, state.main.department);
  requireAnyRole(metadata.actor, 'end a special procedure', STAFF);
  const running = runningSpecialProcedure(state);
  if (!running) throw new NoSpecialProcedure();
  const { calendar } = rules;
  const from = running.interval.from;
  const minutes = Math.max(
    0,
    Math.round(calendar.workingDaysBetween(from, metadata.now) * calendar.minutesPerWorkingDay),
  );
  const shift = (deadline: string) =>
    minutes > 0 && isAfter(deadline, from) ? calendar.addWorkingMinutes(deadline, minutes) : deadline;
  const coHandlerDeadlines = Object.fromEntries(
    state.coHandlers.filter((t) => t.status === 'open').map((t) => [t.department, shift(t.deadline)]),
  );
  return [
    {
      type: 'SpecialProcedureEnded',
      data: {
        kind: running.kind,
        result: data.result,
        pausedWorkingMinutes: minutes,
        deadlines: { promised: shift(state.deadlines.promised), statutory: shift(state.deadlines.statutory) },
        coHandlerDeadlines,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/**
 * 延长 (行政许可法 Art. 42: 二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知
 * 申请人; joint handling: 四十五日内不能办结的，经本级人民政府负责人批准，可以延长十五日，并应当将延长期限的理由告知
 * 申请人). Granted once, with its reason (which the applicant is told), up to the configured maximum (10
 * working days, 15 for joint cases, by default), and only within the limit: once the statutory deadline has
 * passed the case is overdue and stays so (its cards stay up). Who approves: for a case of one department its
 * head (本行政机关负责人); for a joint case the head of the people's government at that level
 * (本级人民政府负责人, `government_head`), never the lead department's head. Both the promised and the
 * statutory deadline move by the granted working days, so electronic supervision follows the extended limit.
 */
export function approveExtension(
  command: ValidReviewCommand<'ApproveExtension'>,
  state: OpenReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  const { data, metadata } = command;
  const joint = isJoint(state);
  if (joint) requireGovernmentHead(metadata.actor, state.main.department, rules);
  else {
    if (!metadata.actor.roles.includes('head')) throw new NotADepartmentHead('approve an extension');
    requireDepartment(metadata.actor, state.main.department);
  }
  if (state.extension) throw new ExtensionAlreadyGranted(state.extension.workingDays);
  requireWithinStatutoryLimit(state, metadata.now);
  const maximum = joint ? rules.maxExtensionWorkingDays.joint : rules.maxExtensionWorkingDays.single;
  if (data.workingDays > maximum) throw new ExtensionTooLong(data.workingDays, maximum);
  const reason = requireReason(data.reason, 'extension');
  const minutes = data.workingDays * rules.calendar.minutesPerWorkingDay;
  const deadlines: ReviewDeadlines = {
    promised: rules.calendar.addWorkingMinutes(state.deadlines.promised, minutes),
    statutory: rules.calendar.addWorkingMinutes(state.deadlines.statutory, minutes),
  };
  return [
    {
      type: 'ExtensionApproved',
      data: {
        workingDays: data.workingDays,
        reason,
        deadlines,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/**
 * 本级人民政府负责人 (Art. 42, joint handling): the role `government_head`, of the department that stands for the
 * people's government at the lead department's level when the decider knows it (`governmentOf`).
 */
function requireGovernmentHead(actor: Actor, leadDepartment: string, rules: ReviewRules): void {
  if (!actor.roles.includes('government_head')) throw new NotTheGovernmentHead('approve an extension');
  if (!rules.governmentOf) return;
  const government = rules.governmentOf(leadDepartment);
  if (government === undefined || actor.department !== government) {
    throw new WrongDepartment(government ?? leadDepartment, actor.department);
  }
}

/**
 * Art. 42 extends a limit that is still running: at `now` the statutory deadline (as moved by earlier pauses)
 * must not have passed. While a special procedure pauses the clock, the time left is frozen at the pause's
 * start (Art. 45), so what counts is whether the deadline had passed when the pause began. At the deadline
 * itself the limit has not passed yet (as for deemed approval, which needs `now` strictly after it).
 */
function requireWithinStatutoryLimit(state: OpenReviewState, now: Instant): void {
  const running = runningSpecialProcedure(state);
  const asOf = running ? running.interval.from : now;
  if (isAfter(asOf, state.deadlines.statutory))
    throw new ExtensionAfterDeadline(state.deadlines.statutory, now);
}

/**
 * 超时默认: where the item allows it, the system records an undecided case past its deadline as approved;
 * the accepting window unit is answerable for it.
 */
export function deemApproval(
  command: ValidReviewCommand<'DeemApproval'>,
  state: OpenReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  const { data, metadata } = command;
  requireSystem(metadata.actor, 'DeemApproval');
  if (!state.item.deemedApprovalOnTimeout) throw new DeemedApprovalNotAllowed(state.item.code);
  const running = runningSpecialProcedure(state);
  if (running) throw new SpecialProcedureInProgress(running.kind);
  const deadline = state.deadlines[rules.deemedApprovalDeadline];
  if (!isAfter(metadata.now, deadline)) throw new DeadlineNotPassed(deadline, metadata.now);
  return [
    {
      type: 'ApprovalDeemed',
      data: {
        outcome: 'deemed_approved',
        deadline,
        responsibleUnit: state.acceptingUnit,
        causationEventId: data.causationEventId,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}
