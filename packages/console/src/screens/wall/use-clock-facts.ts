import { monitoring } from '@docket/contracts';
import type { StartedClockState } from '@docket/domain';
import { DEFAULT_CLOCK_RULES } from '@docket/domain';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import type { ClockFacts } from './why';

/**
 * The thresholds and step names of the cases whose warnings are shown (GET /api/monitoring/clocks/{caseNo},
 * once per case: neither changes while the case runs). Only the shown cases are kept.
 */
export function useClockFacts(caseNos: readonly string[]): Map<string, ClockFacts> {
  const [facts, setFacts] = useState<Map<string, ClockFacts>>(() => new Map());
  /** The cases asked for already (answered or not): each is asked once while it is shown. */
  const asked = useRef(new Set<string>());
  const key = [...new Set(caseNos)].sort().join(' ');
  useEffect(() => {
    const wanted = key === '' ? [] : key.split(' ');
    for (const caseNo of asked.current) if (!wanted.includes(caseNo)) asked.current.delete(caseNo);
    setFacts((known) => {
      const kept = new Map([...known].filter(([caseNo]) => wanted.includes(caseNo)));
      return kept.size === known.size ? known : kept;
    });
    for (const caseNo of wanted.filter((c) => !asked.current.has(c))) {
      asked.current.add(caseNo);
      void call(monitoring.clock, { params: { caseNo } }).then(
        ({ clock }) => {
          if (!asked.current.has(caseNo) || clock.status === 'not_started') return;
          const started = clock as unknown as StartedClockState;
          setFacts((known) =>
            known.has(caseNo)
              ? known
              : new Map(known).set(caseNo, {
                  rules: started.rules ?? DEFAULT_CLOCK_RULES,
                  stepNames: started.steps.map((s) => s.name),
                }),
          );
        },
        () => asked.current.delete(caseNo), // asked again next time; meanwhile the defaults and the step's number
      );
    }
  }, [key]);
  return facts;
}
