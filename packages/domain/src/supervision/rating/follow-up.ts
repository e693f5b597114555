import type { Actor } from '../../shared/actor';
import { recordedBy } from '../../shared/recorded-by';
import { NotTheDepartment } from '../errors';
import { isAfter, requireDepartmentStaff, requireReason, requireSupervisor, requireSystem } from '../guards';
import type { ValidRatingCommand } from './commands';
import {
  AppealAlreadyDecided,
  AppealAlreadyMade,
  NoAppealMade,
  NotASupervisorOrHead,
  RectificationAlreadyRecorded,
  RectificationDeadlineNotPassed,
  RectificationNotDue,
  RectificationOverdueAlreadyFlagged,
} from './errors';
import type { RatingEvent } from './events';
import type { RatedState } from './state';

/** A bad rating: it has a rectification deadline. */
type BadRating = RatedState & { rectifyBy: string };

/** 回访 by a supervisor (any department: the gateway checks the subtree) or the rated department's head. */
function requireSupervisorOrHead(actor: Actor, department: string, action: string): void {
  if (actor.roles.includes('supervisor')) return;
  if (!actor.roles.includes('head')) throw new NotASupervisorOrHead(actor.id, action);
  if (actor.department !== department) throw new NotTheDepartment(department, actor.department);
}

export function recordCallBack(
  command: ValidRatingCommand<'RecordCallBack'>,
  rating: BadRating,
): RatingEvent[] {
  const { data, metadata } = command;
  requireSupervisorOrHead(metadata.actor, rating.department, 'record a call-back');
  const notes = requireReason(data.notes, 'call-back');
  return [
    { type: 'RatingCallBackRecorded', data: { notes, at: metadata.now, by: recordedBy(metadata.actor) } },
  ];
}

/** 整改: once, by the department's staff; after `rectifyBy` it is recorded as late. */
export function recordRectification(
  command: ValidRatingCommand<'RecordRectification'>,
  rating: BadRating,
): RatingEvent[] {
  const { data, metadata } = command;
  requireDepartmentStaff(metadata.actor, rating.department, 'record a rectification');
  if (rating.rectification) throw new RectificationAlreadyRecorded(rating.rectification.at);
  const measures = requireReason(data.measures, 'rectification');
  return [
    {
      type: 'RatingRectificationRecorded',
      data: {
        measures,
        rectifyBy: rating.rectifyBy,
        late: isAfter(metadata.now, rating.rectifyBy),
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}

/**
 * The system marks, once, a bad rating not rectified by `rectifyBy` (strictly after). A pending appeal does
 * not stop the clock; an upheld one means nothing is owed.
 */
export function flagRectificationOverdue(
  command: ValidRatingCommand<'FlagRectificationOverdue'>,
  rating: BadRating,
): RatingEvent[] {
  const { actor, now } = command.metadata;
  requireSystem(actor, 'FlagRectificationOverdue');
  if (rating.rectification) throw new RectificationAlreadyRecorded(rating.rectification.at);
  if (rating.appeal?.decision?.upheld) throw new RectificationNotDue();
  if (rating.rectificationOverdue)
    throw new RectificationOverdueAlreadyFlagged(rating.rectificationOverdue.at);
  if (!isAfter(now, rating.rectifyBy)) throw new RectificationDeadlineNotPassed(rating.rectifyBy, now);
  return [
    {
      type: 'RatingRectificationOverdue',
      data: { rectifyBy: rating.rectifyBy, at: now, by: recordedBy(actor) },
    },
  ];
}

/** 申诉: the department's staff dispute a bad rating, once, with a reason. */
export function appealRating(command: ValidRatingCommand<'AppealRating'>, rating: BadRating): RatingEvent[] {
  const { data, metadata } = command;
  requireDepartmentStaff(metadata.actor, rating.department, 'appeal a rating');
  if (rating.appeal) throw new AppealAlreadyMade(rating.appeal.at);
  const reason = requireReason(data.reason, 'appeal');
  return [{ type: 'RatingAppealed', data: { reason, at: metadata.now, by: recordedBy(metadata.actor) } }];
}

/** A supervisor decides the appeal once; upheld, the rating stops counting as dissatisfied. */
export function decideRatingAppeal(
  command: ValidRatingCommand<'DecideRatingAppeal'>,
  rating: BadRating,
): RatingEvent[] {
  const { data, metadata } = command;
  requireSupervisor(metadata.actor, 'decide an appeal against a rating');
  if (!rating.appeal) throw new NoAppealMade();
  if (rating.appeal.decision) throw new AppealAlreadyDecided(rating.appeal.decision.upheld);
  const reason = requireReason(data.reason, 'appeal decision');
  return [
    {
      type: 'RatingAppealDecided',
      data: {
        upheld: data.upheld,
        reason,
        countsAsDissatisfied: !data.upheld,
        at: metadata.now,
        by: recordedBy(metadata.actor),
      },
    },
  ];
}
