import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Decider } from '../../shared/decider';
import { recordedBy } from '../../shared/recorded-by';
import {
  hasAnyRole,
  isAfter,
  requireReason,
  requireSupervisor,
  requireSystem,
  unknownCommand,
  validated,
  workingDays,
  workingDaysOption,
} from '../guards';
import { type ComplaintCommand, complaintCommandSchemas, type ValidComplaintCommand } from './commands';
import {
  AcceptanceDeadlineNotPassed,
  ComplaintAlreadyDecided,
  ComplaintAlreadySubmitted,
  ComplaintNotFound,
  ComplaintOverdueAlreadyFlagged,
  NotAComplainantOrSupervisionStaff,
  NotTheComplainant,
  OfflineComplaintNeedsStaff,
} from './errors';
import type { ComplaintEvent } from './events';
import { decideAccountability, recordFinding, recordInvestigation, replyToComplainant } from './handling';
import {
  type ComplaintState,
  evolveComplaint,
  initialComplaintState,
  type SubmittedComplaintState,
} from './state';

export interface ComplaintDeciderOptions {
  calendar: WorkingCalendar;
  /** Working days after submission within which a complaint is accepted or declined. Default 5. */
  acceptWorkingDays?: number;
}

/** The options with every default filled in. */
export interface ComplaintRules {
  calendar: WorkingCalendar;
  acceptWorkingDays: number;
}

export const DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS = 5;

export type ComplaintDecider = Decider<ComplaintCommand, ComplaintState, ComplaintEvent>;

/**
 * The complaint (投诉, stream `complaint-<id>`): submission, acceptance or decline within the limit,
 * investigation, finding, accountability (责任追究) and the reply. The calendar only computes `acceptBy`,
 * which is recorded in `ComplaintSubmitted`; `evolve` never uses it.
 */
export function createComplaintDecider(options: ComplaintDeciderOptions): ComplaintDecider {
  const rules: ComplaintRules = {
    calendar: options.calendar,
    acceptWorkingDays: workingDaysOption(
      'acceptWorkingDays',
      options.acceptWorkingDays,
      DEFAULT_COMPLAINT_ACCEPT_WORKING_DAYS,
    ),
  };
  return {
    decide: (command, state) => decideComplaint(command, state, rules),
    evolve: evolveComplaint,
    initialState: initialComplaintState,
  };
}

/** Validates the command, then hands it to the one small function that decides it. */
export function decideComplaint(
  command: ComplaintCommand,
  state: ComplaintState,
  rules: ComplaintRules,
): ComplaintEvent[] {
  const valid = <T extends ComplaintCommand['type']>(type: T) =>
    validated(complaintCommandSchemas, type, command);
  switch (command.type) {
    case 'SubmitComplaint':
      return submitComplaint(valid('SubmitComplaint'), state, rules);
    case 'AcceptComplaint':
      return decideAcceptance(valid('AcceptComplaint'), requireComplaint(state));
    case 'DeclineComplaint':
      return decideAcceptance(valid('DeclineComplaint'), requireComplaint(state));
    case 'FlagComplaintOverdue':
      return flagComplaintOverdue(valid('FlagComplaintOverdue'), requireComplaint(state));
    case 'RecordInvestigation':
      return recordInvestigation(valid('RecordInvestigation'), requireComplaint(state));
    case 'RecordFinding':
      return recordFinding(valid('RecordFinding'), requireComplaint(state));
    case 'DecideAccountability':
      return decideAccountability(valid('DecideAccountability'), requireComplaint(state));
    case 'ReplyToComplainant':
      return replyToComplainant(valid('ReplyToComplainant'), requireComplaint(state));
    default:
      throw unknownCommand('complaint', command);
  }
}

function requireComplaint(state: ComplaintState): SubmittedComplaintState {
  if (state.status === 'not_submitted') throw new ComplaintNotFound();
  return state;
}

/**
 * 投诉登记. An applicant files online in their own name; a supervisor or monitor takes a complaint down
 * from any channel (phone, visit, letter, or online for someone who cannot). `acceptBy` is counted from
 * submission in working days.
 */
function submitComplaint(
  command: ValidComplaintCommand<'SubmitComplaint'>,
  state: ComplaintState,
  rules: ComplaintRules,
): ComplaintEvent[] {
  if (state.status !== 'not_submitted') throw new ComplaintAlreadySubmitted(state.id);
  const { data, metadata } = command;
  const { actor, now } = metadata;
  const takenDown = hasAnyRole(actor, ['supervisor', 'monitor']);
  let complainant = data.complainant;
  if (!takenDown) {
    if (!actor.roles.includes('applicant')) throw new NotAComplainantOrSupervisionStaff(actor.id);
    if (data.channel !== 'online') throw new OfflineComplaintNeedsStaff(data.channel);
    if (complainant.userId !== undefined && complainant.userId !== actor.id) {
      throw new NotTheComplainant(actor.id, complainant.userId);
    }
    complainant = { ...complainant, userId: actor.id };
  }
  const acceptBy = rules.calendar.deadline(now, workingDays(rules.acceptWorkingDays));
  return [
    {
      type: 'ComplaintSubmitted',
      data: {
        id: data.id,
        channel: data.channel,
        type: data.type,
        subject: data.subject,
        complainant,
        content: data.content,
        takenDown,
        acceptWorkingDays: rules.acceptWorkingDays,
        acceptBy,
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

/** 受理 or 不予受理, once, by a supervisor, with a reason; a decision after `acceptBy` is recorded as late. */
function decideAcceptance(
  command: ValidComplaintCommand<'AcceptComplaint' | 'DeclineComplaint'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { data, metadata } = command;
  const accept = command.type === 'AcceptComplaint';
  requireSupervisor(metadata.actor, accept ? 'accept a complaint' : 'decline a complaint');
  if (complaint.decision) throw new ComplaintAlreadyDecided(complaint.decision.outcome);
  const reason = requireReason(data.reason, accept ? 'accepting a complaint' : 'declining a complaint');
  const decided = {
    reason,
    acceptBy: complaint.acceptBy,
    late: isAfter(metadata.now, complaint.acceptBy),
    at: metadata.now,
    by: recordedBy(metadata.actor),
  };
  return [
    accept ? { type: 'ComplaintAccepted', data: decided } : { type: 'ComplaintDeclined', data: decided },
  ];
}

/** The system marks, once, a complaint still undecided after `acceptBy` (strictly after). */
function flagComplaintOverdue(
  command: ValidComplaintCommand<'FlagComplaintOverdue'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { actor, now } = command.metadata;
  requireSystem(actor, 'FlagComplaintOverdue');
  if (complaint.decision) throw new ComplaintAlreadyDecided(complaint.decision.outcome);
  if (complaint.acceptanceOverdue) throw new ComplaintOverdueAlreadyFlagged(complaint.acceptanceOverdue.at);
  if (!isAfter(now, complaint.acceptBy)) throw new AcceptanceDeadlineNotPassed(complaint.acceptBy, now);
  return [
    {
      type: 'ComplaintAcceptanceOverdue',
      data: { acceptBy: complaint.acceptBy, at: now, by: recordedBy(actor) },
    },
  ];
}
