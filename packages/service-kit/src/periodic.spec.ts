import { describe, expect, it } from 'vitest';
import type { Logger } from './logger';
import { startPeriodicTask } from './periodic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a periodic task (the timers of monitoring and supervision)', () => {
  it('never runs twice at once, goes on after a failed run, and stop waits for the run in progress', async () => {
    const failures: string[] = [];
    const logger: Logger = { info() {}, warn() {}, error: (message) => failures.push(message) };
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    let finished = 0;
    const periodic = startPeriodicTask({
      intervalMs: 5,
      logger,
      failure: 'look failed',
      task: async () => {
        runs++;
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await sleep(20); // longer than the interval
        running--;
        finished++;
        if (runs === 1) throw new Error('first look fails');
      },
    });
    while (runs < 3) await sleep(5);
    await periodic.stop();
    expect(mostAtOnce).toBe(1);
    expect(failures).toEqual(['look failed']);
    // The run in progress when stop was called had finished by the time stop resolved; none started after.
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });
});
