import { z } from 'zod';
import type { Command } from '../shared/command';
import { multiLine } from '../shared/text';
import { ServiceItemDefinition } from './service-item';

export const DefineServiceItemData = z.object({ item: ServiceItemDefinition });
export type DefineServiceItemData = z.infer<typeof DefineServiceItemData>;

export const ReviseServiceItemData = z.object({
  /** The complete new definition; its code must be the stream's. */
  item: ServiceItemDefinition,
  note: multiLine({ max: 2000 }).optional(),
});
export type ReviseServiceItemData = z.infer<typeof ReviseServiceItemData>;

export const WithdrawServiceItemData = z.object({
  code: z.string().min(1).max(64),
  reason: multiLine({ max: 2000 }).optional(),
});
export type WithdrawServiceItemData = z.infer<typeof WithdrawServiceItemData>;

export type ServiceItemCommand =
  | Command<'DefineServiceItem', DefineServiceItemData>
  | Command<'ReviseServiceItem', ReviseServiceItemData>
  | Command<'WithdrawServiceItem', WithdrawServiceItemData>;
