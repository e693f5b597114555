import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Decider } from '../../shared/decider';
import { recordedBy } from '../../shared/recorded-by';
import { isAfter, optional, unknownCommand, validated, workingDays, workingDaysOption } from '../guards';
import { type RatingCommand, ratingCommandSchemas, type ValidRatingCommand } from './commands';
import {
  CaseAlreadyRated,
  NotTheCaseApplicant,
  RatingBeforeCaseClosed,
  RatingNotBad,
  RatingNotFound,
} from './errors';
import { isBadRating, type RatingEvent } from './events';
import {
  appealRating,
  decideRatingAppeal,
  flagRectificationOverdue,
  recordCallBack,
  recordRectification,
} from './follow-up';
import { evolveRating, initialRatingState, type RatedState, type RatingState } from './state';

export interface RatingDeciderOptions {
  calendar: WorkingCalendar;
  /** Working days after a bad rating within which the department rectifies. Default 5. */
  rectifyWorkingDays?: number;
}

export interface RatingRules {
  calendar: WorkingCalendar;
  rectifyWorkingDays: number;
}

export const DEFAULT_RATING_RECTIFY_WORKING_DAYS = 5;

export type RatingDecider = Decider<RatingCommand, RatingState, RatingEvent>;

/**
 * The rating of a case (好差评, stream `rating-<caseNo>`): one per case; a bad one (4, 5) is followed by
 * call-backs, the department's rectification within the limit, and possibly an appeal. The calendar only
 * computes `rectifyBy`, recorded in `RatingSubmitted`.
 */
export function createRatingDecider(options: RatingDeciderOptions): RatingDecider {
  const rules: RatingRules = {
    calendar: options.calendar,
    rectifyWorkingDays: workingDaysOption(
      'rectifyWorkingDays',
      options.rectifyWorkingDays,
      DEFAULT_RATING_RECTIFY_WORKING_DAYS,
    ),
  };
  return {
    decide: (command, state) => decideRating(command, state, rules),
    evolve: evolveRating,
    initialState: initialRatingState,
  };
}

export function decideRating(command: RatingCommand, state: RatingState, rules: RatingRules): RatingEvent[] {
  const valid = <T extends RatingCommand['type']>(type: T) => validated(ratingCommandSchemas, type, command);
  switch (command.type) {
    case 'RateService':
      return rateService(valid('RateService'), state, rules);
    case 'RecordCallBack':
      return recordCallBack(valid('RecordCallBack'), requireBadRating(state));
    case 'RecordRectification':
      return recordRectification(valid('RecordRectification'), requireBadRating(state));
    case 'FlagRectificationOverdue':
      return flagRectificationOverdue(valid('FlagRectificationOverdue'), requireBadRating(state));
    case 'AppealRating':
      return appealRating(valid('AppealRating'), requireBadRating(state));
    case 'DecideRatingAppeal':
      return decideRatingAppeal(valid('DecideRatingAppeal'), requireBadRating(state));
    default:
      throw unknownCommand('rating', command);
  }
}

/** Every command after the rating concerns a bad one: a good rating has nothing to follow up. */
function requireBadRating(state: RatingState): RatedState & { rectifyBy: string } {
  if (state.status === 'not_rated') throw new RatingNotFound();
  if (!state.bad || state.rectifyBy === undefined) throw new RatingNotBad(state.level);
  return state as RatedState & { rectifyBy: string };
}

/**
 * 评价: once per case, after it closed, by its applicant (their account must be the case's) or by a window
 * clerk keying in a paper rating. A bad rating gets `rectifyBy`, counted in working days from the rating.
 */
function rateService(
  command: ValidRatingCommand<'RateService'>,
  state: RatingState,
  rules: RatingRules,
): RatingEvent[] {
  if (state.status === 'rated') throw new CaseAlreadyRated(state.caseNo, state.ratedAt);
  const { data, metadata } = command;
  const { actor, now } = metadata;
  const enteredBy = enteredByOf(actor, data.applicantUserId);
  if (isAfter(data.closedAt, now)) throw new RatingBeforeCaseClosed(data.closedAt, now);
  const bad = isBadRating(data.level);
  const comment = data.comment?.trim() || undefined;
  return [
    {
      type: 'RatingSubmitted',
      data: {
        caseNo: data.caseNo,
        level: data.level,
        ...optional('comment', comment),
        department: data.department,
        closedAt: data.closedAt,
        enteredBy,
        bad,
        countsAsDissatisfied: bad,
        ...(bad
          ? {
              rectifyWorkingDays: rules.rectifyWorkingDays,
              rectifyBy: rules.calendar.deadline(now, workingDays(rules.rectifyWorkingDays)),
            }
          : {}),
        at: now,
        by: recordedBy(actor),
      },
    },
  ];
}

function enteredByOf(
  actor: ValidRatingCommand<'RateService'>['metadata']['actor'],
  applicantUserId: string | undefined,
): 'applicant' | 'clerk' {
  if (actor.roles.includes('clerk')) return 'clerk';
  if (actor.roles.includes('applicant') && applicantUserId !== undefined && applicantUserId === actor.id) {
    return 'applicant';
  }
  throw new NotTheCaseApplicant(actor.id);
}
