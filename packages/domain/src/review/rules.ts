import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Actor } from '../shared/actor';

/**
 * The centre's people by user id (the department directory), for the rules that name someone other
 * than the actor (分派: the assignee must be staff of the task's department). Like the calendar it is
 * data the decider is built with; what it answered is recorded in the event, so `evolve` never needs it.
 */
export type StaffDirectory = (userId: string) => Actor | undefined;

/** What the review decider is built with: the centre's calendar and the configurable limits. */
export interface ReviewDeciderContext {
  calendar: WorkingCalendar;
  /**
   * 延长: the longest extension, in working days. Defaults are 行政许可法 Art. 42's: 10 (a department's head),
   * and 15 for joint cases (the people's government's head).
   */
  maxExtensionWorkingDays?: { single?: number; joint?: number };
  /**
   * 超时默认: which deadline a deemed approval waits for. Default `statutory`: the law deems a permit granted
   * when the statutory limit passes; the promised limit is the centre's own, earlier, commitment.
   */
  deemedApprovalDeadline?: 'statutory' | 'promised';
  /** Who is who (分派). Without one, only a claim for oneself can be decided. */
  staff?: StaffDirectory;
  /**
   * 本级人民政府 (行政许可法 Art. 42): the department of the directory that stands for the people's government
   * at the level of a department (in a district centre, the district: its root). A joint case's extension is
   * approved by a `government_head` of exactly that department. Without one, the role alone is checked (the
   * gateway's policy still keeps the approver to departments above the lead department).
   */
  governmentOf?: GovernmentOf;
}

/** The department standing for the people's government at a department's level, or undefined if unknown. */
export type GovernmentOf = (department: string) => string | undefined;

/** The context with every default filled in. */
export interface ReviewRules {
  calendar: WorkingCalendar;
  maxExtensionWorkingDays: { single: number; joint: number };
  deemedApprovalDeadline: 'statutory' | 'promised';
  staff: StaffDirectory;
  governmentOf: GovernmentOf | undefined;
}

export const DEFAULT_MAX_EXTENSION = { single: 10, joint: 15 } as const;

export function reviewRules(context: ReviewDeciderContext): ReviewRules {
  return {
    calendar: context.calendar,
    maxExtensionWorkingDays: {
      single: context.maxExtensionWorkingDays?.single ?? DEFAULT_MAX_EXTENSION.single,
      joint: context.maxExtensionWorkingDays?.joint ?? DEFAULT_MAX_EXTENSION.joint,
    },
    deemedApprovalDeadline: context.deemedApprovalDeadline ?? 'statutory',
    staff: context.staff ?? (() => undefined),
    governmentOf: context.governmentOf,
  };
}
