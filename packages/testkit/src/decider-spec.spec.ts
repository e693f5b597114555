import { describe, expect, it } from 'vitest';
import { deciderSpec } from './decider-spec';

class Overdrawn extends Error {}
type Cmd = { type: 'withdraw'; amount: number };
type Ev = { type: 'withdrawn'; amount: number };
const account = {
  initialState: () => ({ balance: 10 }),
  evolve: (s: { balance: number }, e: Ev) => ({ balance: s.balance - e.amount }),
  decide: (c: Cmd, s: { balance: number }): Ev[] => {
    if (c.amount > s.balance) throw new Overdrawn('overdrawn');
    return [{ type: 'withdrawn', amount: c.amount }];
  },
};
const spec = deciderSpec(account);

describe('deciderSpec', () => {
  it('folds the given events before deciding', () => {
    spec
      .given([{ type: 'withdrawn', amount: 8 }])
      .when({ type: 'withdraw', amount: 3 })
      .thenThrows(Overdrawn);
  });
  it('fails a then() whose events differ', () => {
    expect(() => spec.given([]).when({ type: 'withdraw', amount: 3 }).then([])).toThrow();
  });
  it('fails a thenThrows() when the decider succeeds', () => {
    expect(() => spec.given([]).when({ type: 'withdraw', amount: 3 }).thenThrows(Overdrawn)).toThrow(
      /expected Overdrawn/,
    );
  });
  it('fails a thenThrows() whose predicate rejects the error', () => {
    expect(() =>
      spec
        .given([])
        .when({ type: 'withdraw', amount: 30 })
        .thenThrows(Overdrawn, (e) => e.message === 'other'),
    ).toThrow(/predicate failed/);
  });
});
