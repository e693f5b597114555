import type { Actor, OpenReviewState, Role } from '@docket/domain';

/** What can be done on a case's review from the case file (each a command of `review`). */
export type ReviewAction =
  | 'pass'
  | 'return'
  | 'decide'
  | 'answerJoint'
  | 'consolidate'
  | 'startProcedure'
  | 'endProcedure'
  | 'extend'
  | 'forwardUp';

const STAFF: readonly Role[] = ['officer', 'reviewer', 'head'];

/**
 * The actions this actor may take on the review now, by the rules of packages/domain/src/review (the
 * deciders refuse the others anyway: a role that may not act is shown no button). Departments are
 * compared exactly, as the deciders do. `now` (when known) hides an extension once the statutory limit has
 * passed.
 */
export function availableActions(actor: Actor, state: OpenReviewState, now?: string): ReviewAction[] {
  if (state.status !== 'open' || state.outcome !== undefined) return [];
  const has = (...roles: Role[]) => roles.some((role) => actor.roles.includes(role));
  const staff = has(...STAFF);
  const inMain = actor.department === state.main.department;
  const running = state.specialProcedures.some((p) => p.interval.to === undefined);
  const joint = state.category === 'joint';
  const actions: ReviewAction[] = [];

  const active = state.main.status === 'open' ? state.main.activeStep : null;
  const step = active === null ? undefined : state.main.steps[active];
  const finalIndex = state.main.steps.length - 1;
  // 每个环节由不同人员办理: whoever completed another step may not complete this one.
  const completedAnother =
    step !== undefined &&
    state.main.steps.some((s) => s.index !== step.index && s.completions.some((c) => c.by.id === actor.id));
  const mayWorkStep =
    step !== undefined && !running && inMain && actor.roles.includes(step.role) && !completedAnother;
  if (mayWorkStep && step.index < finalIndex) actions.push('pass');
  if (mayWorkStep && step.index > 0) actions.push('return');
  if (
    mayWorkStep &&
    step.index === finalIndex &&
    step.role !== 'officer' &&
    has('reviewer', 'head') &&
    !(joint && state.consolidation === undefined)
  )
    actions.push('decide');

  const coTask = state.coHandlers.find(
    (task) => task.department === actor.department && task.status === 'open',
  );
  if (!running && staff && coTask !== undefined) actions.push('answerJoint');
  if (
    !running &&
    joint &&
    state.consolidation === undefined &&
    inMain &&
    has('reviewer', 'head') &&
    state.coHandlers.every((task) => task.status !== 'open')
  )
    actions.push('consolidate');

  if (inMain && staff && !running) actions.push('startProcedure');
  if (inMain && staff && running) actions.push('endProcedure');
  // 延长 (行政许可法 Art. 42): once, within the statutory limit; a case of one department by its head, a joint
  // case by the head of the people's government at that level (government_head, at a department above the
  // lead department: the API checks the level exactly), never by the lead department's head.
  const mayExtend = joint ? has('government_head') : inMain && has('head');
  if (mayExtend && state.extension === undefined && !statutoryLimitPassed(state, now)) actions.push('extend');
  if (inMain && has('head')) actions.push('forwardUp');
  return actions;
}

/**
 * The statutory deadline has passed at `now` (as the review decider judges an extension): while a special
 * procedure pauses the clock, the time left is frozen at the pause's start. Unknown `now`: not passed.
 */
function statutoryLimitPassed(state: OpenReviewState, now: string | undefined): boolean {
  if (now === undefined) return false;
  const running = state.specialProcedures.find((p) => p.interval.to === undefined);
  const asOf = running ? running.interval.from : now;
  return Date.parse(asOf) > Date.parse(state.deadlines.statutory);
}
