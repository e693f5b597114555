import { type EventStore, GENESIS_HASH, type RecordedEvent, recordStringOf } from '@docket/event-store';
import { type ChainScope, chainScopeOf, previousHashes } from '../history/chain-links';

export const CASE_EXPORT_FORMAT = 'docket-case-audit/1';

/**
 * One event as the ledger stores it, with what re-checks its link: `record` is the exact string the
 * hash covers, so `hash = SHA-256("docket/1\n" + previousHash + "\n" + record)`. Positions and revisions
 * are decimal strings (JSON has no 64-bit integers).
 */
export type CaseExportEvent = Omit<RecordedEvent, 'position' | 'revision'> & {
  position: string;
  revision: string;
  record: string;
  previousHash: string;
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
}

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
      genesis: GENESIS_HASH,
      link: 'hash = hex(SHA-256(UTF-8("docket/1\\n" + previousHash + "\\n" + record)))',
      record:
        'stream \\n revision \\n id \\n type \\n schemaVersion \\n occurredAt \\n recordedAt \\n length(metadataJson) in UTF-16 code units \\n metadataJson \\n dataJson',
    },
    events: events.map((e, i) => toExportEvent(e, previous[i]!)),
  };
}

function toExportEvent(e: RecordedEvent, previousHash: string): CaseExportEvent {
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
    record: recordStringOf(e),
    hash: e.hash,
    previousHash,
  };
}

/** The exported event read back as the ledger's event (without its hash): what its record is built from. */
export function recordedEventOf(e: CaseExportEvent): RecordedEvent {
  const { position, revision, record: _record, previousHash: _previous, ...rest } = e;
  return { ...rest, position: BigInt(position), revision: BigInt(revision) };
}
