import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /**
   * Loads again (after a command, or when a live notice says the data moved); with the ledger position
   * the answer must include (read your writes).
   */
  reload: (minPosition?: string) => void;
}

/** What a re-read asks for beyond the first load: the position its answer must include, if any. */
export interface Freshness {
  minPosition?: string;
}

/**
 * Loads what `load` answers when the dependencies change, dropping answers that arrive after a newer
 * request was made (a fast typist's earlier search must not overwrite the later one).
 */
/** How long a load may take before the screen shows that it is loading. */
const SLOW_MS = 200;

export function useLoad<T>(
  load: (signal: AbortSignal, freshness: Freshness) => Promise<T>,
  deps: DependencyList,
): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const wanted = useRef<Freshness>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    const ticket = ++latest.current;
    const controller = new AbortController();
    // Said to be loading only once it takes a while: a page that answers at once is drawn once, not
    // three times (the spinner on, the data, the spinner off), which cost a table of 20 rows 100 ms.
    const slow = window.setTimeout(() => {
      if (ticket === latest.current) setState((previous) => ({ ...previous, loading: true }));
    }, SLOW_MS);
    const freshness = wanted.current;
    wanted.current = {};
    load(controller.signal, freshness)
      .then(
        (data) => {
          if (ticket === latest.current) setState({ data, error: undefined, loading: false });
        },
        (error: unknown) => {
          if (ticket === latest.current && (error as Error)?.name !== 'AbortError')
            setState((previous) => ({ ...previous, error, loading: false }));
        },
      )
      .finally(() => window.clearTimeout(slow));
    return () => {
      window.clearTimeout(slow);
      controller.abort();
    };
  }, [...deps, generation]);
  const reload = useCallback((minPosition?: string) => {
    if (minPosition !== undefined) wanted.current = { minPosition };
    setGeneration((g) => g + 1);
  }, []);
  return { ...state, reload };
}
