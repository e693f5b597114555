import type { CommandReply, SubmitReply } from '@docket/contracts';
import { AcceptRequest, intake, parseRequest, SubmitRequest } from '@docket/contracts';
import {
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
  applicationStreamName,
  createApplicationDecider,
  type ServiceItemVersion,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import {
  actorOf,
  type CommandRunner,
  createCommandRunner,
  replyOf,
  scopedIdempotencyKey,
} from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { newCaseNo, queryCodeFor, queryCodeHash } from '../case-numbers';
import { CatalogueCommands } from '../catalogue/catalogue-commands';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';

/** The department a case belongs to: the item's, or the lead department of a joint item. */
export const caseDepartment = (item: ServiceItemVersion): string =>
  item.joint?.leadDepartment ?? item.department;

/** The application commands on an existing case, by subject: what they carry and which command they are. */
const caseCommands = {
  [intake.requestCorrection.subject]: { endpoint: intake.requestCorrection, type: 'RequestCorrection' },
  [intake.supplement.subject]: { endpoint: intake.supplement, type: 'SupplementMaterials' },
  [intake.accept.subject]: { endpoint: intake.accept, type: 'AcceptApplication' },
  [intake.decline.subject]: { endpoint: intake.decline, type: 'DeclineApplication' },
  [intake.withdraw.subject]: { endpoint: intake.withdraw, type: 'WithdrawApplication' },
  [intake.deliver.subject]: { endpoint: intake.deliver, type: 'DeliverResult' },
} as const;

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
      decider: createApplicationDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      authorise: (command, state) => {
        const item = command.type === 'SubmitApplication' ? command.data.item : state.item;
        // No such case: the decider answers ApplicationNotSubmitted (404), whoever asks.
        if (item === undefined) return;
        const applicantUserId = state.submittedByApplicant ? state.submittedBy?.id : undefined;
        authoriseCommand(
          command.metadata.actor,
          command.type,
          { department: caseDepartment(item), ...(applicantUserId ? { applicantUserId } : {}) },
          tree,
        );
      },
    });
  }

  /**
   * 申请: the case number is drawn here and the query code derived from it. A retry with the same
   * Idempotency-Key finds the case number its first attempt used, so it is answered, not submitted twice.
   */
  async submit(payload: unknown, headers: Headers, subject: string): Promise<SubmitReply> {
    const request = parseRequest(SubmitRequest, payload);
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
    return earlier?.stream.startsWith('application-')
      ? earlier.stream.slice('application-'.length)
      : undefined;
  }

  /** Every command on an existing case: `{ caseNo, data }` as the contract declares. */
  async onCase(subject: string, payload: unknown, headers: Headers): Promise<CommandReply> {
    const entry = caseCommands[subject as keyof typeof caseCommands];
    if (entry === undefined) throw new Error(`intake serves no command ${subject}`);
    const { caseNo, data } = parseRequest(entry.endpoint.request, payload) as {
      caseNo: string;
      data: object;
    };
    const handled = await this.runner.run(
      applicationStreamName(caseNo),
      entry.type,
      withDefaults(entry.type, caseNo, data),
      {
        subject,
        headers,
        caseNo,
      },
    );
    return replyOf(handled, caseNo);
  }
}

/** 受理通知书: numbered after the case when the clerk does not give the notice's own number. */
function withDefaults(type: string, caseNo: string, data: object): object {
  if (type !== 'AcceptApplication') return data;
  const accept = data as ReturnType<typeof AcceptRequest.parse>;
  return { ...accept, acceptanceDocumentNo: accept.acceptanceDocumentNo ?? `SL-${caseNo}` };
}
