import { audit } from '@docket/contracts';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import type { CaseState, HistoryEntry } from './words';

/** Requests in flight at once: enough to replay a case quickly without crowding the gateway. */
const PARALLEL = 3;

/**
 * The case as it stood just after each event of its history (`auditCaseState` with `asOf` = the event's
 * ledger position), for the slider and the field diffs. A position's state never changes (the ledger is
 * append-only), so states are kept by position and a longer history loads only its new events.
 */
export function useCaseStates(caseNo: string, entries: readonly HistoryEntry[] | undefined) {
  const cache = useRef({ caseNo, states: new Map<string, CaseState>() });
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (entries === undefined) return;
    if (cache.current.caseNo !== caseNo) cache.current = { caseNo, states: new Map() };
    const known = cache.current.states;
    const controller = new AbortController();
    const missing = entries.map((e) => e.position).filter((p) => !known.has(p));
    const worker = async () => {
      for (let position = missing.shift(); position !== undefined; position = missing.shift()) {
        const state = await call(
          audit.state,
          { params: { caseNo }, query: { asOf: position } },
          { signal: controller.signal },
        );
        known.set(position, state);
        setVersion((v) => v + 1);
      }
    };
    Promise.all(Array.from({ length: PARALLEL }, worker)).catch((failure: unknown) => {
      if ((failure as Error)?.name !== 'AbortError') setError(failure);
    });
    return () => controller.abort();
  }, [caseNo, entries]);

  const states =
    cache.current.caseNo === caseNo ? (entries ?? []).map((e) => cache.current.states.get(e.position)) : [];
  return { states, done: states.filter((s) => s !== undefined).length, error };
}
