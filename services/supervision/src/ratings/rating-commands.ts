import { type CommandReply, type ParsedRequestOf, supervision } from '@docket/contracts';
import {
  createRatingDecider,
  type RatingCommand,
  type RatingEvent,
  type RatingState,
  ratingStreamName,
  systemActor,
} from '@docket/domain';
import { authoriseCommand, type Target } from '@docket/identity';
import { actorOf, type CommandRunner, createCommandRunner, type Message, replyOf } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { CaseNotClosed } from '../errors';
import { OtherServices } from '../facts/other-services';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/**
 * 好差评 (rating-<caseNo>): one rating per case, with the case's facts filled in from intake, then the
 * follow-up of a bad one. The policy's target is the case's department (and, for the applicant's own
 * rating, the case's applicant account).
 */
@Injectable()
export class RatingCommands {
  readonly runner: CommandRunner<RatingCommand, RatingState>;
  private readonly actor = systemActor('supervision');

  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly others: OtherServices,
  ) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<RatingCommand, RatingState, RatingEvent>({
      ledger: deps.ledger,
      decider: createRatingDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      authorise: (command, state) => {
        const target: Target | undefined =
          command.type === 'RateService'
            ? ratingTarget(command.data as { department: string; applicantUserId?: string })
            : state.status === 'not_rated'
              ? undefined
              : { department: state.department };
        // Not rated: the decider answers RatingNotFound (404), whoever asks.
        if (target === undefined) return;
        authoriseCommand(command.metadata.actor, command.type, target, tree);
      },
    });
  }

  /**
   * 评价. The case's department, closing and applicant account are intake's to tell (the application
   * stream): the policy is checked on them before anything else, and a case still running is refused.
   */
  async rateService(
    { caseNo, data }: ParsedRequestOf<typeof supervision.rateService>,
    { headers, subject }: Message,
  ): Promise<CommandReply> {
    const actor = actorOf(headers, subject);
    const facts = await this.others.caseFacts(caseNo);
    const applicant = facts.applicantUserId === null ? {} : { applicantUserId: facts.applicantUserId };
    authoriseCommand(
      actor,
      'RateService',
      ratingTarget({ department: facts.department, ...applicant }),
      this.deps.directory.tree,
    );
    if (facts.closedAt === null) throw new CaseNotClosed(caseNo, facts.status);
    const handled = await this.runner.run(
      ratingStreamName(caseNo),
      'RateService',
      { caseNo, ...data, department: facts.department, closedAt: facts.closedAt, ...applicant },
      { subject, headers, actor, caseNo },
    );
    return replyOf(handled, caseNo);
  }
  /** The timer's flag, as the system, at the instant it looked. */
  async flagOverdue(caseNo: string, now: string): Promise<void> {
    await this.runner.run(
      ratingStreamName(caseNo),
      'FlagRectificationOverdue',
      {},
      {
        subject: 'supervision.timer.FlagRectificationOverdue',
        headers: {},
        actor: this.actor,
        now,
        caseNo,
      },
    );
  }
}

const ratingTarget = (data: { department: string; applicantUserId?: string }): Target =>
  data.applicantUserId === undefined
    ? { department: data.department }
    : { department: data.department, applicantUserId: data.applicantUserId };
