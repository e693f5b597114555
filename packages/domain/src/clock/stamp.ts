import { clockNextDueAt } from './due';
import type { ClockEvent } from './events';
import { applyEvent } from './evolve';
import type { ClockState } from './state';

/**
 * Fills in `nextDueAt` on each event that records it: the value of the state that event leaves behind,
 * computed from the recorded instants alone, so a read model can trust the last one it saw.
 */
export function stamped(state: ClockState, drafts: readonly ClockEvent[]): ClockEvent[] {
  let current = state;
  return drafts.map((draft) => {
    const after = applyEvent(current, draft);
    if (after.status === 'not_started' || !('nextDueAt' in draft.data)) {
      current = after;
      return draft;
    }
    const due = clockNextDueAt(after);
    current = { ...after, nextDueAt: due };
    // The same event with one field filled in: TypeScript cannot follow the spread through the union.
    return { ...draft, data: { ...draft.data, nextDueAt: due } } as ClockEvent;
  });
}
