import { describe, expect, it } from 'vitest';
import { responsibleDepartment } from './service-item';
import { jointItem, promisedItem } from './spec-support/items';

describe("a case's responsible department", () => {
  it("is the item's department", () => {
    expect(responsibleDepartment(promisedItem())).toBe('market-regulation');
  });

  it('is the lead department of a joint item', () => {
    expect(responsibleDepartment(jointItem())).toBe('market-regulation');
    expect(responsibleDepartment({ department: 'district', joint: { leadDepartment: 'planning' } })).toBe(
      'planning',
    );
  });
});
