import type { Instant, Interval } from '../shared/time';
import type { ReviewEvent, ReviewEventOf } from './events';
import type {
  CoHandlerTask,
  MainTask,
  OpenReviewState,
  ReviewState,
  SpecialProcedure,
  StepCompletion,
} from './state';

/** Folds one review event into the state. Never needs a calendar: computed deadlines are in the events. */
export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'ReviewOpened') return opened(event);
  if (state.status === 'not_opened') return state;
  switch (event.type) {
    case 'ReviewStepPassed': {
      const { stepIndex, nextStep, opinion, at, by } = event.data;
      const main = moveStep(state.main, stepIndex, nextStep, at, { outcome: 'pass', opinion, at, by });
      return {
        ...state,
        main,
        opinions: [...state.opinions, { context: 'pass', stepIndex, text: opinion, at, by }],
      };
    }
    case 'ReviewStepReturned': {
      const { stepIndex, returnToStep, opinion, at, by } = event.data;
      const completion: StepCompletion = { outcome: 'return', returnToStep, opinion, at, by };
      const main = moveStep(state.main, stepIndex, returnToStep, at, completion);
      return {
        ...state,
        main,
        opinions: [...state.opinions, { context: 'return', stepIndex, text: opinion, at, by }],
      };
    }
    case 'JointOpinionAnswered': {
      const { department, answer, reason, at, by } = event.data;
      return {
        ...state,
        coHandlers: state.coHandlers.map((t) =>
          t.department === department ? { ...t, status: 'answered', answer: { answer, reason, at, by } } : t,
        ),
        opinions: [
          ...state.opinions,
          { context: 'joint_answer', department, text: reason ? `${answer}: ${reason}` : answer, at, by },
        ],
      };
    }
    case 'CoHandlerConsentDeemed': {
      const { department, at, by } = event.data;
      return {
        ...state,
        coHandlers: state.coHandlers.map((t) =>
          t.department === department
            ? { ...t, status: 'deemed_consent', answer: { answer: 'deemed_consent', at, by } }
            : t,
        ),
      };
    }
    case 'JointOpinionsConsolidated': {
      const { at, by, opinion } = event.data;
      return {
        ...state,
        consolidation: { ...event.data },
        opinions: [
          ...state.opinions,
          { context: 'consolidation', department: state.main.department, text: opinion, at, by },
        ],
      };
    }
    case 'SpecialProcedureStarted': {
      const { kind, reason, expectedEnd, at, by } = event.data;
      const procedure: SpecialProcedure = {
        kind,
        reason,
        expectedEnd,
        interval: { from: at },
        startedBy: by,
      };
      return {
        ...state,
        main: pauseActiveStep(state.main, at),
        specialProcedures: [...state.specialProcedures, procedure],
      };
    }
    case 'SpecialProcedureEnded': {
      const { result, pausedWorkingMinutes, deadlines, coHandlerDeadlines, at, by } = event.data;
      return {
        ...state,
        deadlines,
        main: resumeActiveStep(state.main, at),
        coHandlers: state.coHandlers.map((t) => ({
          ...t,
          deadline: coHandlerDeadlines[t.department] ?? t.deadline,
        })),
        specialProcedures: state.specialProcedures.map((p) =>
          p.interval.to === undefined
            ? { ...p, interval: { ...p.interval, to: at }, result, endedBy: by, pausedWorkingMinutes }
            : p,
        ),
      };
    }
    case 'ExtensionApproved': {
      const { workingDays, reason, deadlines, at, by } = event.data;
      return { ...state, deadlines, extension: { workingDays, reason, at, by } };
    }
    case 'ReviewDecided': {
      const { outcome, stepIndex, opinion, reason, certificate, at, by } = event.data;
      const decided = recordCompletion(state.main, stepIndex, { outcome: 'decision', opinion, at, by });
      return {
        ...terminate(state, at, 'decided', decided),
        outcome: { result: outcome, at, by, opinion, reason, certificate },
        opinions: [...state.opinions, { context: 'decision', stepIndex, text: opinion, at, by }],
      };
    }
    case 'ApprovalDeemed': {
      const { outcome, responsibleUnit, at, by } = event.data;
      return { ...terminate(state, at, 'closed'), outcome: { result: outcome, at, by, responsibleUnit } };
    }
    case 'ReviewForwardedUp': {
      const { authority, reason, at, by } = event.data;
      return {
        ...terminate(state, at, 'closed'),
        outcome: { result: 'forwarded_up', at, by, reason, authority },
      };
    }
    case 'ReviewClosedOnWithdrawal': {
      const { at, by } = event.data;
      return { ...terminate(state, at, 'closed'), outcome: { result: 'withdrawn', at, by } };
    }
    case 'TaskAssigned': {
      const { taskId, assignee, reason, at, by } = event.data;
      const assign = <T extends MainTask | CoHandlerTask>(task: T): T => {
        const { assignment: _released, ...rest } = task;
        return (assignee === null ? rest : { ...rest, assignment: { assignee, at, by, reason } }) as T;
      };
      if (taskId === state.main.taskId) return { ...state, main: assign(state.main) };
      return { ...state, coHandlers: state.coHandlers.map((t) => (t.taskId === taskId ? assign(t) : t)) };
    }
  }
}

