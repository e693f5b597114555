import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Decider } from '../../shared/decider';
import { recordedBy } from '../../shared/recorded-by';
import {
  isAfter,
  requireDepartmentStaff,
  requireMonitorOrSupervisor,
  requireReason,
  requireSystem,
  unknownCommand,
  validated,
  workingDays,
  workingDaysOption,
} from '../guards';
import {
  type SupervisionOrderCommand,
  supervisionOrderCommandSchemas,
  type ValidSupervisionOrderCommand,
} from './commands';
import {
  NotTheIssuingRole,
  ReplyDeadlineNotPassed,
  SupervisionOrderAlreadyAnswered,
  SupervisionOrderAlreadyClosed,
  SupervisionOrderAlreadyIssued,
  SupervisionOrderNotAnswered,
  SupervisionOrderNotFound,
  SupervisionOrderOverdueAlreadyFlagged,
} from './errors';
import type { SupervisionOrderEvent } from './events';
import {
  evolveSupervisionOrder,
  type IssuedSupervisionOrderState,
  initialSupervisionOrderState,
  type SupervisionOrderState,
} from './state';

export interface SupervisionOrderDeciderOptions {
  calendar: WorkingCalendar;
  /** Reply limit in working days when the order does not set one. Default 5. */
  replyWorkingDays?: number;
}

export interface SupervisionOrderRules {
  calendar: WorkingCalendar;
  replyWorkingDays: number;
}

export const DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS = 5;

export type SupervisionOrderDecider = Decider<
  SupervisionOrderCommand,
  SupervisionOrderState,
  SupervisionOrderEvent
>;

/**
 * The supervision order (督办单, stream `order-<id>`): issued by a monitor or supervisor on a department (and
 * optionally one of its cases), answered by that department, closed by the issuing side. The calendar only
 * computes `replyBy`, recorded in `SupervisionOrderIssued`.
 */
export function createSupervisionOrderDecider(
  options: SupervisionOrderDeciderOptions,
): SupervisionOrderDecider {
  const rules: SupervisionOrderRules = {
    calendar: options.calendar,
    replyWorkingDays: workingDaysOption(
      'replyWorkingDays',
      options.replyWorkingDays,
      DEFAULT_SUPERVISION_ORDER_REPLY_WORKING_DAYS,
    ),
  };
  return {
    decide: (command, state) => decideSupervisionOrder(command, state, rules),
    evolve: evolveSupervisionOrder,
    initialState: initialSupervisionOrderState,
  };
}

export function decideSupervisionOrder(
  command: SupervisionOrderCommand,
  state: SupervisionOrderState,
  rules: SupervisionOrderRules,
): SupervisionOrderEvent[] {
  const valid = <T extends SupervisionOrderCommand['type']>(type: T) =>
    validated(supervisionOrderCommandSchemas, type, command);
  switch (command.type) {
    case 'IssueSupervisionOrder':
      return issue(valid('IssueSupervisionOrder'), state, rules);
    case 'AnswerSupervisionOrder':
      return answer(valid('AnswerSupervisionOrder'), requireOpenOrder(state));
    case 'FlagSupervisionOrderOverdue':
      return flagOverdue(valid('FlagSupervisionOrderOverdue'), requireOpenOrder(state));
    case 'CloseSupervisionOrder':
      return close(valid('CloseSupervisionOrder'), requireOpenOrder(state));
    default:
      throw unknownCommand('supervision order', command);
  }
}

function requireOpenOrder(state: SupervisionOrderState): IssuedSupervisionOrderState {
  if (state.status === 'not_issued') throw new SupervisionOrderNotFound();
  if (state.closure) throw new SupervisionOrderAlreadyClosed(state.closure.at);
  return state;
}

/** 督办: a written requirement and a reply limit in working days (the order's own, or the default). */
function issue(
  command: ValidSupervisionOrderCommand<'IssueSupervisionOrder'>,
  state: SupervisionOrderState,
  rules: SupervisionOrderRules,
): SupervisionOrderEvent[] {
  if (state.status !== 'not_issued') throw new SupervisionOrderAlreadyIssued(state.id);
  const { data, metadata } = command;
  const { actor, now } = metadata;
  requireMonitorOrSupervisor(actor, 'issue a supervision order');
  const requirement = requireReason(data.requirement, 'supervision order requirement');
  const replyWorkingDays = data.replyWorkingDays ?? rules.replyWorkingDays;
  return [
    {
      type: 'SupervisionOrderIssued',
      data: {
        id: data.id,
        subject: data.subject,
        requirement,
        replyWorkingDays,
        replyBy: rules.calendar.deadline(now, workingDays(replyWorkingDays)),
        // One role decides who closes it; electronic supervision's orders are the monitor's by default.
        issuerRole: actor.roles.includes('monitor') ? 'monitor' : 'supervisor',
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/** The department answers once, through its officers, reviewers or heads; late answers are recorded so. */
function answer(
  command: ValidSupervisionOrderCommand<'AnswerSupervisionOrder'>,
  order: IssuedSupervisionOrderState,
): SupervisionOrderEvent[] {
  const { data, metadata } = command;
  requireDepartmentStaff(metadata.actor, order.subject.department, 'answer a supervision order');
  if (order.answer) throw new SupervisionOrderAlreadyAnswered(order.answer.at);
  const text = requireReason(data.answer, 'answer to a supervision order');
  return [
    {
      type: 'SupervisionOrderAnswered',
      data: {
        answer: text,
        replyBy: order.replyBy,
        late: isAfter(metadata.now, order.replyBy),
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/** The system marks, once, an order still unanswered after `replyBy` (strictly after). */
function flagOverdue(
  command: ValidSupervisionOrderCommand<'FlagSupervisionOrderOverdue'>,
  order: IssuedSupervisionOrderState,
): SupervisionOrderEvent[] {
  const { actor, now } = command.metadata;
  requireSystem(actor, 'FlagSupervisionOrderOverdue');
  if (order.answer) throw new SupervisionOrderAlreadyAnswered(order.answer.at);
  if (order.replyOverdue) throw new SupervisionOrderOverdueAlreadyFlagged(order.replyOverdue.at);
  if (!isAfter(now, order.replyBy)) throw new ReplyDeadlineNotPassed(order.replyBy, now);
  return [
    {
      type: 'SupervisionOrderReplyOverdue',
      data: { replyBy: order.replyBy, at: now, by: recordedBy(actor) },
    },
  ];
}

/** 办结: the issuing side (a holder of the issuer's role) concludes on the answer. */
function close(
  command: ValidSupervisionOrderCommand<'CloseSupervisionOrder'>,
  order: IssuedSupervisionOrderState,
): SupervisionOrderEvent[] {
  const { data, metadata } = command;
  if (!metadata.actor.roles.includes(order.issuerRole)) {
    throw new NotTheIssuingRole(metadata.actor.id, order.issuerRole);
  }
  if (!order.answer) throw new SupervisionOrderNotAnswered();
  const conclusion = requireReason(data.conclusion, 'closing a supervision order');
  return [
    {
      type: 'SupervisionOrderClosed',
      data: { conclusion, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}
