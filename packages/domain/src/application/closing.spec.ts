import { describe, expect, it } from 'vitest';
import {
  type ApplicationStatus,
  caseClosingEvents,
  evolveApplication,
  initialApplicationState,
  terminalStatuses,
} from './state';

describe('the events that close a case', () => {
  it('each ends the case, and together they reach every terminal status', () => {
    const reached = new Set<ApplicationStatus>();
    for (const type of caseClosingEvents) {
      const state = evolveApplication({ ...initialApplicationState(), status: 'accepted' }, {
        type,
        data: { at: '2026-03-02T09:00:00+08:00', resultCode: 'withdrawn' },
      } as never);
      expect(terminalStatuses, type).toContain(state.status);
      reached.add(state.status);
    }
    expect([...reached].sort()).toEqual([...terminalStatuses].sort());
  });
});