function opened(event: ReviewEventOf<'ReviewOpened'>): OpenReviewState {
  const { caseNo, item, category, acceptingUnit, acceptedAt, deadlines, tasks, causationEventId, at } =
    event.data;
  const mainTask = tasks.find((t) => t.kind === 'main');
  const main: MainTask = {
    taskId: 'main',
    department: mainTask?.department ?? item.department,
    status: 'open',
    activeStep: 0,
    steps: item.steps.map((step, index) => ({
      ...step,
      index,
      intervals: index === 0 ? [{ from: at }] : [],
      completions: [],
    })),
  };
  const coHandlers: CoHandlerTask[] = tasks.flatMap((t) =>
    t.kind === 'co_handler'
      ? [
          {
            taskId: t.taskId,
            department: t.department,
            limit: t.limit,
            deadline: t.deadline,
            status: 'open' as const,
          },
        ]
      : [],
  );
  return {
    status: 'open',
    caseNo,
    item,
    category,
    acceptingUnit,
    acceptedAt,
    openedAt: at,
    openedBy: { causationEventId },
    deadlines,
    main,
    coHandlers,
    specialProcedures: [],
    opinions: [],
  };
}

const closeOpen = (intervals: Interval[], at: Instant): Interval[] =>
  intervals.map((i) => (i.to === undefined ? { ...i, to: at } : i));

function recordCompletion(main: MainTask, index: number, completion: StepCompletion): MainTask {
  return {
    ...main,
    steps: main.steps.map((s) =>
      s.index === index
        ? {
            ...s,
            intervals: closeOpen(s.intervals, completion.at),
            completions: [...s.completions, completion],
          }
        : s,
    ),
  };
}

function moveStep(
  main: MainTask,
  from: number,
  to: number,
  at: Instant,
  completion: StepCompletion,
): MainTask {
  const completed = recordCompletion(main, from, completion);
  return {
    ...completed,
    activeStep: to,
    steps: completed.steps.map((s) =>
      s.index === to ? { ...s, intervals: [...s.intervals, { from: at }] } : s,
    ),
  };
}

/** A special procedure pauses the active step's clock too: its time is not the department's. */
function pauseActiveStep(main: MainTask, at: Instant): MainTask {
  return { ...main, steps: main.steps.map((s) => ({ ...s, intervals: closeOpen(s.intervals, at) })) };
}

function resumeActiveStep(main: MainTask, at: Instant): MainTask {
  if (main.activeStep === null) return main;
  return {
    ...main,
    steps: main.steps.map((s) =>
      s.index === main.activeStep ? { ...s, intervals: [...s.intervals, { from: at }] } : s,
    ),
  };
}

/** A terminal outcome closes every open interval and every open task. */
function terminate(
  state: OpenReviewState,
  at: Instant,
  mainStatus: MainTask['status'],
  main: MainTask = state.main,
): OpenReviewState {
  return {
    ...state,
    status: 'closed',
    main: { ...pauseActiveStep(main, at), status: mainStatus, activeStep: null },
    coHandlers: state.coHandlers.map((t) => (t.status === 'open' ? { ...t, status: 'closed' } : t)),
    specialProcedures: state.specialProcedures.map((p) =>
      p.interval.to === undefined ? { ...p, interval: { ...p.interval, to: at } } : p,
    ),
  };
}
