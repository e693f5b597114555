import { useEffect, useState } from 'react';

/**
 * Pages that turn by themselves (a wall is not scrolled): `perPage` at a time, the next page every
 * `turnMs`, from the first again after the last. `go` turns by hand (desk mode) and restarts the timer.
 */
export function usePages(count: number, perPage: number, turnMs: number) {
  const pages = Math.max(1, Math.ceil(count / perPage));
  const [page, setPage] = useState(0);
  const [turnedAt, setTurnedAt] = useState(0);
  const current = Math.min(page, pages - 1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page turned by hand restarts the timer
  useEffect(() => {
    if (pages <= 1) return;
    const timer = window.setInterval(() => setPage((p) => (Math.min(p, pages - 1) + 1) % pages), turnMs);
    return () => window.clearInterval(timer);
  }, [pages, turnMs, turnedAt]);
  const go = (by: number) => {
    setPage((current + by + pages) % pages);
    setTurnedAt((n) => n + 1);
  };
  return { page: current, pages, from: current * perPage, to: current * perPage + perPage, go };
}
