import { people } from '@docket/case-fixtures';
import { createDepartmentTree, demoDepartments } from '@docket/identity';
import type { ReadModelStore } from '@docket/projections';
import { type InboxQuery, inbox } from '../src';

export const tree = createDepartmentTree(demoDepartments);
export const asHead = { actor: people.head, tree };
export const page = { offset: 0, limit: 20 };

export const person = (name: string, idNumber: string, phone: string) => ({
  type: 'person' as const,
  name,
  idType: 'resident_id' as const,
  idNumber,
  phone,
  address: '上海市黄浦区南京东路100号',
});

/** Work as the inbox lists it, reduced to what a test compares. */
export const work = (items: { id: string; department: string; role: string; stepName: string | null }[]) =>
  items.map(({ id, department, role, stepName }) => ({ id, department, role, stepName }));

/** Every piece of open work the inbox lists for the query (one page wide enough for these tests). */
export const openWork = async (store: ReadModelStore, query: InboxQuery) => (await inbox(store, query)).items;
