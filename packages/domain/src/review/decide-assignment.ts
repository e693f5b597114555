import type { Actor, Role } from '../shared/actor';
import { type RecordedBy, recordedBy } from '../shared/recorded-by';
import type { ValidReviewCommand } from './commands';
import {
  AssigneeNotInDepartment,
  AssignmentUnchanged,
  NotADepartmentHead,
  TaskAlreadyAssigned,
  TaskClosed,
  UnknownTask,
} from './errors';
import type { ReviewEvent } from './events';
import { requireAnyRole, requireDepartment, requireReason } from './guards';
import type { ReviewRules } from './rules';
import type { CoHandlerTask, MainTask, OpenReviewState } from './state';

/** Department staff: who may hold a review task (承办人, 审核人, 批准人). */
const STAFF: readonly Role[] = ['officer', 'reviewer', 'head'];

const isStaffOf = (person: Actor, department: string): boolean =>
  person.department === department && person.roles.some((role) => STAFF.includes(role));

function taskOf(state: OpenReviewState, taskId: string): MainTask | CoHandlerTask {
  if (taskId === state.main.taskId) return state.main;
  const task = state.coHandlers.find((t) => t.taskId === taskId);
  if (task === undefined) throw new UnknownTask(taskId);
  return task;
}

/**
 * 分派 / 认领 / 退回部门 (work distribution). Staff of the task's department may claim a task nobody holds
 * and give back one they hold; a head of the department may give any open task of it to any of its staff,
 * or release it to the department. The assignee is looked up in the directory the decider was built with,
 * and recorded by name, so the history never needs the directory again. A reason is always required.
 */
export function assignTask(
  command: ValidReviewCommand<'AssignTask'>,
  state: OpenReviewState,
  rules: ReviewRules,
): ReviewEvent[] {
  const { data, metadata } = command;
  const { actor, now } = metadata;
  const task = taskOf(state, data.taskId);
  if (task.status !== 'open') throw new TaskClosed(task.taskId, task.status);
  requireDepartment(actor, task.department);
  requireAnyRole(actor, 'assign a task', STAFF);
  const reason = requireReason(data.reason, 'task assignment');
  const current = task.assignment?.assignee ?? null;
  if ((current?.id ?? null) === data.assignee) throw new AssignmentUnchanged(task.taskId, data.assignee);

  if (!actor.roles.includes('head')) {
    // Without a head's role one claims a free task for oneself, or gives back one's own.
    const claim = data.assignee === actor.id && current === null;
    const giveBack = data.assignee === null && current?.id === actor.id;
    if (!claim && !giveBack) {
      if (current !== null) throw new TaskAlreadyAssigned(task.taskId, current.id);
      throw new NotADepartmentHead('assigning a task to someone else');
    }
  }

  let assignee: RecordedBy | null = null;
  if (data.assignee !== null) {
    // The actor is who the token says; anyone else must be in the directory, as staff of the department.
    const person = data.assignee === actor.id ? actor : rules.staff(data.assignee);
    if (person === undefined || !isStaffOf(person, task.department))
      throw new AssigneeNotInDepartment(data.assignee, task.department);
    assignee = recordedBy(person);
  }
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId: task.taskId,
        department: task.department,
        assignee,
        previous: current,
        reason,
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}
