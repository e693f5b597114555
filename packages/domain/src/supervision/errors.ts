import { domainError } from '../shared/errors';

/**
 * Errors shared by the four supervision deciders (complaint, supervision order, rating, score): who may
 * act. Each decider's own rules have their errors in its folder. `ReasonRequired` and `InvalidCommand`
 * come from shared/errors.
 */

/** 效能监察: complaints, accountability, appeals on ratings and monthly scores are the supervisor's. */
export const NotASupervisor = domainError(
  'NotASupervisor',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `Only a supervisor may ${action}; ${actorId} is not one`,
    details: { actorId, action },
  }),
);

/** 督办单 are issued by electronic supervision (monitor) or by a supervisor. */
export const NotAMonitorOrSupervisor = domainError(
  'NotAMonitorOrSupervisor',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `Only a monitor or a supervisor may ${action}; ${actorId} is neither`,
    details: { actorId, action },
  }),
);

/** Department answers (supervision order, rectification, appeal) come from its officers, reviewers or heads. */
export const NotDepartmentStaff = domainError(
  'NotDepartmentStaff',
  'forbidden',
  (actorId: string, action: string) => ({
    message: `Only an officer, reviewer or head of the department may ${action}; ${actorId} is none of these`,
    details: { actorId, action },
  }),
);

/** The department is matched exactly: the gateway has already checked the department subtree. */
export const NotTheDepartment = domainError(
  'NotTheDepartment',
  'forbidden',
  (required: string, actual: string | undefined) => ({
    message: `Only department ${required} may do this (actor's department: ${actual ?? 'none'})`,
    details: { required, actual: actual ?? null },
  }),
);

/** Overdue flags are the system's reaction to a timer, never a person's claim. */
export const OverdueFlaggedBySystemOnly = domainError(
  'OverdueFlaggedBySystemOnly',
  'forbidden',
  (command: string, actorId: string) => ({
    message: `${command} is recorded by the system only; ${actorId} is a person`,
    details: { command, actorId },
  }),
);
