import type { ClockEvent, ClockEventOf, StepTimers } from './events';
import { sameInstant } from './instants';
import type {
  ActiveStepClock,
  Card,
  ClockState,
  Issued,
  IssuedWarning,
  PromisedClock,
  StartedClockState,
} from './state';

/**
 * Folds one clock event into the state. Never needs a calendar: every instant is in the events. The state's
 * `nextDueAt` is the one the event recorded.
 */
export function evolveClock(state: ClockState, event: ClockEvent): ClockState {
  const next = applyEvent(state, event);
  if (next.status === 'not_started' || !('nextDueAt' in event.data)) return next;
  return { ...next, nextDueAt: event.data.nextDueAt };
}

/** The fold without `nextDueAt`: decide uses it to compute the value an event must record. */
export function applyEvent(state: ClockState, event: ClockEvent): ClockState {
  if (event.type === 'AnomalyDetected') {
    const { rule, evidenceEventId, details, at, by } = event.data;
    return { ...state, anomalies: [...state.anomalies, { rule, evidenceEventId, details, at, by }] };
  }
  if (event.type === 'ClockStarted') return started(state, event);
  if (state.status === 'not_started') return state;
  switch (event.type) {
    case 'StepStarted': {
      // The previous step's timers stop: only the active step's run.
      const { at, spentWorkingMinutes } = event.data;
      return { ...state, activeStep: turn(event.data, at, spentWorkingMinutes) };
    }
    case 'CoHandlerAnswered': {
      const { department, at } = event.data;
      return {
        ...state,
        coHandlers: state.coHandlers.map((c) =>
          c.department === department ? { ...c, status: 'answered', answeredAt: at } : c,
        ),
      };
    }
    case 'ClockPaused': {
      const { kind, causationEventId, at } = event.data;
      return { ...state, status: 'paused', pauses: [...state.pauses, { kind, from: at, causationEventId }] };
    }
    case 'ClockResumed': {
      const { pausedWorkingMinutes, deadlines, promised, coHandlers, activeStep, at } = event.data;
      // A pause's shift continues the same limits: what already fired stays fired.
      return {
        ...state,
        status: 'running',
        deadlines,
        promised: { ...state.promised, ...promised },
        statutory: { ...state.statutory, deadline: deadlines.statutory },
        coHandlers: state.coHandlers.map((c) => {
          const moved = coHandlers.find((m) => m.department === c.department);
          return moved ? { ...c, deadline: moved.deadline, reminderAt: moved.reminderAt } : c;
        }),
        activeStep:
          state.activeStep && activeStep && state.activeStep.stepIndex === activeStep.stepIndex
            ? { ...state.activeStep, ...activeStep }
            : state.activeStep,
        pauses: state.pauses.map((p) => (p.to === undefined ? { ...p, to: at, pausedWorkingMinutes } : p)),
      };
    }
    case 'DeadlinesMoved': {
      const { deadlines, promised, at } = event.data;
      // A new deadline is a new limit: its warnings are owed afresh (the old ones stay in the history).
      const promisedClock: PromisedClock = sameInstant(promised.deadline, state.promised.deadline)
        ? { ...state.promised, ...promised }
        : { ...promised, since: at, issued: {} };
      return {
        ...state,
        deadlines,
        promised: promisedClock,
        statutory: sameInstant(deadlines.statutory, state.statutory.deadline)
          ? state.statutory
          : { deadline: deadlines.statutory, since: at, issued: {} },
      };
    }
    case 'ClockStopped': {
      const { outcome, causationEventId, at } = event.data;
      return { ...state, status: 'stopped', activeStep: null, stop: { outcome, at, causationEventId } };
    }
    case 'CardWithdrawn': {
      const { scope, stepIndex, level, reason, at } = event.data;
      const withdrawn = state.cards.map(
        (c): Card =>
          c.status === 'up' && c.scope === scope && c.level === level && c.stepIndex === stepIndex
            ? { ...c, status: 'withdrawn', endedAt: at, withdrawalReason: reason }
            : c,
      );
      if (reason !== 'deadline_moved') return { ...state, cards: withdrawn };
      // No longer deserved under the moved deadline: it is owed again if the case falls that far behind.
      const clear = ({ yellow: _y, red: _r, ...issued }: Issued): Issued => issued;
      return scope === 'case'
        ? {
            ...state,
            cards: withdrawn,
            promised: { ...state.promised, issued: clear(state.promised.issued) },
          }
        : { ...state, cards: withdrawn, activeStep: clearStep(state.activeStep, stepIndex, clear) };
    }
    case 'ReminderIssued': {
      const { scope, stepIndex, department, dueAt } = event.data;
      return {
        ...markIssued(state, scope, 'reminder', dueAt, stepIndex, department),
        warnings: [...state.warnings, warning(event)],
      };
    }
    case 'YellowCardRaised':
    case 'RedCardRaised': {
      const { scope, stepIndex, deadline, dueAt, at } = event.data;
      const level = event.type === 'YellowCardRaised' ? 'yellow' : 'red';
      const card: Card = { scope, level, deadline, dueAt, raisedAt: at, status: 'up' };
      if (stepIndex !== undefined) card.stepIndex = stepIndex;
      // 红牌 supersedes 黄牌: one card up per case and per step.
      const cards = state.cards.map(
        (c): Card =>
          c.status === 'up' && c.scope === scope && c.stepIndex === stepIndex
            ? { ...c, status: 'superseded', endedAt: at }
            : c,
      );
      return {
        ...markIssued(state, scope, level, dueAt, stepIndex),
        cards: [...cards, card],
        warnings: [...state.warnings, warning(event)],
      };
    }
    case 'DeadlinePassed': {
      const { which, dueAt } = event.data;
      const passed =
        which === 'promised'
          ? { promised: { ...state.promised, issued: { ...state.promised.issued, passed: dueAt } } }
          : { statutory: { ...state.statutory, issued: { ...state.statutory.issued, passed: dueAt } } };
      return { ...state, ...passed, warnings: [...state.warnings, warning(event)] };
    }
    case 'CoHandlerLimitPassed': {
      const { department, dueAt } = event.data;
      return {
        ...markIssued(state, 'co_handler', 'passed', dueAt, undefined, department),
        warnings: [...state.warnings, warning(event)],
      };
    }
  }
}

