import { domainError } from '../shared/errors';

/**
 * Errors of the department review (办件审查), each named for the rule it enforces.
 * `ReasonRequired` and `InvalidCommand` come from shared/errors.
 */

export const ReviewAlreadyOpened = domainError(
  'ReviewAlreadyOpened',
  'illegal_transition',
  (caseNo: string, causationEventId: string) => ({
    message: `The review of case ${caseNo} is already open`,
    // The original causation lets a reaction that was delivered twice recognise its own duplicate.
    details: { caseNo, causationEventId },
  }),
);

export const ReviewNotOpened = domainError('ReviewNotOpened', 'illegal_transition', () => ({
  message: 'The review has not been opened yet',
}));

/** Any command after a terminal outcome (decided, deemed approved, forwarded up, withdrawn). */
export const ReviewClosed = domainError('ReviewClosed', 'illegal_transition', (outcome: string) => ({
  message: `The review is closed (${outcome})`,
  details: { outcome },
}));

export const AlreadyDecided = domainError('AlreadyDecided', 'illegal_transition', (outcome: string) => ({
  message: `The case has already been decided (${outcome})`,
  details: { outcome },
}));

export const SystemActorRequired = domainError('SystemActorRequired', 'forbidden', (command: string) => ({
  message: `${command} is recorded by the system only`,
  details: { command },
}));

export const StepNotActive = domainError(
  'StepNotActive',
  'illegal_transition',
  (stepIndex: number, activeStep: number | null) => ({
    message: `Step ${stepIndex} is not the active step (active: ${activeStep ?? 'none'})`,
    details: { stepIndex, activeStep },
  }),
);

export const RoleNotAllowedForStep = domainError(
  'RoleNotAllowedForStep',
  'forbidden',
  (stepIndex: number, role: string) => ({
    message: `Step ${stepIndex} needs the role ${role}`,
    details: { stepIndex, role },
  }),
);

/** For answers, consolidation and special procedures: the actor holds none of the roles the action needs. */
export const RoleNotAllowed = domainError(
  'RoleNotAllowed',
  'forbidden',
  (action: string, roles: string[]) => ({
    message: `${action} needs one of the roles ${roles.join(', ')}`,
    details: { action, roles },
  }),
);

export const WrongDepartment = domainError(
  'WrongDepartment',
  'forbidden',
  (required: string, actual: string | undefined) => ({
    message: `Only department ${required} may do this (actor's department: ${actual ?? 'none'})`,
    details: { required, actual: actual ?? null },
  }),
);

/** Each step is done by a different officer: whoever completed one step may not complete another. */
export const SameOfficerForTwoSteps = domainError(
  'SameOfficerForTwoSteps',
  'rule_broken',
  (officerId: string, stepIndex: number, completedStep: number) => ({
    message: `Officer ${officerId} completed step ${completedStep} and may not complete step ${stepIndex}`,
    details: { officerId, stepIndex, completedStep },
  }),
);

export const InvalidReturnTarget = domainError(
  'InvalidReturnTarget',
  'rule_broken',
  (stepIndex: number, returnToStep: number) => ({
    message: `Step ${stepIndex} can only return to an earlier step, not to ${returnToStep}`,
    details: { stepIndex, returnToStep },
  }),
);

export const UseDecisionForFinalStep = domainError(
  'UseDecisionForFinalStep',
  'rule_broken',
  (stepIndex: number) => ({
    message: `Step ${stepIndex} is the final step: it ends with a decision, not a pass`,
    details: { stepIndex },
  }),
);

export const DecisionNotDue = domainError(
  'DecisionNotDue',
  'illegal_transition',
  (activeStep: number | null, finalStep: number) => ({
    message: `A decision is due at step ${finalStep}; the active step is ${activeStep ?? 'none'}`,
    details: { activeStep, finalStep },
  }),
);

export const OnlyReviewerOrHeadMayDecide = domainError(
  'OnlyReviewerOrHeadMayDecide',
  'forbidden',
  (stepRole: string) => ({
    message: `Only a reviewer or a head may decide (final step role: ${stepRole})`,
    details: { stepRole },
  }),
);

export const NotACoHandler = domainError('NotACoHandler', 'rule_broken', (department: string) => ({
  message: `Department ${department} is not a co-handler of this case`,
  details: { department },
}));

export const NotAJointCase = domainError('NotAJointCase', 'rule_broken', () => ({
  message: 'The case is not handled jointly',
}));

export const JointAnswerAlreadyGiven = domainError(
  'JointAnswerAlreadyGiven',
  'illegal_transition',
  (department: string, status: string) => ({
    message: `Department ${department} has already answered (${status})`,
    details: { department, status },
  }),
);

/** 超时默许 applies only where the item says so. */
export const DeemedConsentNotAllowed = domainError(
  'DeemedConsentNotAllowed',
  'rule_broken',
  (itemCode: string) => ({
    message: `Item ${itemCode} does not deem a silent co-handler to consent`,
    details: { itemCode },
  }),
);

export const CoHandlerLimitNotPassed = domainError(
  'CoHandlerLimitNotPassed',
  'rule_broken',
  (department: string, deadline: string) => ({
    message: `Co-handler ${department} has until ${deadline} to answer`,
    details: { department, deadline },
  }),
);

