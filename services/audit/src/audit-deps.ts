import type { CheckpointSigningKey } from '@docket/audit';
import type { ServiceDeps } from '@docket/service-kit';

export interface AuditOptions {
  /**
   * The centre's trusted public keys, and its checkpoint key pair unless `signingKey` is given (generated
   * on first start when missing). Outside the data directory: see `checkpointPlaces`.
   */
  keyDir: string;
  /** Where signed checkpoints (`<size>.json`) and the leaf archive are kept. */
  checkpointDir: string;
  /** The ledger's name in every checkpoint: the centre. */
  ledgerId: string;
  /** Sign after this many new events (0 or absent: never by count). */
  checkpointEveryEvents?: number;
  /** Sign this often while events arrive (0 or absent: never by time). */
  checkpointEveryMs?: number;
  /** The data directory: a key directory inside it is warned about at start and in the health answer. */
  dataDir?: string;
  /**
   * Where each signed checkpoint is shipped as it is made (`DOCKET_CHECKPOINT_WITNESS`: `dir:<path>`,
   * `http(s)://…`, comma separated). A failing witness is logged, retried and shown in the health answer;
   * it never stops the ledger or the signer.
   */
  checkpointWitness?: string;
  /**
   * How often personal data whose retention has ended is erased (DOCKET_RETENTION_SWEEP_MS; 0 or absent:
   * never). The first look comes a minute after the start (retention-sweep.ts).
   */
  retentionSweepMs?: number;
  /** An external signer (an HSM, a KMS) instead of the key file of `keyDir`. */
  signingKey?: CheckpointSigningKey;
}

export type AuditDeps = ServiceDeps & AuditOptions;
