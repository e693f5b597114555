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
import { type CommandRunner, createCommandRunner } from '@docket/service-kit';
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

/** 事项目录: define, revise and withdraw service items (administrators of the item's department). */
@Injectable()
export class CatalogueCommands {
  readonly runner: CommandRunner<ServiceItemCommand, CatalogueItemState>;

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

  /** The version a new application is submitted under (decided from the stream, never a read model). */
  async currentItem(code: string): Promise<ServiceItemVersion> {
    const { state } = await this.runner.load(catalogueStreamName(code));
    return serviceItemForIntake(state);
  }
}
