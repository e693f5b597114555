import { type Applicant, ERASED, systemActor } from '@docket/domain';
import { describe, expect, it } from 'vitest';
import { demoDirectory, demoUsers as u } from './demo';
import { canSeePersonalData, maskAddress, maskApplicant, maskIdNumber, maskPhone } from './masking';

const { tree } = demoDirectory();

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character resident id', () => {
    expect(maskIdNumber('310101199003071234')).toBe('310101********1234');
    expect(maskIdNumber('31010119900307123X')).toBe('310101********123X');
  });

  it('masks at least half of other lengths and keeps the length', () => {
    expect(maskIdNumber('310101900307123')).toBe('310101*****7123'); // old 15-digit id
    expect(maskIdNumber('E12345678')).toBe('E1*****78'); // passport
    expect(maskIdNumber('H123456')).toBe('******6');
    expect(maskIdNumber('123')).toBe('***');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps only the last 4 of a short landline and hides tiny values', () => {
    expect(maskPhone('63211234')).toBe('****1234');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('an erased value (PIPL Art. 47)', () => {
  it('is shown as the marker, not as a masked marker', () => {
    expect(maskIdNumber(ERASED)).toBe(ERASED);
    expect(maskPhone(ERASED)).toBe(ERASED);
    expect(maskAddress(ERASED)).toBe(ERASED);
  });
});

describe('who sees personal data', () => {
  const marketCase = { department: 'huangpu-market', applicantUserId: 'u-applicant-liu' };

  it('the handling chain sees it: window clerk, officer, reviewer, head of the department or above', () => {
    for (const actor of [u.clerk, u.officer, u.reviewer, u.head]) {
      expect(canSeePersonalData(actor, marketCase, tree), actor.id).toBe(true);
    }
    const districtHead = {
      id: 'u-head-district',
      name: '区领导',
      roles: ['head' as const],
      department: 'huangpu',
    };
    expect(canSeePersonalData(districtHead, 'huangpu-market', tree)).toBe(true);
  });

  it('co-handlers of a joint case see it; other departments do not', () => {
    expect(canSeePersonalData(u.planningOfficer, 'huangpu-market', tree)).toBe(false);
    expect(
      canSeePersonalData(
        u.planningOfficer,
        { department: 'huangpu-market', coHandlers: ['huangpu-planning'] },
        tree,
      ),
    ).toBe(true);
    expect(canSeePersonalData(u.streetClerk, 'huangpu-market', tree)).toBe(false);
  });

  it('monitors, supervisors, auditors and administrators see masked data', () => {
    for (const actor of [u.monitor, u.supervisor, u.auditor, u.admin]) {
      expect(canSeePersonalData(actor, marketCase, tree), actor.id).toBe(false);
    }
  });

  it('the applicant sees their own case; the services see everything', () => {
    expect(canSeePersonalData(u.applicant, marketCase, tree)).toBe(true);
    expect(canSeePersonalData(u.otherApplicant, marketCase, tree)).toBe(false);
    expect(canSeePersonalData(systemActor('intake'), marketCase, tree)).toBe(true);
  });
});

describe('maskApplicant', () => {
  const person: Applicant = {
    type: 'person',
    name: '刘洋',
    idType: 'resident_id',
    idNumber: '310101199003071234',
    phone: '13812345678',
    address: '上海市黄浦区南京东路100号2室',
    agent: { name: '张代理', idType: 'resident_id', idNumber: '310104198512120011', phone: '13900001111' },
  };

  it('masks id numbers, phones and the address for a monitor', () => {
    expect(maskApplicant(person, u.monitor, 'huangpu-market', tree)).toEqual({
      type: 'person',
      name: '刘洋',
      idType: 'resident_id',
      idNumber: '310101********1234',
      phone: '138****5678',
      address: '上海市黄浦区***',
      agent: { name: '张代理', idType: 'resident_id', idNumber: '310104********0011', phone: '139****1111' },
    });
  });

  it('leaves everything for the handling officer', () => {
    expect(maskApplicant(person, u.officer, 'huangpu-market', tree)).toEqual(person);
  });

  it("keeps a company's public credit code but masks its contact phone", () => {
    const company: Applicant = {
      type: 'company',
      name: '上海某某餐饮有限公司',
      idType: 'unified_social_credit_code',
      idNumber: '91310101MA1FL0XXXX',
      phone: '13812345678',
      address: '上海市黄浦区九江路1号',
    };
    const masked = maskApplicant(company, u.auditor, 'huangpu-market', tree);
    expect(masked.idNumber).toBe('91310101MA1FL0XXXX');
    expect(masked.phone).toBe('138****5678');
    expect(masked.address).toBe('上海市黄浦区九江路1号');
  });
});
