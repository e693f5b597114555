import {
  createReviewDecider,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
  responsibleDepartment,
} from '@docket/domain';
import { authoriseCommand, governmentOf } from '@docket/identity';
import { type CommandRunner, createCommandRunner, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { REVIEW } from '../tokens';

/**
 * The department whose staff may send a review command: the co-handling department a joint answer is
 * for, the department of the task an assignment (分派) is about, otherwise the main task's (the item's
 * department, or the lead department of a joint case).
 */
export function reviewTarget(command: ReviewCommand, state: ReviewState): string | undefined {
  if (command.type === 'OpenReview') return responsibleDepartment(command.data.item);
  if (state.status === 'not_opened') return undefined;
  if (command.type === 'AnswerJointOpinion') return command.data.department;
  if (command.type === 'AssignTask') {
    // An unknown task: the main task's department is asked, and the decider answers UnknownTask.
    const task = state.coHandlers.find((t) => t.taskId === command.data.taskId);
    return task?.department ?? state.main.department;
  }
  return state.main.department;
}

/** 办件审查: every review command, through the one command path, decided from the review stream. */
@Injectable()
export class ReviewCommands {
  readonly runner: CommandRunner<ReviewCommand, ReviewState>;

  constructor(@Inject(REVIEW) deps: ServiceDeps) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<ReviewCommand, ReviewState, ReviewEvent>({
      ledger: deps.ledger,
      // The directory: 分派 names its assignee, who must be staff of the task's department; a joint case's
      // extension is approved by the head of the people's government at the lead department's level
      // (行政许可法 Art. 42, 本级人民政府负责人): its district.
      decider: createReviewDecider({
        calendar: deps.calendar,
        staff: (id) => deps.directory.findUser(id),
        governmentOf: (department) => governmentOf(tree, department),
      }),
      clock: deps.clock,
      authorise: (command, state) => {
        const department = reviewTarget(command, state);
        // No review yet: the decider answers ReviewNotOpened (404), whoever asks.
        if (department === undefined) return;
        authoriseCommand(command.metadata.actor, command.type, { department }, tree);
      },
    });
  }
}
