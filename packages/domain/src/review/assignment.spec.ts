import { deciderSpec } from '@docket/testkit';
import { describe, expect, it } from 'vitest';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import {
  AssigneeNotInDepartment,
  AssignmentUnchanged,
  NotADepartmentHead,
  ReviewClosed,
  RoleNotAllowed,
  TaskAlreadyAssigned,
  TaskClosed,
  UnknownTask,
  WrongDepartment,
} from './errors';
import {
  at,
  clerk,
  command,
  fireOfficer,
  given,
  head,
  officer,
  officer2,
  opened,
  planHead,
  planOfficer,
  recorded,
  reviewDecider,
  reviewer,
  staffDirectory,
} from './fixtures';

const spec = deciderSpec(reviewDecider({ staff: staffDirectory }));

const assign = (taskId: string, assignee: string | null, actor = head, reason = '按分工分派', now = at(1)) =>
  command('AssignTask', { taskId, assignee, reason }, actor, now);

describe('分派: a head gives a task to a member of the department', () => {
  it('assigns the main task to an officer, naming them and the reason', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', officer.id))
      .thenState((state, events) => {
        expect(events).toEqual([
          {
            type: 'TaskAssigned',
            data: {
              taskId: 'main',
              department: 'D-MARKET',
              assignee: recorded(officer),
              previous: null,
              reason: '按分工分派',
              at: at(1),
              by: recorded(head),
            },
          },
        ]);
        expect(opened(state).main.assignment).toEqual({
          assignee: recorded(officer),
          at: at(1),
          by: recorded(head),
          reason: '按分工分派',
        });
      });
  });

  it('reassigns from one officer to another, recording who had it', () => {
    spec
      .given([given.promisedOpened(), given.assigned('main', officer, null, head, at(1))])
      .when(assign('main', officer2.id, head, '李强休假', at(2)))
      .then([given.assigned('main', officer2, officer, head, at(2), '李强休假')]);
  });

  it('releases a task back to the department', () => {
    spec
      .given([given.promisedOpened(), given.assigned('main', officer, null, head, at(1))])
      .when(assign('main', null, head, '退回部门重新分派', at(2)))
      .thenState((state, events) => {
        expect(events).toEqual([given.assigned('main', null, officer, head, at(2), '退回部门重新分派')]);
        expect(opened(state).main.assignment).toBeUndefined();
      });
  });

  it('may give the task to a reviewer or to the head themself: any staff of the department', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', reviewer.id))
      .then([given.assigned('main', reviewer, null, head, at(1), '按分工分派')]);
    spec
      .given([given.promisedOpened()])
      .when(assign('main', head.id))
      .then([given.assigned('main', head, null, head, at(1), '按分工分派')]);
  });

  it('assigns a co-handler’s task within the co-handling department, leaving the main task alone', () => {
    const fireHead = { ...head, id: 'u-fire-head', department: 'D-FIRE' };
    spec
      .given([given.jointOpened()])
      .when(assign('co:D-FIRE', fireOfficer.id, fireHead))
      .thenState((state, events) => {
        expect(events).toEqual([
          given.assigned('co:D-FIRE', fireOfficer, null, fireHead, at(1), '按分工分派'),
        ]);
        const review = opened(state);
        expect(review.coHandlers.map((t) => t.assignment?.assignee.id)).toEqual([fireOfficer.id, undefined]);
        expect(review.main.assignment).toBeUndefined();
      });
  });

  it('keeps the assignment when the step moves on', () => {
    spec
      .given([
        given.promisedOpened(),
        given.assigned('main', officer, null, head, at(1)),
        given.passed(0, officer, at(2)),
      ])
      .when(assign('main', reviewer.id, head, '转审核', at(3)))
      .then([given.assigned('main', reviewer, officer, head, at(3), '转审核')]);
  });
});

