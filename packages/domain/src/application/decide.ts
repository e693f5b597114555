import { InvalidCommand } from '../shared/errors';
import type { ApplicationCommand } from './commands';
import {
  expireCorrection,
  remindCorrectionWindow,
  requestCorrection,
  submitApplication,
  supplementMaterials,
} from './decide-intake';
import {
  acceptApplication,
  acceptOnReceipt,
  declineApplication,
  withdrawApplication,
} from './decide-outcome';
import { deliverResult, recordDecision } from './decide-result';
import type { ApplicationEvent } from './events';
import type { ApplicationContext } from './guards';
import type { ApplicationState } from './state';

export function decideApplication(
  command: ApplicationCommand,
  state: ApplicationState,
  context: ApplicationContext,
): ApplicationEvent[] {
  switch (command.type) {
    case 'SubmitApplication':
      return submitApplication(command, state, context);
    case 'RequestCorrection':
      return requestCorrection(command, state, context);
    case 'SupplementMaterials':
      return supplementMaterials(command, state);
    case 'ExpireCorrection':
      return expireCorrection(command, state);
    case 'RemindCorrectionWindow':
      return remindCorrectionWindow(command, state);
    case 'AcceptOnReceipt':
      return acceptOnReceipt(command, state, context);
    case 'AcceptApplication':
      return acceptApplication(command, state, context);
    case 'DeclineApplication':
      return declineApplication(command, state);
    case 'WithdrawApplication':
      return withdrawApplication(command, state);
    case 'RecordDecision':
      return recordDecision(command, state);
    case 'DeliverResult':
      return deliverResult(command, state);
    default:
      throw new InvalidCommand([`unknown command type ${String((command as { type: unknown }).type)}`]);
  }
}