function started(state: ClockState, event: ClockEventOf<'ClockStarted'>): StartedClockState {
  const d = event.data;
  return {
    status: 'running',
    caseNo: d.caseNo,
    itemCode: d.itemCode,
    itemName: d.itemName,
    department: d.department,
    acceptingUnit: d.acceptingUnit,
    category: d.category,
    startedAt: d.startedAt,
    startedBy: { causationEventId: d.causationEventId },
    rules: { ...d.rules },
    deemedApprovalOnTimeout: d.deemedApprovalOnTimeout,
    deemedApprovalDeadline: d.deemedApprovalDeadline,
    deadlines: d.deadlines,
    promised: { ...d.promised, since: d.startedAt, issued: {} },
    statutory: { deadline: d.deadlines.statutory, since: d.startedAt, issued: {} },
    steps: d.steps,
    activeStep: turn(d.activeStep, d.at, 0),
    coHandlers: d.coHandlers.map((c) => ({ ...c, since: d.at, status: 'waiting', issued: {} })),
    pauses: [],
    cards: [],
    warnings: [],
    nextDueAt: d.nextDueAt,
    anomalies: state.anomalies,
  };
}

function clearStep(
  step: ActiveStepClock | null,
  stepIndex: number | undefined,
  clear: (issued: Issued) => Issued,
): ActiveStepClock | null {
  return step && step.stepIndex === stepIndex ? { ...step, issued: clear(step.issued) } : step;
}

/** A new turn of a step: its timers counted from `at`, nothing issued yet. */
const turn = (timers: StepTimers, at: string, spentWorkingMinutes: number): ActiveStepClock => ({
  stepIndex: timers.stepIndex,
  deadline: timers.deadline,
  reminderAt: timers.reminderAt,
  yellowAt: timers.yellowAt,
  redAt: timers.redAt,
  startedAt: at,
  spentWorkingMinutes,
  since: at,
  issued: {},
});

function markIssued(
  state: StartedClockState,
  scope: 'case' | 'step' | 'co_handler',
  key: keyof Issued,
  dueAt: string,
  stepIndex?: number,
  department?: string,
): StartedClockState {
  if (scope === 'case')
    return { ...state, promised: { ...state.promised, issued: { ...state.promised.issued, [key]: dueAt } } };
  if (scope === 'step')
    return state.activeStep && state.activeStep.stepIndex === stepIndex
      ? {
          ...state,
          activeStep: { ...state.activeStep, issued: { ...state.activeStep.issued, [key]: dueAt } },
        }
      : state;
  return {
    ...state,
    coHandlers: state.coHandlers.map((c) =>
      c.department === department ? { ...c, issued: { ...c.issued, [key]: dueAt } } : c,
    ),
  };
}

function warning(event: ClockEventOf<IssuedWarning['type']>): IssuedWarning {
  const { deadline, dueAt, at } = event.data;
  const base = { type: event.type, deadline, dueAt, at };
  switch (event.type) {
    case 'ReminderIssued':
    case 'YellowCardRaised':
    case 'RedCardRaised': {
      const { scope, stepIndex } = event.data;
      const department = event.type === 'ReminderIssued' ? event.data.department : undefined;
      return {
        ...base,
        scope,
        ...(stepIndex === undefined ? {} : { stepIndex }),
        ...(department === undefined ? {} : { department }),
      };
    }
    case 'DeadlinePassed':
      return { ...base, scope: 'case', which: event.data.which };
    case 'CoHandlerLimitPassed':
      return { ...base, scope: 'co_handler', department: event.data.department };
  }
}
