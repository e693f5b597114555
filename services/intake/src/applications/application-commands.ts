import type { intake, ParsedRequestOf, SubmitReply } from '@docket/contracts';
import {
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  applicationStreamName,
  caseNoOfStream,
  createApplicationDecider,
  responsibleDepartment,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import {
  actorOf,
  type CommandRunner,
  createCommandRunner,
  type Message,
  replyOf,
  scopedIdempotencyKey,
} from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { newCaseNo, queryCodeFor, queryCodeHash } from '../case-numbers';
import { CatalogueCommands } from '../catalogue/catalogue-commands';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';

/** 窗口受理: submission and every later intake command, through the one command path. */
@Injectable()
export class ApplicationCommands {
  readonly runner: CommandRunner<ApplicationCommand, ApplicationState>;

  constructor(
    @Inject(INTAKE) private readonly deps: IntakeDeps,
    private readonly catalogue: CatalogueCommands,
  ) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<ApplicationCommand, ApplicationState, ApplicationEvent>({
      ledger: deps.ledger,
      decider: createApplicationDecider({
        calendar: deps.calendar,
        ...(deps.correctionNoticeWorkingDays === undefined
          ? {}
          : { correctionNoticeWorkingDays: deps.correctionNoticeWorkingDays }),
        ...(deps.correctionWindowReminderWorkingDays === undefined
          ? {}
          : { correctionWindowReminderWorkingDays: deps.correctionWindowReminderWorkingDays }),
      }),
      clock: deps.clock,
      authorise: (command, state) => {
        const item = command.type === 'SubmitApplication' ? command.data.item : state.item;
        // No such case: the decider answers ApplicationNotSubmitted (404), whoever asks.
        if (item === undefined) return;
        const applicantUserId = state.submittedByApplicant ? state.submittedBy?.id : undefined;
        authoriseCommand(
          command.metadata.actor,
          command.type,
          { department: responsibleDepartment(item), ...(applicantUserId ? { applicantUserId } : {}) },
          tree,
        );
      },
    });
  }

  /**
   * 申请: the case number is drawn here and the query code derived from it. A retry with the same
   * Idempotency-Key finds the case number its first attempt used, so it is answered, not submitted twice.
   */
  async submit(
    request: ParsedRequestOf<typeof intake.submit>,
    { headers, subject }: Message,
  ): Promise<SubmitReply> {
    const actor = actorOf(headers, subject);
    const key = scopedIdempotencyKey({ subject, headers }, actor);
    const item = await this.catalogue.currentItem(request.itemCode);
    let caseNo = await this.caseNoOfEarlier(key);
    for (let attempt = 1; ; attempt++) {
      const number = caseNo ?? newCaseNo(this.deps.clock.now());
      const queryCode = queryCodeFor(this.deps.queryCodeSecret, number);
      const { itemCode: _, ...submission } = {
        ...request,
        caseNo: number,
        item,
        queryCodeHash: queryCodeHash(queryCode),
      };
      try {
        const handled = await this.runner.run(
          applicationStreamName(number),
          'SubmitApplication',
          submission,
          {
            subject,
            headers,
            actor,
            caseNo: number,
            channel: request.channel,
          },
        );
        return { ...replyOf(handled, number), caseNo: number, queryCode };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || caseNo !== undefined) throw error;
        // The drawn number was taken by another submission: draw again. Or the same request is being
        // retried at the same moment (a double click) and its twin got the key first under its own
        // number: answer with that number, and the ledger answers with the twin's result.
        if (code === 'IdempotencyKeyReused') caseNo = await this.caseNoOfEarlier(key);
        else if (code !== 'ApplicationAlreadySubmitted') throw error;
        if (code === 'IdempotencyKeyReused' && caseNo === undefined) throw error;
      }
    }
  }

  /** The case number a request with this idempotency key was submitted under, if it was. */
  private async caseNoOfEarlier(key: string | undefined): Promise<string | undefined> {
    if (key === undefined) return undefined;
    const earlier = await this.deps.ledger.idempotencyResult(key);
    return earlier === undefined ? undefined : caseNoOfStream(earlier.stream, 'application');
  }
}
