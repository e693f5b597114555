import type { HandlingCategory, ProcedureStep, ServiceItemVersion } from '../catalogue/service-item';
import type { Certificate } from '../shared/certificate';
import type { RecordedBy } from '../shared/recorded-by';
import type { Instant, Interval, TimeLimit } from '../shared/time';
import type { JointAnswer, ReviewDeadlines, SpecialProcedureKind } from './events';

/** One completion of a step: a pass, a return to an earlier step, or (final step) the decision. */
export interface StepCompletion {
  outcome: 'pass' | 'return' | 'decision';
  returnToStep?: number;
  opinion: string;
  at: Instant;
  by: RecordedBy;
}

/** A step of the main task. `intervals` are the periods it was active: their sum is its time. */
export interface StepState extends ProcedureStep {
  index: number;
  intervals: Interval[];
  completions: StepCompletion[];
}

/** 分派: who a task is assigned to, and since when; absent while it is the department's. */
export interface TaskAssignment {
  assignee: RecordedBy;
  at: Instant;
  by: RecordedBy;
  reason: string;
}

export interface MainTask {
  taskId: 'main';
  department: string;
  assignment?: TaskAssignment;
  status: 'open' | 'decided' | 'closed';
  /** The step waiting for work; null once the task is decided or closed. */
  activeStep: number | null;
  steps: StepState[];
}

/** 协办部门 task of a joint case. */
export interface CoHandlerTask {
  taskId: string;
  department: string;
  limit: TimeLimit;
  deadline: Instant;
  status: 'open' | 'answered' | 'deemed_consent' | 'closed';
  assignment?: TaskAssignment;
  answer?: { answer: JointAnswer | 'deemed_consent'; reason?: string; at: Instant; by: RecordedBy };
}

export interface JointConsolidation {
  summary: string;
  opinion: string;
  reason?: string;
  disagreeing: string[];
  forwardUpSuggested: string[];
  at: Instant;
  by: RecordedBy;
}

/** 特别程序: `interval.to` absent while it runs (the clock is paused). */
export interface SpecialProcedure {
  kind: SpecialProcedureKind;
  reason: string;
  expectedEnd?: Instant;
  interval: Interval;
  startedBy: RecordedBy;
  result?: string;
  endedBy?: RecordedBy;
  pausedWorkingMinutes?: number;
}

/** Every opinion of the case in order: what a back office shows as the case's 审批意见. */
export interface RecordedOpinion {
  context: 'pass' | 'return' | 'joint_answer' | 'consolidation' | 'decision';
  stepIndex?: number;
  department?: string;
  text: string;
  at: Instant;
  by: RecordedBy;
}

export type ReviewResult = 'approved' | 'refused' | 'deemed_approved' | 'forwarded_up' | 'withdrawn';

export interface ReviewOutcome {
  result: ReviewResult;
  at: Instant;
  by: RecordedBy;
  opinion?: string;
  reason?: string;
  certificate?: Certificate;
  /** For a deemed approval: the accepting window unit answerable for the timeout. */
  responsibleUnit?: string;
  /** For a forward-up: the higher authority. */
  authority?: string;
}

export interface OpenReviewState {
  status: 'open' | 'closed';
  caseNo: string;
  item: ServiceItemVersion;
  category: HandlingCategory;
  acceptingUnit: string;
  acceptedAt: Instant;
  openedAt: Instant;
  openedBy: { causationEventId: string };
  /** Current deadlines: after extension and after every ended special procedure. */
  deadlines: ReviewDeadlines;
  main: MainTask;
  coHandlers: CoHandlerTask[];
  consolidation?: JointConsolidation;
  specialProcedures: SpecialProcedure[];
  extension?: { workingDays: number; reason: string; at: Instant; by: RecordedBy };
  opinions: RecordedOpinion[];
  outcome?: ReviewOutcome;
}

export type ReviewState = { status: 'not_opened' } | OpenReviewState;

export const initialReviewState = (): ReviewState => ({ status: 'not_opened' });

const DECIDED: readonly ReviewResult[] = ['approved', 'refused', 'deemed_approved'];
export const isDecided = (state: OpenReviewState): boolean =>
  state.outcome !== undefined && DECIDED.includes(state.outcome.result);

export const runningSpecialProcedure = (state: OpenReviewState): SpecialProcedure | undefined =>
  state.specialProcedures.find((p) => p.interval.to === undefined);

export const isJoint = (state: OpenReviewState): boolean => state.category === 'joint';
