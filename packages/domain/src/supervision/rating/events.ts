import { z } from 'zod';
import { RecordedBy } from '../../shared/recorded-by';
import { Instant } from '../../shared/time';

const recorded = { at: Instant, by: RecordedBy };

/**
 * 好差评 levels: 1 非常满意 (very satisfied), 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 (very dissatisfied).
 * 4 and 5 are bad ratings (差评).
 */
export const RatingLevel = z.number().int().min(1).max(5);
export type RatingLevel = z.infer<typeof RatingLevel>;

export const isBadRating = (level: number): boolean => level >= 4;

/**
 * The rating of one case. A bad one carries `rectifyBy` (computed on submission and recorded, so a replay
 * never needs the calendar) and counts as dissatisfied for the monthly score until an appeal is upheld.
 */
export const RatingSubmitted = z.object({
  type: z.literal('RatingSubmitted'),
  data: z.object({
    caseNo: z.string(),
    level: RatingLevel,
    comment: z.string().optional(),
    department: z.string(),
    closedAt: Instant,
    /** The applicant rated online, or a clerk keyed in the applicant's paper rating (评价器/评价表). */
    enteredBy: z.enum(['applicant', 'clerk']),
    bad: z.boolean(),
    countsAsDissatisfied: z.boolean(),
    rectifyWorkingDays: z.number().int().min(1).optional(),
    rectifyBy: Instant.optional(),
    ...recorded,
  }),
});

/** 回访: a call-back to the applicant after a bad rating; several are allowed. */
export const RatingCallBackRecorded = z.object({
  type: z.literal('RatingCallBackRecorded'),
  data: z.object({ notes: z.string(), ...recorded }),
});

/** 整改: the department's measures; `late` when after `rectifyBy`. */
export const RatingRectificationRecorded = z.object({
  type: z.literal('RatingRectificationRecorded'),
  data: z.object({ measures: z.string(), rectifyBy: Instant, late: z.boolean(), ...recorded }),
});

/** `rectifyBy` passed without a rectification (recorded once, by the system). */
export const RatingRectificationOverdue = z.object({
  type: z.literal('RatingRectificationOverdue'),
  data: z.object({ rectifyBy: Instant, ...recorded }),
});

/** 申诉: the department disputes the bad rating (once). */
export const RatingAppealed = z.object({
  type: z.literal('RatingAppealed'),
  data: z.object({ reason: z.string(), ...recorded }),
});

/** The supervisor's decision on the appeal; an upheld appeal takes the rating out of the score. */
export const RatingAppealDecided = z.object({
  type: z.literal('RatingAppealDecided'),
  data: z.object({
    upheld: z.boolean(),
    reason: z.string(),
    countsAsDissatisfied: z.boolean(),
    ...recorded,
  }),
});

export const RatingEvent = z.discriminatedUnion('type', [
  RatingSubmitted,
  RatingCallBackRecorded,
  RatingRectificationRecorded,
  RatingRectificationOverdue,
  RatingAppealed,
  RatingAppealDecided,
]);
export type RatingEvent = z.infer<typeof RatingEvent>;
export type RatingEventType = RatingEvent['type'];
export const ratingStreamName = (caseNo: string): string => `rating-${caseNo}`;
