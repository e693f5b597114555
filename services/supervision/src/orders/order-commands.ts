import { type ParsedRequestOf, type SupervisionItemReply, supervision } from '@docket/contracts';
import {
  createSupervisionOrderDecider,
  type SupervisionOrderCommand,
  type SupervisionOrderEvent,
  type SupervisionOrderState,
  supervisionOrderStreamName,
  systemActor,
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
import { NoSuchDepartment } from '../errors';
import { newSupervisionOrderId, withDrawnId } from '../ids';
import type { SupervisionDeps } from '../supervision-deps';
import { SUPERVISION } from '../tokens';

/**
 * 督办单 (order-<id>): issued under a drawn id by a monitor or supervisor, answered by the department,
 * closed by the issuing side. The policy's target is the order's department.
 */
@Injectable()
export class OrderCommands {
  readonly runner: CommandRunner<SupervisionOrderCommand, SupervisionOrderState>;
  private readonly actor = systemActor('supervision');

  constructor(@Inject(SUPERVISION) private readonly deps: SupervisionDeps) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<SupervisionOrderCommand, SupervisionOrderState, SupervisionOrderEvent>({
      ledger: deps.ledger,
      decider: createSupervisionOrderDecider({ calendar: deps.calendar }),
      clock: deps.clock,
      // Every event of an order about a case is in that case's history.
      correlationOf: (state) => (state.status === 'not_issued' ? undefined : state.subject.caseNo),
      authorise: (command, state) => {
        const department =
          command.type === 'IssueSupervisionOrder'
            ? (command.data.subject as { department: string }).department
            : state.status === 'not_issued'
              ? undefined
              : state.subject.department;
        // No such order: the decider answers SupervisionOrderNotFound (404), whoever asks.
        if (department === undefined) return;
        authoriseCommand(command.metadata.actor, command.type, { department }, tree);
      },
    });
  }

  /** 督办: the id is drawn here; a retry with the same Idempotency-Key is answered under the first one. */
  async issueSupervisionOrder(
    request: ParsedRequestOf<typeof supervision.issueSupervisionOrder>,
    { headers, subject }: Message,
  ): Promise<SupervisionItemReply> {
    const actor = actorOf(headers, subject);
    const caseNo = request.subject.caseNo;
    if (!this.deps.directory.tree.has(request.subject.department))
      throw new NoSuchDepartment(request.subject.department);
    return withDrawnId({
      ledger: this.deps.ledger,
      idempotencyKey: scopedIdempotencyKey({ subject, headers }, actor),
      streamPrefix: 'order-',
      draw: () => newSupervisionOrderId(this.deps.clock.now()),
      takenCode: 'SupervisionOrderAlreadyIssued',
      run: async (id) => {
        const handled = await this.runner.run(
          supervisionOrderStreamName(id),
          'IssueSupervisionOrder',
          { ...request, id },
          { subject, headers, actor, ...(caseNo === undefined ? {} : { caseNo }) },
        );
        return { ...replyOf(handled), id };
      },
    });
  }
  /** The timer's flag, as the system, at the instant it looked. */
  async flagOverdue(id: string, now: string, caseNo: string | null): Promise<void> {
    await this.runner.run(
      supervisionOrderStreamName(id),
      'FlagSupervisionOrderOverdue',
      {},
      {
        subject: 'supervision.timer.FlagSupervisionOrderOverdue',
        headers: {},
        actor: this.actor,
        now,
        ...(caseNo === null ? {} : { caseNo }),
      },
    );
  }
}
