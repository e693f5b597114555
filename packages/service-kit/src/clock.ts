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
