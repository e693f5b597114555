import { join } from 'node:path';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import type { ReadModelDocument, ReadModelStore, ReadModelTransaction } from '../src/read-model-store';
import type { Projection } from '../src/runner';
import { openSqliteReadModelStore } from '../src/sqlite';

/**
 * A small projection written for these tests only (no @docket/domain): a per-stream event counter
 * (read-modify-write, so an event applied twice shows) and a "cases by status" list driven by made-up
 * case events.
 */
export interface StreamCounter extends ReadModelDocument {
  events: number;
  lastType: string;
  lastPosition: string;
}

export interface CaseByStatus extends ReadModelDocument {
  department: string;
  status: string;
  revision: number;
}

export const COLLECTIONS = [
  { name: 'streamCounters', indexes: [{ fields: ['events'] }] },
  { name: 'casesByStatus', indexes: [{ fields: ['department', 'status'] }] },
];

export async function applySample(event: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
  const counter = await tx.get<StreamCounter>('streamCounters', event.stream);
  tx.put('streamCounters', {
    id: event.stream,
    events: (counter?.events ?? 0) + 1,
    lastType: event.type,
    lastPosition: String(event.position),
  });
  const data = event.data as { caseNo?: string; department?: string };
  if (data.caseNo === undefined) return;
  switch (event.type) {
    case 'CaseSubmitted':
      tx.put('casesByStatus', {
        id: data.caseNo,
        department: data.department ?? 'unknown',
        status: 'submitted',
        revision: 0,
      });
      break;
    case 'CaseAccepted':
    case 'CaseDecided': {
      const current = await tx.get<CaseByStatus>('casesByStatus', data.caseNo);
      tx.patch('casesByStatus', data.caseNo, {
        status: event.type === 'CaseAccepted' ? 'accepted' : 'decided',
        revision: (current?.revision ?? 0) + 1,
      });
      break;
    }
    case 'CaseWithdrawn':
      tx.delete('casesByStatus', data.caseNo);
      break;
  }
}

export function sampleProjection(overrides: Partial<Projection> = {}): Projection {
  return { name: 'sample', collections: COLLECTIONS, apply: applySample, ...overrides };
}

const ACTOR = { id: 'officer-1', name: '王五', roles: ['officer'], department: 'civil-affairs' };

/** Appends one made-up event; cases cycle through departments. */
export async function append(
  ledger: EventStore,
  stream: string,
  type: string,
  data: object = {},
): Promise<bigint> {
  const result = await ledger.appendToStream(stream, [
    { type, data, occurredAt: '2026-03-02T09:00:00+08:00', actor: ACTOR },
  ]);
  return result.lastPosition;
}

/** A case's life: submitted, accepted, decided (or withdrawn), with a note on another stream. */
export async function caseLife(ledger: EventStore, n: number): Promise<void> {
  const caseNo = `2026-${String(n).padStart(4, '0')}`;
  const department = ['civil-affairs', 'market', 'housing'][n % 3]!;
  const stream = `application-${caseNo}`;
  await append(ledger, stream, 'CaseSubmitted', { caseNo, department });
  await append(ledger, stream, 'CaseAccepted', { caseNo });
  await append(ledger, `audit-${n % 2}`, 'NoteAdded', { text: `note ${n}` });
  await append(ledger, stream, n % 4 === 0 ? 'CaseWithdrawn' : 'CaseDecided', { caseNo });
}

/** Every document of the sample collections, as canonical JSON (sorted keys), for byte comparison. */
export async function dump(store: ReadModelStore): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const { name } of COLLECTIONS) out[name] = await store.find(name, { orderBy: [{ field: 'id' }] });
  return canonical(out);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A ledger file and a read-model file in a fresh directory. */
export function files() {
  const dir = tempDir('docket-projections-');
  const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db'), durability: 'normal' });
  const stores: ReadModelStore[] = [];
  let n = 0;
  return {
    ledger,
    newStore(): ReadModelStore {
      const store = openSqliteReadModelStore({ path: join(dir.path, `read-models-${n++}.db`) });
      stores.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of stores) await store.close();
      await ledger.close();
      dir.cleanup();
    },
  };
}
