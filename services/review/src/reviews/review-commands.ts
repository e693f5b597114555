import { type CommandReply, parseRequest, review, reviewCommandTypes } from '@docket/contracts';
import {
  createReviewDecider,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
  reviewStreamName,
  type ServiceItemVersion,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import { type CommandRunner, createCommandRunner, replyOf, type ServiceDeps } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { REVIEW } from '../tokens';

const leadDepartment = (item: ServiceItemVersion): string => item.joint?.leadDepartment ?? item.department;

type ReviewEndpoint = keyof typeof reviewCommandTypes;

const bySubject = new Map<string, ReviewEndpoint>(
  (Object.keys(reviewCommandTypes) as ReviewEndpoint[]).map((name) => [review[name].subject, name]),
);

/**
 * The department whose staff may send a review command: the co-handling department a joint answer is
 * for, otherwise the main task's (the item's department, or the lead department of a joint case).
 */
export function reviewTarget(command: ReviewCommand, state: ReviewState): string | undefined {
  if (command.type === 'OpenReview') return leadDepartment(command.data.item as ServiceItemVersion);
  if (state.status === 'not_opened') return undefined;
  if (command.type === 'AnswerJointOpinion') return command.data.department;
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
      decider: createReviewDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      authorise: (command, state) => {
        const department = reviewTarget(command, state);
        // No review yet: the decider answers ReviewNotOpened (404), whoever asks.
        if (department === undefined) return;
        authoriseCommand(command.metadata.actor, command.type, { department }, tree);
      },
    });
  }

  /** A command from the contract (`review.cmd.<name>`): `{ caseNo, data }`. */
  async handle(subject: string, payload: unknown, headers: Headers): Promise<CommandReply> {
    const name = bySubject.get(subject);
    if (name === undefined) throw new Error(`review serves no command ${subject}`);
    const { caseNo, data } = parseRequest(review[name].request, payload) as { caseNo: string; data: unknown };
    const handled = await this.runner.run(reviewStreamName(caseNo), reviewCommandTypes[name], data, {
      subject,
      headers,
      caseNo,
    });
    return replyOf(handled, caseNo);
  }
}
