import type { ServiceDeps } from '@docket/service-kit';

export interface AuditOptions {
  /** The centre's checkpoint key pair and trusted public keys (generated on first start when missing). */
  keyDir: string;
  /** Where signed checkpoints (`<size>.json`) and the leaf archive are kept. */
  checkpointDir: string;
  /** The ledger's name in every checkpoint: the centre. */
  ledgerId: string;
  /** Sign after this many new events (0 or absent: never by count). */
  checkpointEveryEvents?: number;
  /** Sign this often while events arrive (0 or absent: never by time). */
  checkpointEveryMs?: number;
}

export type AuditDeps = ServiceDeps & AuditOptions;
