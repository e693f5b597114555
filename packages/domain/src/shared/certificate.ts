import { z } from 'zod';
import { LocalDate } from './time';

/** 证照: the certificate an approval issues. */
export const Certificate = z.object({
  name: z.string().trim().min(1).max(200),
  number: z.string().trim().min(1).max(100),
  validUntil: LocalDate.optional(),
});
export type Certificate = z.infer<typeof Certificate>;
