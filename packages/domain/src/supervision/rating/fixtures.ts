/** Test data for the rating specs (not exported, not built). */
import type { Actor } from '../../shared/actor';
import type { Instant } from '../../shared/time';
import {
  allWorkingTimeCalendar,
  applicant,
  at,
  commandsFor,
  eventsFor,
  head,
  monitoring,
  officer,
  plusDays,
  recorded,
  supervisor,
  T0,
} from '../fixtures';
import { ratingCommandSchemas } from './commands';
import { createRatingDecider, type RatingDeciderOptions } from './decide';
import type { RatingEvent } from './events';
import type { RatedState } from './state';

export const ratingDecider = (options: Partial<RatingDeciderOptions> = {}) =>
  createRatingDecider({ calendar: allWorkingTimeCalendar, ...options });

export const command = commandsFor(ratingCommandSchemas);
export const event = eventsFor<RatingEvent>();
export const rated = (state: unknown) => state as RatedState;

/** The case closed at T0; rated two hours later. */
export const rate = (
  level: number,
  actor: Actor = applicant,
  now: Instant = at(2),
  applicantUserId = applicant.id,
) =>
  command(
    'RateService',
    { caseNo: 'C-2026-0001', level, department: 'D-MARKET', closedAt: T0, applicantUserId },
    actor,
    now,
  );

/** Rectification is due 5 working days after the rating. */
export const RECTIFY_BY = plusDays(at(2), 5);

export const given = {
  badRating: (level = 5): RatingEvent =>
    event('RatingSubmitted', {
      caseNo: 'C-2026-0001',
      level,
      comment: '材料来回补了三次',
      department: 'D-MARKET',
      closedAt: T0,
      enteredBy: 'applicant',
      bad: true,
      countsAsDissatisfied: true,
      rectifyWorkingDays: 5,
      rectifyBy: RECTIFY_BY,
      at: at(2),
      by: recorded(applicant),
    }),
  goodRating: (): RatingEvent =>
    event('RatingSubmitted', {
      caseNo: 'C-2026-0001',
      level: 1,
      department: 'D-MARKET',
      closedAt: T0,
      enteredBy: 'applicant',
      bad: false,
      countsAsDissatisfied: false,
      at: at(2),
      by: recorded(applicant),
    }),
  calledBack: (when = at(4), by: Actor = head): RatingEvent =>
    event('RatingCallBackRecorded', {
      notes: '电话回访，申请人反映补正告知不清',
      at: when,
      by: recorded(by),
    }),
  rectified: (when = at(30), late = false): RatingEvent =>
    event('RatingRectificationRecorded', {
      measures: '修订一次性告知单，组织窗口培训',
      rectifyBy: RECTIFY_BY,
      late,
      at: when,
      by: recorded(officer),
    }),
  overdue: (when = plusDays(at(2), 6)): RatingEvent =>
    event('RatingRectificationOverdue', { rectifyBy: RECTIFY_BY, at: when, by: recorded(monitoring) }),
  appealed: (when = at(6)): RatingEvent =>
    event('RatingAppealed', {
      reason: '三次补正均因申请人提交材料错误，已一次性告知',
      at: when,
      by: recorded(officer),
    }),
  appealDecided: (upheld: boolean, when = at(8)): RatingEvent =>
    event('RatingAppealDecided', {
      upheld,
      reason: upheld ? '经核查一次性告知单完整，差评不予采信' : '告知单未列明材料规格，差评成立',
      countsAsDissatisfied: !upheld,
      at: when,
      by: recorded(supervisor),
    }),
};
