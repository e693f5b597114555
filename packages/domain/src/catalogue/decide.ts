import type { CommandMetadata } from '../shared/command';
import { InvalidCommand, ReasonRequired } from '../shared/errors';
import { recordedBy } from '../shared/recorded-by';
import type { ServiceItemCommand } from './commands';
import { DefineServiceItemData, ReviseServiceItemData, WithdrawServiceItemData } from './commands';
import {
  CodeMismatch,
  NotAnAdministrator,
  ServiceItemAlreadyDefined,
  ServiceItemNotDefined,
  ServiceItemWithdrawn,
} from './errors';
import type { ServiceItemEvent } from './events';
import { parseCommand } from './parse-command';
import { assertServiceItemRules } from './rules';
import type { ServiceItemVersion } from './service-item';
import type { CatalogueItemState } from './state';

const requireAdministrator = (metadata: CommandMetadata) => {
  if (!metadata.actor.roles.includes('admin'))
    throw new NotAnAdministrator(metadata.actor.id, 'maintain the service catalogue');
};

/** The item a revision or withdrawal applies to: defined, not withdrawn, and the one the command names. */
function liveItem(state: CatalogueItemState, code: string): ServiceItemVersion {
  if (state.current === undefined) throw new ServiceItemNotDefined(code);
  if (state.current.code !== code) throw new CodeMismatch(state.current.code, code);
  if (state.status === 'withdrawn') throw new ServiceItemWithdrawn(code);
  return state.current;
}

export function defineServiceItem(
  command: ServiceItemCommand,
  state: CatalogueItemState,
): ServiceItemEvent[] {
  const { data, metadata } = parseCommand(DefineServiceItemData, command);
  requireAdministrator(metadata);
  // A withdrawn code stays taken: reusing it would mix two items' histories in one stream.
  if (state.current !== undefined) throw new ServiceItemAlreadyDefined(state.current.code);
  assertServiceItemRules(data.item);
  return [
    {
      type: 'ServiceItemDefined',
      data: { item: { ...data.item, version: 1 }, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}

export function reviseServiceItem(
  command: ServiceItemCommand,
  state: CatalogueItemState,
): ServiceItemEvent[] {
  const { data, metadata } = parseCommand(ReviseServiceItemData, command);
  requireAdministrator(metadata);
  const current = liveItem(state, data.item.code);
  const note = data.note?.trim() ?? '';
  if (note === '') throw new ReasonRequired('revising a service item (change note)');
  assertServiceItemRules(data.item);
  return [
    {
      type: 'ServiceItemRevised',
      data: {
        item: { ...data.item, version: current.version + 1 },
        note,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

export function withdrawServiceItem(
  command: ServiceItemCommand,
  state: CatalogueItemState,
): ServiceItemEvent[] {
  const { data, metadata } = parseCommand(WithdrawServiceItemData, command);
  requireAdministrator(metadata);
  liveItem(state, data.code);
  const reason = data.reason?.trim() ?? '';
  if (reason === '') throw new ReasonRequired('withdrawing a service item');
  return [
    {
      type: 'ServiceItemWithdrawn',
      data: { code: data.code, reason, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}

export function decideServiceItem(
  command: ServiceItemCommand,
  state: CatalogueItemState,
): ServiceItemEvent[] {
  switch (command.type) {
    case 'DefineServiceItem':
      return defineServiceItem(command, state);
    case 'ReviseServiceItem':
      return reviseServiceItem(command, state);
    case 'WithdrawServiceItem':
      return withdrawServiceItem(command, state);
    default:
      throw new InvalidCommand([`unknown command type ${String((command as { type: unknown }).type)}`]);
  }
}
