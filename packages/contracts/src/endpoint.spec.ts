import { describe, expect, it } from 'vitest';
import { requestOf } from './endpoint';
import { intake } from './intake';
import { supervision } from './supervision';

describe('the bus request an HTTP request becomes', () => {
  it('reads a command sent without a body as an empty one (a withdrawal without a reason)', () => {
    expect(requestOf(intake.withdrawItem, { code: 'X-1' }, {}, undefined)).toEqual({ code: 'X-1' });
    expect(requestOf(intake.accept, { caseNo: 'C-1' }, {}, undefined)).toEqual({ caseNo: 'C-1', data: {} });
  });

  it('puts the body where the binding says, and the path over the body', () => {
    expect(requestOf(intake.withdrawItem, { code: 'X-1' }, {}, { reason: '停办', code: 'Y' })).toEqual({
      code: 'X-1',
      reason: '停办',
    });
    expect(requestOf(intake.accept, { caseNo: 'C-1' }, {}, { category: 'promised' })).toEqual({
      caseNo: 'C-1',
      data: { category: 'promised' },
    });
  });

  it('hands a body that is not an object on as it is, for the service to refuse', () => {
    expect(requestOf(intake.submit, {}, {}, [])).toEqual([]);
    // JSON `null` is a body, not the absence of one: never read as `{}` (an acceptance with no fields).
    expect(requestOf(intake.submit, {}, {}, null)).toBeNull();
    expect(requestOf(intake.accept, { caseNo: 'C-1' }, {}, null)).toEqual({ caseNo: 'C-1', data: null });
  });

  it('decodes the query string as the endpoint declares', () => {
    expect(
      requestOf(
        supervision.complaints,
        {},
        { status: 'submitted, accepted', limit: '5', offset: undefined },
        undefined,
      ),
    ).toEqual({ status: ['submitted', 'accepted'], page: { offset: 0, limit: 5 } });
  });
});
