import { describe, expect, it } from 'vitest';
import { DomainError, ReasonRequired } from './errors';

describe('named domain errors', () => {
  it('carry a stable code, a kind for transports, and serialise without the stack', () => {
    const error = new ReasonRequired('decline');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(ReasonRequired);
    expect(error.name).toBe('ReasonRequired');
    expect(error.toJSON()).toEqual({
      code: 'ReasonRequired',
      kind: 'rule_broken',
      message: 'decline requires a written reason',
      details: { action: 'decline' },
    });
  });
});
