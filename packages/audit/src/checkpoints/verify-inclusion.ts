import {
  chainHash,
  encodeEvent,
  type HashAlgorithm,
  type RecordedEvent,
  recordString,
  storedForm,
} from '@docket/event-store';
import { checkSealedValues } from '@docket/personal-data';
import { checkpointSuite, type SignedCheckpoint, verifyCheckpointSignature } from './checkpoint';
import type { EventInclusionProof } from './inclusion';
import type { TrustedKeys } from './keys';
import { verifyInclusionPath } from './merkle-proofs';

/** An event as a case export holds it: the stored envelope and data, revision possibly as text. */
export type ExportedEvent = Omit<RecordedEvent, 'position' | 'revision'> & {
  revision: bigint | number | string;
  position?: bigint | number | string;
};

export type InclusionCheck = { ok: true } | { ok: false; reason: string };

/**
 * A case export proves every event into one checkpoint: its signature is checked once per checkpoint and
 * key set, not per event (an SM2 check is docket's own BigInt arithmetic, milliseconds each). Keyed by the
 * objects themselves, so another checkpoint, even an equal copy, is checked afresh.
 */
const checkedSignatures = new WeakMap<
  SignedCheckpoint,
  WeakMap<TrustedKeys, ReturnType<typeof verifyCheckpointSignature>>
>();

function signatureOf(checkpoint: SignedCheckpoint, trusted: TrustedKeys) {
  let byKeys = checkedSignatures.get(checkpoint);
  if (byKeys === undefined) {
    byKeys = new WeakMap();
    checkedSignatures.set(checkpoint, byKeys);
  }
  let result = byKeys.get(trusted);
  if (result === undefined) {
    result = verifyCheckpointSignature(checkpoint, trusted);
    byKeys.set(trusted, result);
  }
  return result;
}

/**
 * For an outside party: is this event, as exported, in the ledger the checkpoint signed? Checks the
 * checkpoint's signature, that the event's fields give its chain hash (from the proof's previous hash,
 * exactly as the ledger computed it at append), and that the chain hash's leaf leads to the signed root.
 * `checkContent: false` checks only the hash's place: for an export whose personal data was masked, the
 * fields no longer give the hash.
 */
export function verifyInclusion(
  event: ExportedEvent,
  proof: EventInclusionProof,
  checkpoint: SignedCheckpoint,
  trusted: TrustedKeys,
  options: { checkContent?: boolean } = {},
): InclusionCheck {
  const signature = signatureOf(checkpoint, trusted);
  if (!signature.ok) return { ok: false, reason: signature.reason };
  if (proof.treeSize !== checkpoint.size) {
    return {
      ok: false,
      reason: `the proof is into a tree of ${proof.treeSize}, the checkpoint signed ${checkpoint.size}`,
    };
  }
  if (event.position !== undefined && Number(event.position) !== proof.position) {
    return {
      ok: false,
      reason: `the event is at position ${event.position}, the proof is for ${proof.position}`,
    };
  }
  if (event.hash !== proof.hash)
    return { ok: false, reason: `the event's hash is not the one the proof is for` };
  // The checkpoint names the hash of the chain and of its tree (SHA-256, or SM3 for a 国密 ledger).
  const { hashAlgorithm } = checkpointSuite(checkpoint);
  if (options.checkContent !== false && !fieldsGiveHash(event, proof.previousHash, hashAlgorithm)) {
    return {
      ok: false,
      reason: `event ${proof.position}'s fields do not give its chain hash: it was altered`,
    };
  }
  const path = proof.path.map((h) => Buffer.from(h, 'hex'));
  if (
    !verifyInclusionPath(
      event.hash,
      proof.position - 1,
      proof.treeSize,
      path,
      Buffer.from(checkpoint.treeRoot, 'hex'),
      hashAlgorithm,
    )
  ) {
    return {
      ok: false,
      reason: `event ${proof.position} is not in the tree checkpoint ${checkpoint.size} signed`,
    };
  }
  if (proof.position === checkpoint.size && event.hash !== checkpoint.headHash) {
    return {
      ok: false,
      reason: `event ${proof.position} is the signed head, but its hash is not the signed head hash`,
    };
  }
  return { ok: true };
}

function fieldsGiveHash(event: ExportedEvent, previousHash: string, hashAlgorithm: HashAlgorithm): boolean {
  try {
    // Sealed personal data (packages/personal-data): what is shown must also be what was sealed.
    return (
      chainHashOf(event, previousHash, hashAlgorithm) === event.hash && checkSealedValues(event) === undefined
    );
  } catch {
    // Fields the ledger would never have accepted (encodeEvent refuses them) cannot be what it hashed.
    return false;
  }
}

/** The chain hash the ledger computed for this event: re-encoded exactly as encodeEvent stored it. */
export function chainHashOf(
  shown: ExportedEvent,
  previousHash: string,
  hashAlgorithm: HashAlgorithm = 'sha256',
): string {
  // Sealed personal data (packages/personal-data) is hashed as stored: `sealed` holds it.
  const event = storedForm(shown);
  const encoded = encodeEvent(
    {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      occurredAt: event.occurredAt,
      actor: event.actor,
      ...(event.channel !== undefined ? { channel: event.channel } : {}),
      ...(event.reason !== undefined ? { reason: event.reason } : {}),
      ...(event.correlationId !== undefined ? { correlationId: event.correlationId } : {}),
      ...(event.causationId !== undefined ? { causationId: event.causationId } : {}),
      ...(event.traceContext !== undefined ? { traceContext: event.traceContext } : {}),
    },
    Number.POSITIVE_INFINITY,
  );
  return chainHash(
    previousHash,
    recordString(event.stream, BigInt(event.revision), encoded, event.recordedAt),
    hashAlgorithm,
  );
}
