import {
  type EventStore,
  GENESIS_HASH,
  type HashAlgorithm,
  type RecordedEvent,
  recordStringOf,
} from '@docket/event-store';
import { type ChainScope, chainScopeOf, previousHashes } from '../history/chain-links';

export const CASE_EXPORT_FORMAT = 'docket-case-audit/1';

/**
 * One event as the ledger stores it, with what re-checks its link: `record` is the exact string the
 * hash covers, so `hash = H("docket/1\n" + previousHash + "\n" + record)`, H the hash `chain.hashAlgorithm`
 * names (SHA-256, or SM3 for a 国密 ledger). Positions and revisions are decimal strings (JSON has no
 * 64-bit integers).
 */
export type CaseExportEvent = Omit<RecordedEvent, 'position' | 'revision'> & {
  position: string;
  revision: string;
  record: string;
  previousHash: string;
  /**
   * Sealed personal values shown opened (packages/personal-data): each one's own key (base64url), which
   * opens the stored value in `sealed` and nothing else, so a reader checks that what is shown is what was
   * sealed (`checkCaseExport`). Absent for an erased value (shown as 〔已删除〕) and in a masked export.
   */
  valueKeys?: Record<string, string>;
};

/** 审计文件: one case, self-contained. */
export interface CaseExport<Proofs = unknown> {
  format: typeof CASE_EXPORT_FORMAT;
  caseNo: string;
  exportedAt: string;
  /** The ledger's chain head when the export was taken; the export holds the case up to it. */
  ledgerHead: { position: string | null; hash: string };
  chain: {
    /** `global`: the predecessor is the event at the position before; `stream`: the revision before. */
    scope: ChainScope;
    /**
     * The hash of the links, as the ledger's head records it: `sha256`, or `sm3` (GB/T 32905) for a 国密
     * ledger. An export without it was taken before the choice existed: SHA-256.
     */
    hashAlgorithm?: HashAlgorithm;
    genesis: string;
    link: string;
    record: string;
  };
  events: CaseExportEvent[];
  /**
   * Merkle inclusion proofs of these events against a signed checkpoint of the ledger: filled in by the
   * checkpoints part of this package (`src/checkpoints`), absent when none was asked for.
   */
  proofs?: Proofs;
}

export interface ExportCaseOptions {
  /** When the export is taken (its `exportedAt`); default the system clock. */
  now?: () => Date;
  /**
   * The value keys of an event's sealed personal values (personal-data's `valueKeysOf`), for an export that
   * shows them in full; leave it out for one that masks them.
   */
  valueKeys?: (event: RecordedEvent) => Record<string, string> | undefined;
}

/** How the link formula names each hash for a reader of the file. */
const LINK_HASH_NAMES: Record<HashAlgorithm, string> = { sha256: 'SHA-256', sm3: 'SM3' };

/** Exports a case as the ledger holds it now: head first, then the case up to that head. */
export async function exportCase(
  ledger: EventStore,
  caseNo: string,
  options: ExportCaseOptions = {},
): Promise<CaseExport> {
  const exportedAt = (options.now ?? (() => new Date()))().toISOString();
  const head = await ledger.head();
  const events =
    head.position === undefined ? [] : await ledger.readCorrelated(caseNo, { upTo: head.position });
  const scope = chainScopeOf(ledger);
  const previous = await previousHashes(ledger, events, scope);
  return {
    format: CASE_EXPORT_FORMAT,
    caseNo,
    exportedAt,
    ledgerHead: { position: head.position?.toString() ?? null, hash: head.hash },
    chain: {
      scope,
      hashAlgorithm: ledger.hashAlgorithm,
      genesis: GENESIS_HASH,
      link: `hash = hex(${LINK_HASH_NAMES[ledger.hashAlgorithm]}(UTF-8("docket/1\\n" + previousHash + "\\n" + record)))`,
      record:
        'stream \\n revision \\n id \\n type \\n schemaVersion \\n occurredAt \\n recordedAt \\n length(metadataJson) in UTF-16 code units \\n metadataJson \\n dataJson',
    },
    events: events.map((e, i) => toExportEvent(e, previous[i]!, options.valueKeys?.(e))),
  };
}

function toExportEvent(
  e: RecordedEvent,
  previousHash: string,
  valueKeys: Record<string, string> | undefined,
): CaseExportEvent {
  return {
    position: e.position.toString(),
    stream: e.stream,
    revision: e.revision.toString(),
    id: e.id,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: e.actor,
    ...(e.channel !== undefined ? { channel: e.channel } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    ...(e.correlationId !== undefined ? { correlationId: e.correlationId } : {}),
    ...(e.causationId !== undefined ? { causationId: e.causationId } : {}),
    ...(e.traceContext !== undefined ? { traceContext: e.traceContext } : {}),
    data: e.data,
    // Personal values shown opened (or erased): their stored form, which the record and hash cover.
    ...(e.sealed !== undefined ? { sealed: e.sealed } : {}),
    ...(valueKeys !== undefined ? { valueKeys } : {}),
    record: recordStringOf(e),
    hash: e.hash,
    previousHash,
  };
}

/** The exported event read back as the ledger's event (without its hash): what its record is built from. */
export function recordedEventOf(e: CaseExportEvent): RecordedEvent {
  const { position, revision, record: _record, previousHash: _previous, valueKeys: _keys, ...rest } = e;
  return { ...rest, position: BigInt(position), revision: BigInt(revision) };
}
