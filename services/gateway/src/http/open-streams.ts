import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/** setTimeout's longest delay (about 24.8 days); a later deadline is reached in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The streams the gateway holds open (the live notices, the monitoring feed): each ended when its
 * bearer token expires (authenticated once, at the start, a stream must not outlive its token; the
 * client reconnects with a fresh one), and all of them when the gateway shuts down, since an open
 * response would hold the HTTP server's close for as long as the client stays.
 */
@Injectable()
export class OpenStreams implements OnModuleDestroy {
  private readonly open = new Map<() => void, NodeJS.Timeout | undefined>();

  /**
   * Keeps `end` to call at `until` (epoch milliseconds, http/auth.ts `streamDeadline`) or at shutdown,
   * whichever comes first; the function returned forgets it (the stream ended on its own).
   */
  track(end: () => void, until?: number): () => void {
    const arm = (): void => {
      if (until === undefined) return;
      const left = until - Date.now();
      const timer = setTimeout(
        left > LONGEST_TIMER_MS ? arm : end,
        Math.min(Math.max(left, 0), LONGEST_TIMER_MS),
      );
      timer.unref();
      this.open.set(end, timer);
    };
    this.open.set(end, undefined);
    arm();
    return () => {
      clearTimeout(this.open.get(end));
      this.open.delete(end);
    };
  }

  onModuleDestroy(): void {
    const ends = [...this.open];
    this.open.clear();
    for (const [end, timer] of ends) {
      clearTimeout(timer);
      end();
    }
  }
}
