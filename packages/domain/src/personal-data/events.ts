import { z } from 'zod';
import type { DomainEvent } from '../shared/decider';
import { RecordedBy } from '../shared/recorded-by';
import { Instant } from '../shared/time';

/**
 * Why personal data is erased: the cases of PIPL Art. 47 (个人信息保护法 第四十七条), where the handler
 * must erase on its own initiative, and the data subject's request (the same article: 个人信息处理者未删除的,
 * 个人有权请求删除).
 * - `purpose_fulfilled`: 处理目的已实现、无法实现或者为实现处理目的不再必要 (item 1);
 * - `retention_ended`: 保存期限已届满 (item 2);
 * - `consent_withdrawn`: 个人撤回同意 (item 3);
 * - `unlawful_processing`: 违反法律、行政法规或者违反约定处理个人信息 (item 4);
 * - `subject_request`: the person asked (the article's second sentence);
 * - `other`: 法律、行政法规规定的其他情形 (item 5): the reason names the provision.
 */
export const ErasureLegalBasis = z.enum([
  'purpose_fulfilled',
  'retention_ended',
  'consent_withdrawn',
  'unlawful_processing',
  'subject_request',
  'other',
]);
export type ErasureLegalBasis = z.infer<typeof ErasureLegalBasis>;

/**
 * A data subject as the ledger names them: a keyed hash of what identifies them (`person-…` an ID document,
 * `user-…` an account, `contact-…` a name and phone number, `stream-…` the one stream a value belongs to),
 * never the identifier itself. packages/personal-data makes these references; the domain only checks their
 * shape.
 */
export const SubjectRef = z
  .string()
  .regex(/^(person|user|contact|stream)-[0-9a-f]{32}$/, 'a subject reference');
export type SubjectRef = z.infer<typeof SubjectRef>;

/** 删除决定: who ordered the erasure of a subject's personal data, on what basis, and why. */
export const PersonalDataErasureOrderedData = z.object({
  subject: SubjectRef,
  legalBasis: ErasureLegalBasis,
  reason: z.string(),
  at: Instant,
  by: RecordedBy,
});
export type PersonalDataErasureOrderedData = z.infer<typeof PersonalDataErasureOrderedData>;

/**
 * 已删除: the subject's keys were destroyed (`keysDestroyed`: how many; 0 when none was left, a second
 * erasure of a subject who came back gives 1 again). From this event on every read of the subject's values
 * gives the marker, and the services rebuild their read models when they see it.
 */
export const PersonalDataErasedData = z.object({
  subject: SubjectRef,
  keysDestroyed: z.number().int().min(0),
  at: Instant,
  by: RecordedBy,
});
export type PersonalDataErasedData = z.infer<typeof PersonalDataErasedData>;

export type PersonalDataEvent =
  | DomainEvent<'PersonalDataErasureOrdered', PersonalDataErasureOrderedData>
  | DomainEvent<'PersonalDataErased', PersonalDataErasedData>;

/** The event a service rebuilds its read models on: the keys are gone when it is recorded. */
export const PERSONAL_DATA_ERASED = 'PersonalDataErased';

/** `personal-data-<subjectRef>`: one stream per data subject, its erasures. */
export const personalDataStreamName = (subject: string): string => `personal-data-${subject}`;
