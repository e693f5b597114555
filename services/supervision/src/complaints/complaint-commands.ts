import { type ParsedRequestOf, type SupervisionItemReply, supervision } from '@docket/contracts';
import {
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  type ComplaintSubject,
  complaintStreamName,
  createComplaintDecider,
  systemActor,
} from '@docket/domain';
import { authoriseCommand, rootOf } from '@docket/identity';
import {
  actorOf,
  type CommandRunner,
  createCommandRunner,
  type Message,
  replyOf,
  scopedIdempotencyKey,
} from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { NoSuchDepartment } from '../errors';
import { OtherServices } from '../facts/other-services';
import { newComplaintId, withDrawnId } from '../ids';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/**
 * 投诉 (complaint-<id>): submission under a drawn id, then acceptance or decline, handling and the reply,
 * through the one command path. The policy's target is the department complained about; a complaint about
 * the centre as a whole targets the tree's root.
 */
@Injectable()
export class ComplaintCommands {
  readonly runner: CommandRunner<ComplaintCommand, ComplaintState>;
  private readonly actor = systemActor('supervision');

  constructor(
    @Inject(SUPERVISION) private readonly deps: SupervisionDeps,
    private readonly others: OtherServices,
  ) {
    const tree = deps.directory.tree;
    const root = rootOf(tree);
    this.runner = createCommandRunner<ComplaintCommand, ComplaintState, ComplaintEvent>({
      ledger: deps.ledger,
      decider: createComplaintDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      // Every event of a complaint about a case is in that case's history.
      correlationOf: (state) => (state.status === 'not_submitted' ? undefined : state.subject.caseNo),
      authorise: (command, state) => {
        const about =
          command.type === 'SubmitComplaint'
            ? (command.data.subject as ComplaintSubject)
            : state.status === 'not_submitted'
              ? undefined
              : state.subject;
        // No such complaint: the decider answers ComplaintNotFound (404), whoever asks.
        if (about === undefined) return;
        authoriseCommand(
          command.metadata.actor,
          command.type,
          { department: about.department ?? root },
          tree,
        );
      },
    });
  }

  /**
   * 投诉登记. A complaint about a case names the case's department (asked of intake) when it names none, so
   * that it is counted and seen where the case is handled; a case intake does not know is a 404. A retry with the same Idempotency-Key is
   * answered under the id its first attempt drew.
   */
  async submitComplaint(
    request: ParsedRequestOf<typeof supervision.submitComplaint>,
    { headers, subject }: Message,
  ): Promise<SupervisionItemReply> {
    const actor = actorOf(headers, subject);
    const about = await this.withCaseDepartment(request.subject);
    return withDrawnId({
      ledger: this.deps.ledger,
      idempotencyKey: scopedIdempotencyKey({ subject, headers }, actor),
      streamPrefix: 'complaint-',
      draw: () => newComplaintId(this.deps.clock.now()),
      takenCode: 'ComplaintAlreadySubmitted',
      run: async (id) => {
        const handled = await this.runner.run(
          complaintStreamName(id),
          'SubmitComplaint',
          { ...request, subject: about, id },
          {
            subject,
            headers,
            actor,
            channel: request.channel,
            ...(about.caseNo === undefined ? {} : { caseNo: about.caseNo }),
          },
        );
        return { ...replyOf(handled), id };
      },
    });
  }
  /** The timer's flag, as the system, at the instant it looked. */
  async flagOverdue(id: string, now: string, caseNo: string | null): Promise<void> {
    await this.runner.run(
      complaintStreamName(id),
      'FlagComplaintOverdue',
      {},
      {
        subject: 'supervision.timer.FlagComplaintOverdue',
        headers: {},
        actor: this.actor,
        now,
        ...(caseNo === null ? {} : { caseNo }),
      },
    );
  }

  private async withCaseDepartment(about: ComplaintSubject): Promise<ComplaintSubject> {
    // An applicant may complain about any department (scope any): it must be one the centre has.
    if (about.department !== undefined && !this.deps.directory.tree.has(about.department))
      throw new NoSuchDepartment(about.department);
    if (about.caseNo === undefined) return about;
    // Asked even when a department is named: a complaint about a case nobody submitted is a 404.
    const facts = await this.others.caseFacts(about.caseNo);
    return { ...about, department: about.department ?? facts.department };
  }
}
