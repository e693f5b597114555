import { z } from 'zod';
import { RecordedBy } from '../../shared/recorded-by';
import { Instant } from '../../shared/time';

const recorded = { at: Instant, by: RecordedBy };

/** A supervision order is about a department, and optionally one of its cases. */
export const SupervisionOrderSubject = z.object({
  caseNo: z.string().min(1).max(64).optional(),
  department: z.string().min(1).max(64),
});
export type SupervisionOrderSubject = z.infer<typeof SupervisionOrderSubject>;

/** Who issued it, and so who closes it: electronic supervision (monitor) or 效能监察 (supervisor). */
export const SupervisionIssuerRole = z.enum(['monitor', 'supervisor']);
export type SupervisionIssuerRole = z.infer<typeof SupervisionIssuerRole>;

/** 督办单 issued: `replyBy` is computed on issue and recorded, so a replay never needs the calendar. */
export const SupervisionOrderIssued = z.object({
  type: z.literal('SupervisionOrderIssued'),
  data: z.object({
    id: z.string(),
    subject: SupervisionOrderSubject,
    requirement: z.string(),
    replyWorkingDays: z.number().int().min(1),
    replyBy: Instant,
    issuerRole: SupervisionIssuerRole,
    ...recorded,
  }),
});

/** The department's answer (办理情况反馈); `late` when after `replyBy`. */
export const SupervisionOrderAnswered = z.object({
  type: z.literal('SupervisionOrderAnswered'),
  data: z.object({ answer: z.string(), replyBy: Instant, late: z.boolean(), ...recorded }),
});

/** `replyBy` passed without an answer (recorded once, by the system). */
export const SupervisionOrderReplyOverdue = z.object({
  type: z.literal('SupervisionOrderReplyOverdue'),
  data: z.object({ replyBy: Instant, ...recorded }),
});

/** 办结: the issuing side's conclusion on the answer. Terminal. */
export const SupervisionOrderClosed = z.object({
  type: z.literal('SupervisionOrderClosed'),
  data: z.object({ conclusion: z.string(), ...recorded }),
});

export const SupervisionOrderEvent = z.discriminatedUnion('type', [
  SupervisionOrderIssued,
  SupervisionOrderAnswered,
  SupervisionOrderReplyOverdue,
  SupervisionOrderClosed,
]);
export type SupervisionOrderEvent = z.infer<typeof SupervisionOrderEvent>;
export type SupervisionOrderEventType = SupervisionOrderEvent['type'];
export const supervisionOrderStreamName = (id: string): string => `order-${id}`;
