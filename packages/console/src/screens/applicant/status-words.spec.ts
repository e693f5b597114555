import { CaseStatus } from '@docket/contracts';
import { describe, expect, it } from 'vitest';
import { en, zh } from './messages';

describe('the public status in the applicant’s words', () => {
  it('has words for every status a case may be in, in both languages', () => {
    const statuses = [...CaseStatus.options].sort();
    expect(Object.keys(zh.status).sort()).toEqual(statuses);
    expect(Object.keys(en.status).sort()).toEqual(statuses);
    for (const status of CaseStatus.options) expect(en.status[status]).toMatch(/^[\x20-\x7e…]+$/);
  });
});
