import { createDepartmentTree, demoDepartments } from '@docket/identity';
import { people } from './desk';

export const tree = createDepartmentTree(demoDepartments);
export const asHead = { actor: people.head, tree };
export const page = { offset: 0, limit: 20 };

export const company = {
  type: 'company' as const,
  name: '上海小笼包餐饮有限公司',
  idType: 'unified_social_credit_code' as const,
  idNumber: '91310101MA1FL0000X',
  phone: '13800000000',
};
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
