import { recordedBy } from '../../shared/recorded-by';
import { requireReason, requireSupervisor } from '../guards';
import type { ValidComplaintCommand } from './commands';
import {
  AccountabilityAlreadyDecided,
  AccountabilityRequired,
  ComplaintClosed,
  ComplaintNotAccepted,
  FindingAlreadyRecorded,
  FindingNotSubstantiated,
  FindingRequired,
  InvestigationRequired,
} from './errors';
import type { ComplaintEvent } from './events';
import type { SubmittedComplaintState } from './state';

/** Handling happens between acceptance and the reply: declined and replied complaints are closed. */
function requireInHandling(complaint: SubmittedComplaintState): void {
  if (complaint.status === 'declined' || complaint.status === 'closed') {
    throw new ComplaintClosed(complaint.status);
  }
  if (complaint.status !== 'accepted') throw new ComplaintNotAccepted();
}

/** 调查核实: notes of one investigation step; as many as needed before the finding. */
export function recordInvestigation(
  command: ValidComplaintCommand<'RecordInvestigation'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { data, metadata } = command;
  requireSupervisor(metadata.actor, 'record an investigation');
  requireInHandling(complaint);
  if (complaint.finding) throw new FindingAlreadyRecorded(complaint.finding.substantiated);
  const notes = requireReason(data.notes, 'investigation');
  return [
    {
      type: 'ComplaintInvestigationRecorded',
      data: { notes, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}

/** 调查结论: once, after at least one investigation, with the finding written out. */
export function recordFinding(
  command: ValidComplaintCommand<'RecordFinding'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { data, metadata } = command;
  requireSupervisor(metadata.actor, 'record a finding');
  requireInHandling(complaint);
  if (complaint.finding) throw new FindingAlreadyRecorded(complaint.finding.substantiated);
  if (complaint.investigations.length === 0) throw new InvestigationRequired();
  const finding = requireReason(data.finding, 'finding');
  return [
    {
      type: 'ComplaintFindingRecorded',
      data: { substantiated: data.substantiated, finding, at: metadata.now, by: recordedBy(metadata.actor) },
    },
  ];
}

/** 责任追究: once, on a department or one of its officers, only after a substantiated finding. */
export function decideAccountability(
  command: ValidComplaintCommand<'DecideAccountability'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { data, metadata } = command;
  requireSupervisor(metadata.actor, 'decide accountability');
  requireInHandling(complaint);
  if (!complaint.finding) throw new FindingRequired('decide accountability');
  if (!complaint.finding.substantiated) throw new FindingNotSubstantiated();
  if (complaint.accountability) throw new AccountabilityAlreadyDecided(complaint.accountability.measure);
  const reason = requireReason(data.reason, 'accountability decision');
  return [
    {
      type: 'ComplaintAccountabilityDecided',
      data: {
        against: data.against,
        measure: data.measure,
        reason,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/** 答复: after the finding (and, when substantiated, after accountability); closes the complaint. */
export function replyToComplainant(
  command: ValidComplaintCommand<'ReplyToComplainant'>,
  complaint: SubmittedComplaintState,
): ComplaintEvent[] {
  const { data, metadata } = command;
  requireSupervisor(metadata.actor, 'reply to the complainant');
  requireInHandling(complaint);
  if (!complaint.finding) throw new FindingRequired('reply to the complainant');
  if (complaint.finding.substantiated && !complaint.accountability) throw new AccountabilityRequired();
  const reply = requireReason(data.reply, 'reply');
  return [{ type: 'ComplaintReplied', data: { reply, at: metadata.now, by: recordedBy(metadata.actor) } }];
}
