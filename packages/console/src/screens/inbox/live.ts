import { useEffect, useState } from 'react';

/** How often the lists and the case file ask again (the live feed cannot be opened by a browser: below). */
export const LIVE_INTERVAL_MS = 10_000;

/**
 * Keeps a screen current without a reload. The gateway's live feed (GET /api/monitoring/feed as
 * Server-Sent Events) authenticates by the Authorization header only, which EventSource cannot send, and
 * it is for watchers and heads only and carries the clock's warnings, not the review's steps: so the
 * screens poll, calling `reload` every 10 s while the tab is visible (and at once when it becomes visible).
 */
export function useLive(reload: () => void, intervalMs = LIVE_INTERVAL_MS): void {
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') reload();
    };
    const timer = window.setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [reload, intervalMs]);
}

/** The current time, moving every `intervalMs` (for the working days left). */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
