import { chainHash, GENESIS_HASH, recordStringOf } from '@docket/event-store';
import { checkSealedValues } from '@docket/personal-data';
import { type CaseExport, type CaseExportEvent, recordedEventOf } from './case-export';

export type ExportCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; position: string; reason: string };

/**
 * Re-checks an audit file without the ledger, event by event: the record is the one the envelope and
 * data make, the hash links the record to the previous hash, events of the case only, in global order,
 * and where an event's predecessor is in the file too, the two agree. `count` is the events that passed.
 * That the chain goes on to a signed head is what `proofs` shows (the checkpoints part).
 */
export function checkCaseExport(exported: CaseExport): ExportCheck {
  // The hash the file names for its links (SHA-256 when it names none: taken before the choice existed).
  const hashAlgorithm = exported.chain.hashAlgorithm ?? 'sha256';
  // Filled as the walk goes: in global order, an event's predecessor is always met before it.
  const byLink = new Map<string, string>();
  let last: bigint | undefined;
  for (const [count, e] of exported.events.entries()) {
    const fail = (reason: string): ExportCheck => ({ ok: false, count, position: e.position, reason });
    let position: bigint;
    try {
      position = BigInt(e.position);
      if (recordStringOf(recordedEventOf(e)) !== e.record) return fail('record does not match the event');
    } catch {
      return fail('unreadable event');
    }
    // Sealed personal data: the record covers the stored values; each value key proves what is shown.
    const sealedValues = checkSealedValues(e);
    if (sealedValues !== undefined) return fail(sealedValues);
    if (e.correlationId !== exported.caseNo) return fail(`event of another case (${e.correlationId})`);
    if (last !== undefined && position <= last) return fail('out of global order');
    last = position;
    if (chainHash(e.previousHash, e.record, hashAlgorithm) !== e.hash) return fail('hash mismatch');
    const first = exported.chain.scope === 'global' ? position === 1n : e.revision === '0';
    if (first && e.previousHash !== GENESIS_HASH) return fail('the first event must follow the genesis hash');
    const before = byLink.get(linkOf(exported, e, 1n));
    if (before !== undefined && before !== e.previousHash)
      return fail('previous hash differs from the event before');
    byLink.set(linkOf(exported, e, 0n), e.hash);
  }
  return { ok: true, count: exported.events.length };
}

/** The event `back` places before `e` in its chain (global position or stream revision), as a key. */
function linkOf(exported: CaseExport, e: CaseExportEvent, back: bigint): string {
  return exported.chain.scope === 'global'
    ? `${BigInt(e.position) - back}`
    : `${e.stream}\n${BigInt(e.revision) - back}`;
}
