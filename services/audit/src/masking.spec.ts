import { maskIdNumber, maskPhone } from '@docket/identity';
import { describe, expect, it } from 'vitest';
import { collectPersonalData, maskPersonalData } from './masking';

const person = {
  type: 'person',
  name: '张三',
  idType: 'resident_id',
  idNumber: '310101199001011234',
  phone: '13912345678',
  address: '上海市黄浦区南京东路100号',
};
const company = {
  type: 'company',
  name: '上海小笼包餐饮有限公司',
  idType: 'unified_social_credit_code',
  idNumber: '91310101MA1FL0000X',
  phone: '13800000000',
  address: '上海市黄浦区福州路1号',
};

describe('personal data of a case', () => {
  it('is found by field name at any depth; a company’s credit code and address are public', () => {
    const found = collectPersonalData([
      { data: { applicant: { ...person, agent: { idNumber: 'E12345678', phone: '02161234567' } } } },
      { data: { applicant: company } },
      { data: { complainant: { name: '李四', phone: '13700001111' } } },
    ]);
    const values = found.map((p) => `${p.field}:${p.value}`).sort();
    expect(values).toEqual(
      [
        'address:上海市黄浦区南京东路100号',
        'idNumber:310101199001011234',
        'idNumber:E12345678',
        'phone:02161234567',
        'phone:13700001111',
        'phone:13800000000',
        'phone:13912345678',
      ].sort(),
    );
  });

  it('is masked in structured fields and in free text, and the rest is kept as it was', () => {
    const personal = collectPersonalData([{ data: { applicant: person } }]);
    const view = {
      position: 7n,
      applicant: person,
      reason: `已电话联系 ${person.phone} 核实`,
      record: JSON.stringify({ applicant: person }),
      count: 3,
    };
    const masked = maskPersonalData(view, personal);
    expect(masked.position).toBe(7n);
    expect(masked.count).toBe(3);
    expect(masked.applicant.idNumber).toBe(maskIdNumber(person.idNumber));
    expect(masked.applicant.phone).toBe(maskPhone(person.phone));
    expect(masked.applicant.address).toBe('上海市黄浦区***');
    expect(masked.reason).toBe(`已电话联系 ${maskPhone(person.phone)} 核实`);
    expect(masked.record).not.toContain(person.idNumber);
    expect(masked.applicant.name).toBe('张三');
    expect(view.applicant.idNumber).toBe(person.idNumber); // a copy: the original is untouched
  });

  it('shows the disclosed fields in full and masks the others', () => {
    const personal = collectPersonalData([{ data: { applicant: person } }]);
    const masked = maskPersonalData({ applicant: person }, personal, new Set(['phone'] as const));
    expect(masked.applicant.phone).toBe(person.phone);
    expect(masked.applicant.idNumber).toBe(maskIdNumber(person.idNumber));
  });
});
