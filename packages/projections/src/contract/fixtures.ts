import type { CollectionSpec, ReadModelDocument, ReadModelStore } from '../read-model-store';

/** The collection every contract test uses: shaped like the case list (办件列表). */
export const CASES: CollectionSpec = {
  name: 'cases',
  indexes: [
    { fields: ['department', 'status'] },
    { fields: ['receivedAt'] },
    { fields: ['applicant'] },
    { fields: ['urgent'] },
    { fields: ['daysLeft'] },
  ],
};

export const OTHER: CollectionSpec = { name: 'inbox', indexes: [{ fields: ['department'] }] };

export interface CaseRow extends ReadModelDocument {
  department: string;
  status: string;
  receivedAt: string;
  applicant?: string | null;
  urgent?: boolean;
  daysLeft?: number | null;
  notes?: string[];
}

export async function seed(store: ReadModelStore, rows: CaseRow[], position = 1n): Promise<void> {
  await store.ensureCollections([CASES, OTHER]);
  await store.applyBatch('case-list', position, (tx) => {
    for (const row of rows) tx.put('cases', row);
  });
}

export function row(id: string, fields: Partial<CaseRow> = {}): CaseRow {
  return {
    id,
    department: 'civil-affairs',
    status: 'accepted',
    receivedAt: '2026-03-02T09:00:00+08:00',
    ...fields,
  };
}
