import { z } from 'zod';
import { singleLine } from './text';
import { LocalDate } from './time';

/** 证照: the certificate an approval issues, as recorded (events, and the decision intake copies). */
export const Certificate = z.object({
  name: z.string().trim().min(1).max(200),
  number: z.string().trim().min(1).max(100),
  validUntil: LocalDate.optional(),
});
export type Certificate = z.infer<typeof Certificate>;

/** 证照 as the deciding head types it: its name and number follow the text rule (text.ts). */
export const TypedCertificate = Certificate.extend({
  name: singleLine({ max: 200 }),
  number: singleLine({ max: 100 }),
});
