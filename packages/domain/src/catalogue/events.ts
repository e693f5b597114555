import { z } from 'zod';
import type { DomainEvent } from '../shared/decider';
import { RecordedBy } from '../shared/recorded-by';
import { Instant } from '../shared/time';
import { ServiceItemVersion } from './service-item';

export const ServiceItemDefinedData = z.object({
  /** Always version 1. */
  item: ServiceItemVersion,
  at: Instant,
  by: RecordedBy,
});
export type ServiceItemDefinedData = z.infer<typeof ServiceItemDefinedData>;

export const ServiceItemRevisedData = z.object({
  /** The whole new version (n + 1): a case keeps the version it was accepted under, so nothing is patched. */
  item: ServiceItemVersion,
  /** What changed and why, for the public change log of the service guide. */
  note: z.string().min(1),
  at: Instant,
  by: RecordedBy,
});
export type ServiceItemRevisedData = z.infer<typeof ServiceItemRevisedData>;

export const ServiceItemWithdrawnData = z.object({
  code: z.string(),
  reason: z.string().min(1),
  at: Instant,
  by: RecordedBy,
});
export type ServiceItemWithdrawnData = z.infer<typeof ServiceItemWithdrawnData>;

export type ServiceItemEvent =
  | DomainEvent<'ServiceItemDefined', ServiceItemDefinedData>
  | DomainEvent<'ServiceItemRevised', ServiceItemRevisedData>
  | DomainEvent<'ServiceItemWithdrawn', ServiceItemWithdrawnData>;

/** `catalogue-<itemCode>`: one stream per service item. */
export const catalogueStreamName = (itemCode: string): string => `catalogue-${itemCode}`;
