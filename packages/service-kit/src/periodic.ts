import type { Logger } from './logger';

/** A task run every interval, one run at a time; `stop` waits for the run in progress. */
export interface PeriodicTask {
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, never two at once: a look that takes longer than the interval is not
 * overlapped by the next, it delays it. A failed run is logged and the next one tries again (the timers
 * of monitoring and supervision keep nothing in memory, so a failed look loses nothing).
 */
export function startPeriodicTask(options: {
  intervalMs: number;
  task: () => Promise<unknown>;
  logger: Logger;
  /** What the log says when a run fails. */
  failure: string;
}): PeriodicTask {
  let running: Promise<void> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running !== undefined || stopped) return;
    running = options
      .task()
      .then(() => undefined)
      .catch((error) => options.logger.error(options.failure, error))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