export const JointAnswersOutstanding = domainError(
  'JointAnswersOutstanding',
  'illegal_transition',
  (departments: string[]) => ({
    message: `Still waiting for the answers of ${departments.join(', ')}`,
    details: { departments },
  }),
);

export const JointAlreadyConsolidated = domainError('JointAlreadyConsolidated', 'illegal_transition', () => ({
  message: 'The joint opinions have already been consolidated',
}));

export const JointNotConsolidated = domainError('JointNotConsolidated', 'illegal_transition', () => ({
  message: 'The lead department must consolidate the joint opinions before deciding',
}));

/** 特别程序: while the clock is paused the review does not move. */
export const SpecialProcedureInProgress = domainError(
  'SpecialProcedureInProgress',
  'illegal_transition',
  (kind: string) => ({
    message: `A special procedure (${kind}) is in progress`,
    details: { kind },
  }),
);

export const NoSpecialProcedure = domainError('NoSpecialProcedure', 'illegal_transition', () => ({
  message: 'No special procedure is in progress',
}));

/** An extension of a single-department case, or a forward-up: the deciding department's head (本行政机关负责人). */
export const NotADepartmentHead = domainError('NotADepartmentHead', 'forbidden', (action: string) => ({
  message: `${action} needs a department head`,
  details: { action },
}));

/** 延长: granted once per case. */
export const ExtensionAlreadyGranted = domainError(
  'ExtensionAlreadyGranted',
  'illegal_transition',
  (workingDays: number) => ({
    message: `An extension of ${workingDays} working days has already been granted`,
    details: { workingDays },
  }),
);

export const ExtensionTooLong = domainError(
  'ExtensionTooLong',
  'rule_broken',
  (requested: number, maximum: number) => ({
    message: `An extension of ${requested} working days exceeds the maximum of ${maximum}`,
    details: { requested, maximum },
  }),
);

/**
 * 行政许可法 Art. 42: an extension is approved within the limit (二十日内不能作出决定的，经本行政机关负责人批准，
 * 可以延长十日). Once the statutory deadline has passed there is nothing left to extend: the case is overdue.
 */
export const ExtensionAfterDeadline = domainError(
  'ExtensionAfterDeadline',
  'rule_broken',
  (deadline: string, now: string) => ({
    message: `The statutory deadline ${deadline} passed before ${now}: an extension is approved only within the limit (行政许可法 Art. 42)`,
    details: { deadline, now, article: '行政许可法第四十二条' },
  }),
);

/**
 * 行政许可法 Art. 42: a joint case's extension (十五日) is approved by the head of the people's government at
 * that level (本级人民政府负责人), the role `government_head`, not by a department head.
 */
export const NotTheGovernmentHead = domainError('NotTheGovernmentHead', 'forbidden', (action: string) => ({
  message: `${action} on a joint case needs the head of the people's government at that level (本级人民政府负责人, role government_head)`,
  details: { action, role: 'government_head', article: '行政许可法第四十二条' },
}));

/** 超时默认 applies only where the item says so. */
export const DeemedApprovalNotAllowed = domainError(
  'DeemedApprovalNotAllowed',
  'rule_broken',
  (itemCode: string) => ({
    message: `Item ${itemCode} does not deem a case approved on timeout`,
    details: { itemCode },
  }),
);

export const DeadlineNotPassed = domainError(
  'DeadlineNotPassed',
  'rule_broken',
  (deadline: string, now: string) => ({
    message: `The deadline ${deadline} has not passed at ${now}`,
    details: { deadline, now },
  }),
);

/** 分派: the case has no such task (`main`, or `co:<department>` of a co-handler). */
export const UnknownTask = domainError('UnknownTask', 'not_found', (taskId: string) => ({
  message: `The case has no task ${taskId}`,
  details: { taskId },
}));

/** 分派: the task's work is done (answered, deemed, decided) or the case is closed. */
export const TaskClosed = domainError(
  'TaskClosed',
  'illegal_transition',
  (taskId: string, status: string) => ({
    message: `Task ${taskId} is no longer open (${status})`,
    details: { taskId, status },
  }),
);

/** 分派: a task goes only to staff (officer, reviewer, head) of its own department. */
export const AssigneeNotInDepartment = domainError(
  'AssigneeNotInDepartment',
  'rule_broken',
  (assignee: string, department: string) => ({
    message: `${assignee} is not a member of the staff of department ${department}`,
    details: { assignee, department },
  }),
);

/** 分派: the task is already with that person (or, for a release, already the department's). */
export const AssignmentUnchanged = domainError(
  'AssignmentUnchanged',
  'illegal_transition',
  (taskId: string, assignee: string | null) => ({
    message:
      assignee === null
        ? `Task ${taskId} is not assigned to anyone`
        : `Task ${taskId} is already assigned to ${assignee}`,
    details: { taskId, assignee },
  }),
);

/** 认领: staff may claim only a task nobody holds; giving it to another, or taking it from one, is a head's. */
export const TaskAlreadyAssigned = domainError(
  'TaskAlreadyAssigned',
  'illegal_transition',
  (taskId: string, assignee: string) => ({
    message: `Task ${taskId} is assigned to ${assignee}: only a department head may reassign or release it`,
    details: { taskId, assignee },
  }),
);
