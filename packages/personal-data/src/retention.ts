import {
  type ApplicationSubmittedData,
  applicationStreamName,
  type CaseRetention,
  caseClosingEvents,
  retentionErasureReason,
  retentionOf,
  type SubjectDue,
  subjectsDue,
} from '@docket/domain';
import { type EventStore, type RecordedEvent, storedForm } from '@docket/event-store';
import { type ErasureCommandRunner, type ErasureOutcome, erasePersonalData } from './erase';
import { sealedFieldsOf } from './sealed-fields';
import { storedLedgerOf } from './sealed-ledger';
import type { PersonalDataVault } from './vault';

/*
 * 保存期限届满 (PIPL Art. 47 para. 1 item 2): erasing the personal data no catalogue item's retention keeps
 * any longer. The rule (whose data is due, and the reason recorded) is the domain's
 * (catalogue/retention.ts); this reads what it needs from the ledger as stored (ciphertext, never opened)
 * and erases through the same path as an administrator's erasure.
 */

const PAGE = 2_000;
const CLOSING = new Set<string>(caseClosingEvents);
const APPLICATION = applicationStreamName('');

/** What one pass over the ledger found: the cases and whom they name. */
export interface RetentionScan {
  cases: CaseRetention[];
  /** Subjects named by an event of no known case (a complaint about the centre as a whole): never due here. */
  outsideCases: Set<string>;
  /** The last position read: a second look (`namedSince`) starts after it. */
  upTo: bigint | undefined;
  events: number;
}

interface CaseFile {
  caseNo: string;
  itemCode: string;
  retention: CaseRetention['retention'];
  closedAt?: string;
  subjects: Set<string>;
}

/** The subjects whose keys a stored event names; erased keys name no one. */
function subjectsNamedBy(
  event: RecordedEvent,
  subjectOfKey: (keyId: string) => string | undefined,
): string[] {
  return sealedFieldsOf(storedForm(event)).flatMap((field) => subjectOfKey(field.keyId) ?? []);
}

/** One lookup per key in a pass: most keys recur on every event of their case. */
function keyLookup(vault: PersonalDataVault): (keyId: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (keyId) => {
    if (!known.has(keyId)) known.set(keyId, vault.subjectOfKey(keyId));
    return known.get(keyId);
  };
}

/** Reads the ledger once, page by page, as stored; keeps per case only its item's period, closing and subjects. */
export async function scanRetention(ledger: EventStore, vault: PersonalDataVault): Promise<RetentionScan> {
  const stored = storedLedgerOf(ledger);
  const subjectOfKey = keyLookup(vault);
  const files = new Map<string, CaseFile>();
  const outsideCases = new Set<string>();
  let after: bigint | undefined;
  let events = 0;
  for (;;) {
    const page = await stored.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const event of page) {
      events++;
      after = event.position;
      if (event.stream.startsWith(APPLICATION)) {
        if (event.type === 'ApplicationSubmitted') {
          const { caseNo, item } = event.data as ApplicationSubmittedData;
          files.set(caseNo, {
            caseNo,
            itemCode: item.code,
            retention: retentionOf(item),
            subjects: new Set(),
          });
        } else if (CLOSING.has(event.type)) {
          const file = files.get(event.stream.slice(APPLICATION.length));
          if (file !== undefined) file.closedAt = (event.data as { at: string }).at;
        }
      }
      const named = subjectsNamedBy(event, subjectOfKey);
      if (named.length === 0) continue;
      const file = event.correlationId === undefined ? undefined : files.get(event.correlationId);
      for (const subject of named) (file?.subjects ?? outsideCases).add(subject);
    }
    if (page.length < PAGE) break;
  }
  return {
    cases: [...files.values()].map((file) => ({ ...file, subjects: [...file.subjects] })),
    outsideCases,
    // The last event read: a later look starts right after it, and misses nothing appended meanwhile.
    upTo: after,
    events,
  };
}

/** The subjects due at `now`, from a scan. */
export const retentionDue = (scan: RetentionScan, now: string, timeZone?: string): SubjectDue[] =>
  subjectsDue(scan.cases, now, { keptRegardless: scan.outsideCases, ...(timeZone ? { timeZone } : {}) });

/** Subjects named by an event stored after `upTo`: someone who came back between the scan and the erasure. */
export async function namedSince(
  ledger: EventStore,
  vault: PersonalDataVault,
  upTo: bigint | undefined,
): Promise<Set<string>> {
  const stored = storedLedgerOf(ledger);
  const subjectOfKey = keyLookup(vault);
  const named = new Set<string>();
  let after = upTo;
  for (;;) {
    const page = await stored.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const event of page) for (const subject of subjectsNamedBy(event, subjectOfKey)) named.add(subject);
    if (page.length < PAGE) return named;
    after = page[page.length - 1]!.position;
  }
}

export interface RetentionSweep {
  /** Erased, each with the reason recorded. */
  erased: (ErasureOutcome & { reason: string })[];
  /** Due at the scan, but named again since (a new case): kept, and looked at again at the next sweep. */
  cameBack: string[];
  scanned: number;
}

/**
 * One sweep: scan, then erase each subject due as `actor` (the system, or an operator) on the basis
 * `retention_ended`, with the domain's reason. Just before the erasures the ledger's tail is read again,
 * so a person who applied again meanwhile is kept; what is left is the time between that look and the
 * key's destruction (one vault transaction).
 */
export async function sweepRetention(options: {
  ledger: EventStore;
  vault: PersonalDataVault;
  now: string;
  run: ErasureCommandRunner;
  timeZone?: string;
}): Promise<RetentionSweep> {
  const { ledger, vault, run } = options;
  const scan = await scanRetention(ledger, vault);
  const due = retentionDue(scan, options.now, options.timeZone);
  const sweep: RetentionSweep = { erased: [], cameBack: [], scanned: scan.events };
  if (due.length === 0) return sweep;
  const returned = await namedSince(ledger, vault, scan.upTo);
  for (const subject of due) {
    if (returned.has(subject.subject)) {
      sweep.cameBack.push(subject.subject);
      continue;
    }
    const reason = retentionErasureReason(subject);
    const outcome = await erasePersonalData(
      vault,
      { subject: subject.subject, legalBasis: 'retention_ended', reason },
      run,
    );
    sweep.erased.push({ ...outcome, reason });
  }
  return sweep;
}
