import { parseCheckpoint, type SignedCheckpoint } from './checkpoint';
import { type EventInclusionProof, inclusionProofsFor } from './inclusion';
import type { TrustedKeys } from './keys';
import type { CheckpointLedger } from './ledger-tree';
import { type ExportedEvent, verifyInclusion } from './verify-inclusion';

/**
 * The `proofs` of a case export: the checkpoint they lead to, carried along so that the file is all an
 * outside party needs besides the centre's public keys, and one inclusion proof per event it signed.
 * Events recorded after the checkpoint have none yet: a later checkpoint covers them.
 */
export interface CaseExportProofs {
  checkpoint: SignedCheckpoint;
  events: EventInclusionProof[];
}

/** Proofs for those of the export's events that the checkpoint signed (positions 1..size). */
export async function caseExportProofs(
  ledger: CheckpointLedger,
  events: readonly { position: string | bigint | number }[],
  checkpoint: SignedCheckpoint,
): Promise<CaseExportProofs> {
  const positions = events.map((e) => BigInt(e.position)).filter((p) => p <= BigInt(checkpoint.size));
  return { checkpoint, events: await inclusionProofsFor(ledger, positions, checkpoint) };
}

export type CaseExportProofCheck =
  | { ok: true; proven: number /** Positions after the checkpoint: not (yet) signed. */; unproven: string[] }
  | { ok: false; position?: string; reason: string };

/**
 * For an outside party holding the export file: every event up to the checkpoint's size is, field for
 * field, an event of the ledger the centre signed. `checkContent: false` for an export with masked data.
 */
export function verifyCaseExportProofs(
  exported: { events: readonly ExportedEvent[]; proofs?: unknown },
  trusted: TrustedKeys,
  options: { checkContent?: boolean } = {},
): CaseExportProofCheck {
  const proofs = exported.proofs as CaseExportProofs | undefined;
  if (!proofs?.checkpoint || !Array.isArray(proofs.events)) {
    return { ok: false, reason: 'the export carries no checkpoint proofs' };
  }
  let checkpoint: SignedCheckpoint;
  try {
    checkpoint = parseCheckpoint(proofs.checkpoint, 'the export’s checkpoint');
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const byPosition = new Map(proofs.events.map((p) => [p.position, p]));
  const unproven: string[] = [];
  let proven = 0;
  for (const event of exported.events) {
    if (event.position === undefined) return { ok: false, reason: `event ${event.id} has no position` };
    const position = Number(event.position);
    if (position > checkpoint.size) {
      unproven.push(String(event.position));
      continue;
    }
    const proof = byPosition.get(position);
    if (!proof) return { ok: false, position: String(position), reason: `no proof for event ${position}` };
    const check = verifyInclusion(event, proof, checkpoint, trusted, options);
    if (!check.ok) return { ok: false, position: String(position), reason: check.reason };
    proven += 1;
  }
  return { ok: true, proven, unproven };
}
