import { z } from 'zod';
import type { Command } from '../shared/command';
import { multiLine } from '../shared/text';
import { ErasureLegalBasis, SubjectRef } from './events';

export const OrderErasureData = z.object({
  subject: SubjectRef,
  legalBasis: ErasureLegalBasis,
  /** 说理式: why, in words; with `other`, the provision. Never the person's name or numbers. */
  reason: multiLine({ max: 2000 }),
});
export type OrderErasureData = z.infer<typeof OrderErasureData>;

export const RecordErasureData = z.object({
  subject: SubjectRef,
  keysDestroyed: z.number().int().min(0),
});
export type RecordErasureData = z.infer<typeof RecordErasureData>;

export type PersonalDataCommand =
  | Command<'OrderErasure', OrderErasureData>
  | Command<'RecordErasure', RecordErasureData>;

export const personalDataCommandSchemas = {
  OrderErasure: OrderErasureData,
  RecordErasure: RecordErasureData,
} as const;
