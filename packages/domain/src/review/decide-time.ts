import { recordedBy } from '../shared/recorded-by';
import type { ValidReviewCommand } from './commands';
import {
  DeadlineNotPassed,
  DeemedApprovalNotAllowed,
  ExtensionAlreadyGranted,
  ExtensionTooLong,
  NoSpecialProcedure,
  NotADepartmentHead,
  SpecialProcedureInProgress,
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
 * 延长: a head of the department grants once, up to the configured maximum (10 working days, 15 for joint
 * cases, by default). Both the promised and the statutory deadline move by the granted working days, so the
 * warnings of electronic supervision follow the extended limit.
 */
export function approveExtension(
  command: ValidReviewCommand<'ApproveExtension'>,
  state: OpenReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  const { data, metadata } = command;
  if (!metadata.actor.roles.includes('head')) throw new NotADepartmentHead('approve an extension');
  requireDepartment(metadata.actor, state.main.department);
  if (state.extension) throw new ExtensionAlreadyGranted(state.extension.workingDays);
  const maximum = isJoint(state) ? rules.maxExtensionWorkingDays.joint : rules.maxExtensionWorkingDays.single;
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
