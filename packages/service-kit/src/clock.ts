import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { formatInstantInZone } from '@docket/domain';

/**
 * Domain time (architecture brief, "Time"): every command's `now` comes from here, never from
 * `Date.now()` in a rule. Production reads the wall clock; tests and demos move an adjustable one.
 */
export interface Clock {
  readonly timeZone: string;
  /** Milliseconds since the epoch, as this clock sees it. */
  epochMs(): number;
  /** The same instant as the centre writes it: ISO-8601 with the zone's offset. */
  now(): string;
}

export function systemClock(timeZone: string): Clock {
  return {
    timeZone,
    epochMs: () => Date.now(),
    now: () => formatInstantInZone(Date.now(), timeZone),
  };
}

/** A clock that runs with the wall clock from an offset the test or demo can move forward. */
export interface AdjustableClock extends Clock {
  /** Moves domain time forward (never back: events may not be dated before earlier ones). */
  advance(ms: number): void;
  /** How far domain time is ahead of the wall clock. */
  readonly offsetMs: number;
}

export function adjustableClock(timeZone: string, offsetMs = 0): AdjustableClock {
  let offset = offsetMs;
  const epochMs = () => Date.now() + offset;
  return {
    timeZone,
    epochMs,
    now: () => formatInstantInZone(epochMs(), timeZone),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('domain time only moves forward');
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}

/**
 * An adjustable clock whose offset lives in a file (`<dataDir>/domain-time.json`), kept across restarts so
 * that domain time never runs back behind events already recorded; `advance` writes it. `shared` (the
 * networked mode's tests and demos, where every process of one machine must see the same domain time):
 * the file is read on every look (a few microseconds; never cached, because a command another process
 * sends right after an advance must already see the new time). Not shared (the embedded mode: one
 * process): read once, then kept in memory.
 */
export function fileClock(
  timeZone: string,
  path: string,
  options: { shared?: boolean } = {},
): AdjustableClock {
  const shared = options.shared ?? true;
  let offset = 0;
  const read = (): void => {
    try {
      const stored = Number((JSON.parse(readFileSync(path, 'utf8')) as { offsetMs?: unknown }).offsetMs);
      // Domain time only moves forward: a file that says less (or nothing readable) never takes it back.
      if (Number.isFinite(stored) && stored > offset) offset = stored;
    } catch {
      // no file yet: domain time is the wall clock (plus what this process has seen)
    }
  };
  read();
  const current = (): number => {
    if (shared) read();
    return offset;
  };
  const epochMs = () => Date.now() + current();
  return {
    timeZone,
    epochMs,
    now: () => formatInstantInZone(epochMs(), timeZone),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('domain time only moves forward');
      const next = current() + ms;
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ offsetMs: next }));
      renameSync(temporary, path); // atomic: another process never reads half a file
      offset = next;
    },
    get offsetMs() {
      return current();
    },
  };
}
