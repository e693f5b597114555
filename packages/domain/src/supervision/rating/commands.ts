import { z } from 'zod';
import type { Command } from '../../shared/command';
import { multiLine } from '../../shared/text';
import { Instant } from '../../shared/time';
import { RatingLevel } from './events';

/** What supervisors, departments and complainants write: the text rule (shared/text.ts), over lines. */
const text = (max: number) => multiLine({ max });

/**
 * 评价. The handler fills the case's facts from the case record: its department, when it closed, and the
 * applicant's account (absent when the applicant has none, e.g. applied at the window).
 */
export const RateServiceData = z.object({
  caseNo: z.string().min(1).max(64),
  level: RatingLevel,
  /** Optional; a blank comment is left out. */
  comment: text(2000).optional(),
  department: z.string().min(1).max(64),
  closedAt: Instant,
  applicantUserId: z.string().min(1).max(128).optional(),
});
export const RecordCallBackData = z.object({ notes: text(8000).optional() });
export const RecordRectificationData = z.object({ measures: text(8000).optional() });
export const FlagRectificationOverdueData = z.object({});
export const AppealRatingData = z.object({ reason: text(4000).optional() });
export const DecideRatingAppealData = z.object({ upheld: z.boolean(), reason: text(4000).optional() });

export const ratingCommandSchemas = {
  RateService: RateServiceData,
  RecordCallBack: RecordCallBackData,
  RecordRectification: RecordRectificationData,
  FlagRectificationOverdue: FlagRectificationOverdueData,
  AppealRating: AppealRatingData,
  DecideRatingAppeal: DecideRatingAppealData,
} as const;

type Schemas = typeof ratingCommandSchemas;
export type RatingCommandType = keyof Schemas;
export type RatingCommandOf<T extends RatingCommandType> = Command<T, z.input<Schemas[T]>>;
export type RatingCommand = { [T in RatingCommandType]: RatingCommandOf<T> }[RatingCommandType];
export type ValidRatingCommand<T extends RatingCommandType> = Command<T, z.output<Schemas[T]>>;