describe('认领: staff claim a free task and give back their own', () => {
  it('lets an officer claim an unassigned task of the department, with a short reason', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', officer.id, officer, '认领'))
      .then([given.assigned('main', officer, null, officer, at(1), '认领')]);
  });

  it('lets the holder give the task back to the department', () => {
    spec
      .given([given.promisedOpened(), given.assigned('main', officer, null, officer, at(1))])
      .when(assign('main', null, officer, '无法办理', at(2)))
      .then([given.assigned('main', null, officer, officer, at(2), '无法办理')]);
  });

  it('refuses an officer who would give a task to someone else (a head’s decision)', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', officer2.id, officer))
      .thenThrows(NotADepartmentHead, (e) => e.kind === 'forbidden');
  });

  it('refuses a claim of a task someone else holds, and a release of someone else’s task', () => {
    const held = [given.promisedOpened(), given.assigned('main', officer, null, head, at(1))];
    spec
      .given(held)
      .when(assign('main', officer2.id, officer2, '认领', at(2)))
      .thenThrows(
        TaskAlreadyAssigned,
        (e) => e.kind === 'illegal_transition' && e.details.assignee === officer.id,
      );
    spec
      .given(held)
      .when(assign('main', null, officer2, '释放', at(2)))
      .thenThrows(TaskAlreadyAssigned);
  });

  it('refuses a clerk: only department staff hold review tasks', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', clerk.id, clerk, '认领'))
      .thenThrows(RoleNotAllowed, (e) => e.kind === 'forbidden');
  });
});

describe('分派 is refused', () => {
  it('for a task the case does not have', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('co:D-FIRE', officer.id))
      .thenThrows(UnknownTask, (e) => e.kind === 'not_found' && e.details.taskId === 'co:D-FIRE');
    spec.given([given.promisedOpened()]).when(assign('consolidation', officer.id)).thenThrows(UnknownTask);
  });

  it('for a co-handler’s task already answered', () => {
    spec
      .given([given.jointOpened(), given.answered(fireOfficer, 'agree', at(1))])
      .when(assign('co:D-FIRE', fireOfficer.id, fireOfficer, '认领', at(2)))
      .thenThrows(TaskClosed, (e) => e.kind === 'illegal_transition' && e.details.status === 'answered');
  });

  it('once the case is decided', () => {
    spec
      .given([
        given.promisedOpened(),
        given.passed(0, officer, at(1)),
        given.passed(1, reviewer, at(2)),
        given.decided(head, 2, at(3)),
      ])
      .when(assign('main', officer.id, head, '分派', at(4)))
      .thenThrows(ReviewClosed);
  });

  it('when the assignee is not staff of the task’s department', () => {
    // Staff of another department, a clerk of this one, and someone the directory does not know.
    for (const assignee of [planOfficer.id, clerk.id, 'u-nobody']) {
      spec
        .given([given.promisedOpened()])
        .when(assign('main', assignee))
        .thenThrows(
          AssigneeNotInDepartment,
          (e) =>
            e.kind === 'rule_broken' &&
            e.details.assignee === assignee &&
            e.details.department === 'D-MARKET',
        );
    }
  });

  it('for a co-handler’s task given to staff of the lead department', () => {
    const fireHead = { ...head, id: 'u-fire-head', department: 'D-FIRE' };
    spec
      .given([given.jointOpened()])
      .when(assign('co:D-FIRE', planOfficer.id, fireHead))
      .thenThrows(AssigneeNotInDepartment);
  });

  it('when the head is of another department', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', officer.id, planHead))
      .thenThrows(WrongDepartment, (e) => e.kind === 'forbidden' && e.details.required === 'D-MARKET');
  });

  it('without a reason, or with a blank one', () => {
    spec
      .given([given.promisedOpened()])
      .when(assign('main', officer.id, head, '   '))
      .thenThrows(ReasonRequired);
    spec
      .given([given.promisedOpened()])
      .when(command('AssignTask', { taskId: 'main', assignee: officer.id } as never, head, at(1)))
      .thenThrows(InvalidCommand);
  });

  it('when the task is already with that person, or already the department’s', () => {
    spec
      .given([given.promisedOpened(), given.assigned('main', officer, null, head, at(1))])
      .when(assign('main', officer.id, head, '再次分派', at(2)))
      .thenThrows(
        AssignmentUnchanged,
        (e) => e.kind === 'illegal_transition' && e.details.assignee === officer.id,
      );
    spec
      .given([given.promisedOpened()])
      .when(assign('main', null))
      .thenThrows(AssignmentUnchanged, (e) => e.details.assignee === null);
  });

  it('for anyone but the actor when the decider was built without a directory', () => {
    deciderSpec(reviewDecider())
      .given([given.promisedOpened()])
      .when(assign('main', officer.id))
      .thenThrows(AssigneeNotInDepartment);
    deciderSpec(reviewDecider())
      .given([given.promisedOpened()])
      .when(assign('main', officer.id, officer, '认领'))
      .then([given.assigned('main', officer, null, officer, at(1), '认领')]);
  });
});
