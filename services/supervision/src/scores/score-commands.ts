import { type CommandReply, type ParsedRequestOf, supervision } from '@docket/contracts';
import {
  createScoreDecider,
  type MonthlyScoreCommand,
  type MonthlyScoreEvent,
  type MonthlyScoreState,
  scoreStreamName,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import { actorOf, type CommandRunner, createCommandRunner, type Message, replyOf } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { ScoreCountsBehind } from '../errors';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';
import { ScoreCounter } from './score-counts';
import { scoreRulesOf } from './score-rules';

/**
 * 考核锁定 (score-<department>-<yyyy-mm>): the supervisor locks a month once it has ended; the service
 * counts what the score deducts for and the decider records the score with the rules it used.
 */
@Injectable()
export class ScoreCommands {
  readonly runner: CommandRunner<MonthlyScoreCommand, MonthlyScoreState>;

  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly counter: ScoreCounter,
  ) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<MonthlyScoreCommand, MonthlyScoreState, MonthlyScoreEvent>({
      ledger: deps.ledger,
      decider: createScoreDecider({ calendar: deps.calendar, deductions: scoreRulesOf(deps).perCount }),
      clock: deps.clock,
      authorise: (command) =>
        authoriseCommand(
          command.metadata.actor,
          command.type,
          { department: (command.data as { department: string }).department },
          tree,
        ),
    });
  }

  /** The policy first (nobody else makes the service count), then the counts, then the decider. */
  async lockMonthlyScore(
    request: ParsedRequestOf<typeof supervision.lockMonthlyScore>,
    { headers, subject }: Message,
  ): Promise<CommandReply> {
    const actor = actorOf(headers, subject);
    authoriseCommand(actor, 'LockMonthlyScore', { department: request.department }, this.deps.directory.tree);
    const head = (await this.deps.ledger.head()).position;
    const behind = await this.counter.caughtUp();
    const { complete, refs, ...counts } = await this.counter.counts(request.department, request.month, head);
    if (!complete) behind.push('monitoring-warnings');
    if (behind.length > 0) throw new ScoreCountsBehind(request.department, request.month, behind);
    const handled = await this.runner.run(
      scoreStreamName(request.department, request.month),
      'LockMonthlyScore',
      { ...request, counts, refs },
      { subject, headers, actor },
    );
    return replyOf(handled);
  }
}
