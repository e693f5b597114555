import type { z } from 'zod';
import { type Actor, isSystem, type Role } from '../shared/actor';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import type { Instant } from '../shared/time';
import {
  AlreadyDecided,
  ReviewClosed,
  ReviewNotOpened,
  RoleNotAllowed,
  SameOfficerForTwoSteps,
  SpecialProcedureInProgress,
  SystemActorRequired,
  WrongDepartment,
} from './errors';

import { isDecided, type OpenReviewState, type ReviewState, runningSpecialProcedure } from './state';

/** Validates a payload against its schema; every issue is listed in one InvalidCommand. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidCommand(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** Commands that meet a decided case with AlreadyDecided rather than the general ReviewClosed. */
const DECISION_COMMANDS = new Set(['Decide', 'DeemApproval', 'CloseOnWithdrawal']);

/** The review as every command but OpenReview needs it: opened and not yet closed. */
export function requireOpenReview(state: ReviewState, commandType: string): OpenReviewState {
  if (state.status === 'not_opened') throw new ReviewNotOpened();
  if (state.outcome && isDecided(state) && DECISION_COMMANDS.has(commandType)) {
    throw new AlreadyDecided(state.outcome.result);
  }
  if (state.status === 'closed') throw new ReviewClosed(state.outcome?.result ?? 'closed');
  return state;
}

export function requireSystem(actor: Actor, command: string): void {
  if (!isSystem(actor)) throw new SystemActorRequired(command);
}

/** Department match is exact here: the gateway has already checked the department subtree. */
export function requireDepartment(actor: Actor, department: string): void {
  if (actor.department !== department) throw new WrongDepartment(department, actor.department);
}

export function requireAnyRole(actor: Actor, action: string, roles: readonly Role[]): void {
  if (!roles.some((role) => actor.roles.includes(role))) throw new RoleNotAllowed(action, [...roles]);
}

export function requireNoSpecialProcedure(state: OpenReviewState): void {
  const running = runningSpecialProcedure(state);
  if (running) throw new SpecialProcedureInProgress(running.kind);
}

/** 说理式: blank text is no reason. */
export function requireReason(text: string | undefined, action: string): string {
  const reason = text?.trim() ?? '';
  if (reason === '') throw new ReasonRequired(action);
  return reason;
}

/**
 * Each step is done by a different officer: an officer who completed (passed, returned or decided) a step
 * with another index may not complete this one. Completing the same step again after a return is allowed:
 * the officer who handled 承办 handles it again when the case comes back.
 */
export function requireDifferentOfficer(state: OpenReviewState, actor: Actor, stepIndex: number): void {
  for (const step of state.main.steps) {
    if (step.index === stepIndex) continue;
    if (step.completions.some((c) => c.by.id === actor.id)) {
      throw new SameOfficerForTwoSteps(actor.id, stepIndex, step.index);
    }
  }
}

/** Instants carry offsets: compare them as points in time, never as strings. */
export const isAfter = (a: Instant, b: Instant): boolean => Date.parse(a) > Date.parse(b);

/** Optional text fields are left out of events when absent, so stored events stay minimal. */
export const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
