import { recordedBy } from '../shared/recorded-by';
import type { ValidClockCommand } from './commands';
import { dueWarnings, type PendingWarning } from './due';
import { AnomalyAlreadyRecorded } from './errors';
import type { ClockEvent } from './events';
import { requireStarted } from './guards';
import type { ClockContext } from './rules';
import { stamped } from './stamp';
import type { ClockState, StartedClockState } from './state';

/**
 * Every warning due at `now` and not yet issued, in the order it became due, each with its `dueAt`: an
 * evaluation that comes late issues everything it skipped at once. Nothing while paused or stopped, and
 * nothing twice: an evaluation with nothing due returns [] (the handler then writes nothing).
 */
export function evaluateTimers(
  command: ValidClockCommand<'EvaluateTimers'>,
  state: ClockState,
  context: ClockContext,
): ClockEvent[] {
  const clock = requireStarted(state);
  if (clock.status !== 'running') return [];
  const { now, actor } = command.metadata;
  const recorded = { nextDueAt: null, at: now, by: recordedBy(actor) };
  const events = dueWarnings(clock, now).map((w) => warningEvent(clock, context, w, recorded));
  return stamped(state, events);
}

function warningEvent(
  clock: StartedClockState,
  context: ClockContext,
  warning: PendingWarning,
  recorded: { nextDueAt: null; at: string; by: ReturnType<typeof recordedBy> },
): ClockEvent {
  const { deadline, dueAt } = warning;
  const answerableDepartment =
    warning.kind === 'co_handler_limit_passed' ||
    (warning.kind === 'reminder' && warning.scope === 'co_handler')
      ? (warning.department ?? clock.department)
      : clock.department;
  switch (warning.kind) {
    case 'reminder':
      return {
        type: 'ReminderIssued',
        data: {
          scope: warning.scope,
          ...(warning.stepIndex === undefined ? {} : { stepIndex: warning.stepIndex }),
          ...(warning.department === undefined ? {} : { department: warning.department }),
          deadline,
          dueAt,
          answerableDepartment,
          ...recorded,
        },
      };
    case 'deadline_passed':
      return {
        type: 'DeadlinePassed',
        data: {
          which: warning.which,
          // 超时默认 is the review's to record; the monitoring service asks for it when this says so.
          deemedApprovalDue: clock.deemedApprovalOnTimeout && clock.deemedApprovalDeadline === warning.which,
          deadline,
          dueAt,
          answerableDepartment,
          ...recorded,
        },
      };
    case 'co_handler_limit_passed':
      return {
        type: 'CoHandlerLimitPassed',
        data: {
          department: warning.department,
          consentDeemedDue: warning.silenceIsConsent,
          deadline,
          dueAt,
          answerableDepartment,
          ...recorded,
        },
      };
    case 'yellow':
    case 'red': {
      const card = {
        scope: warning.scope,
        ...(warning.stepIndex === undefined ? {} : { stepIndex: warning.stepIndex }),
        deadline,
        dueAt,
        answerableDepartment,
        ...recorded,
      };
      return warning.kind === 'yellow'
        ? {
            type: 'YellowCardRaised',
            data: { ...card, overdueWorkingDays: context.rules.yellowAfterWorkingDays },
          }
        : {
            type: 'RedCardRaised',
            data: { ...card, overdueWorkingDays: context.rules.redAfterWorkingDays, supersedes: 'yellow' },
          };
    }
  }
}

/** 异常办件: recorded whatever the clock's status (a second correction precedes the clock's start). */
export function recordAnomaly(command: ValidClockCommand<'RecordAnomaly'>, state: ClockState): ClockEvent[] {
  const { data, metadata } = command;
  const known = state.anomalies.find(
    (a) => a.rule === data.rule && a.evidenceEventId === data.evidenceEventId,
  );
  if (known) throw new AnomalyAlreadyRecorded(known.rule, known.evidenceEventId, known.at);
  return [
    {
      type: 'AnomalyDetected',
      data: {
        rule: data.rule,
        evidenceEventId: data.evidenceEventId,
        details: data.details,
        ...(data.department === undefined ? {} : { department: data.department }),
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}
