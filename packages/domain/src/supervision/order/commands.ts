import { z } from 'zod';
import type { Command } from '../../shared/command';
import { multiLine } from '../../shared/text';
import { SupervisionOrderSubject } from './events';

/** What supervisors, departments and complainants write: the text rule (shared/text.ts), over lines. */
const text = (max: number) => multiLine({ max });

/** 督办: the id arrives in the data; `replyWorkingDays` defaults to the decider's (5). */
export const IssueSupervisionOrderData = z.object({
  id: z.string().min(1).max(64),
  subject: SupervisionOrderSubject,
  requirement: text(8000).optional(),
  replyWorkingDays: z.number().int().min(1).max(60).optional(),
});
export const AnswerSupervisionOrderData = z.object({ answer: text(8000).optional() });
export const FlagSupervisionOrderOverdueData = z.object({});
export const CloseSupervisionOrderData = z.object({ conclusion: text(8000).optional() });

export const supervisionOrderCommandSchemas = {
  IssueSupervisionOrder: IssueSupervisionOrderData,
  AnswerSupervisionOrder: AnswerSupervisionOrderData,
  FlagSupervisionOrderOverdue: FlagSupervisionOrderOverdueData,
  CloseSupervisionOrder: CloseSupervisionOrderData,
} as const;

type Schemas = typeof supervisionOrderCommandSchemas;
export type SupervisionOrderCommandType = keyof Schemas;
export type SupervisionOrderCommandOf<T extends SupervisionOrderCommandType> = Command<
  T,
  z.input<Schemas[T]>
>;
export type SupervisionOrderCommand = {
  [T in SupervisionOrderCommandType]: SupervisionOrderCommandOf<T>;
}[SupervisionOrderCommandType];
export type ValidSupervisionOrderCommand<T extends SupervisionOrderCommandType> = Command<
  T,
  z.output<Schemas[T]>
>;
