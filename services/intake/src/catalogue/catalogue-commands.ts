import type { CommandReply } from '@docket/contracts';
import { intake, parseRequest } from '@docket/contracts';
import {
  type CatalogueItemState,
  catalogueItemDecider,
  catalogueStreamName,
  domainError,
  type ServiceItemCommand,
  type ServiceItemDefinition,
  type ServiceItemEvent,
  type ServiceItemVersion,
  serviceItemForIntake,
} from '@docket/domain';
import { authoriseCommand } from '@docket/identity';
import type { Headers } from '@docket/messaging';
import { type CommandRunner, createCommandRunner, replyOf } from '@docket/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { IntakeDeps } from '../intake-deps';
import { INTAKE } from '../tokens';

/** An item that names a department the centre does not have: no case of it could ever be handled. */
export const UnknownItemDepartment = domainError(
  'UnknownItemDepartment',
  'rule_broken',
  (department: string) => ({
    message: `the item names department ${department}, which is not in the centre's department tree`,
    details: { department },
  }),
);

const itemDepartments = (item: ServiceItemDefinition): string[] => [
  item.department,
  ...(item.joint ? [item.joint.leadDepartment, ...item.joint.coHandlers.map((c) => c.department)] : []),
];

const catalogueCommands = {
  [intake.defineItem.subject]: { endpoint: intake.defineItem, type: 'DefineServiceItem' },
  [intake.reviseItem.subject]: { endpoint: intake.reviseItem, type: 'ReviseServiceItem' },
  [intake.withdrawItem.subject]: { endpoint: intake.withdrawItem, type: 'WithdrawServiceItem' },
} as const;

/** 事项目录: define, revise and withdraw service items (administrators of the item's department). */
@Injectable()
export class CatalogueCommands {
  private readonly runner: CommandRunner<ServiceItemCommand, CatalogueItemState>;

  constructor(@Inject(INTAKE) deps: IntakeDeps) {
    const tree = deps.directory.tree;
    this.runner = createCommandRunner<ServiceItemCommand, CatalogueItemState, ServiceItemEvent>({
      ledger: deps.ledger,
      decider: catalogueItemDecider,
      clock: deps.clock,
      authorise: (command, state) => {
        const item = command.type === 'WithdrawServiceItem' ? state.current : command.data.item;
        if (item === undefined) return; // the decider answers ServiceItemNotDefined
        authoriseCommand(command.metadata.actor, command.type, { department: item.department }, tree);
        if (command.type !== 'WithdrawServiceItem')
          for (const department of itemDepartments(item))
            if (!tree.has(department)) throw new UnknownItemDepartment(department);
      },
    });
  }

  async handle(subject: string, payload: unknown, headers: Headers): Promise<CommandReply> {
    const entry = catalogueCommands[subject as keyof typeof catalogueCommands];
    if (entry === undefined) throw new Error(`intake serves no catalogue command ${subject}`);
    const data = parseRequest(entry.endpoint.request, payload) as { item?: { code: string }; code?: string };
    const code = data.item?.code ?? data.code ?? '';
    const handled = await this.runner.run(catalogueStreamName(code), entry.type, data, { subject, headers });
    return replyOf(handled);
  }

  /** The version a new application is submitted under (decided from the stream, never a read model). */
  async currentItem(code: string): Promise<ServiceItemVersion> {
    const { state } = await this.runner.load(catalogueStreamName(code));
    return serviceItemForIntake(state);
  }
}
