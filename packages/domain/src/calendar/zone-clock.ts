import { formatInstant, MS_PER_DAY } from './civil';

/** Offsets are looked up per quarter hour: every real-world transition falls on one. */
const SLOT_MS = 15 * 60_000;
/** Bounds the cache: a long-running monitor would otherwise keep every quarter hour it ever saw. */
const MAX_CACHED_SLOTS = 200_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts between instants and wall-clock time in one IANA zone with Intl, which knows the zone's
 * history. One formatter per zone; offsets are cached per quarter hour, so Asia/Shanghai (fixed +08:00
 * since 1991) costs one Intl call per distinct quarter hour and a Map lookup afterwards.
 *
 * Daylight saving: instants → wall time is exact. Wall time → instant is ambiguous twice a year: in the
 * repeated hour the earlier instant is not guaranteed, and a wall time inside the skipped hour maps to a
 * nearby instant. Office hours lie far from the transitions (which happen at night), so deadlines and
 * working time are unaffected; working time is counted in wall-clock minutes.
 */
export class ZoneClock {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's offset from UTC, in milliseconds, at an instant. */
  offsetAt(epochMs: number): number {
    const slot = Math.floor(epochMs / SLOT_MS);
    const cached = this.offsets.get(slot);
    if (cached !== undefined) return cached;
    const offset = this.computeOffset(slot * SLOT_MS);
    if (this.offsets.size >= MAX_CACHED_SLOTS) this.offsets.clear();
    this.offsets.set(slot, offset);
    return offset;
  }

  /** Wall-clock milliseconds (as if the wall time were UTC) of an instant. */
  toLocal(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs);
  }

  /** The instant at which the zone's clocks show a wall time (see the class comment for DST gaps). */
  fromLocal(localMs: number): number {
    const guess = localMs - this.offsetAt(localMs);
    return localMs - this.offsetAt(guess);
  }

  /** The instant a local day starts at a given wall-clock offset into the day. */
  instantOf(dayNumber: number, msOfDay: number): number {
    return this.fromLocal(dayNumber * MS_PER_DAY + msOfDay);
  }

  private computeOffset(epochMs: number): number {
    const parts: Record<string, string> = {};
    for (const part of this.formatter.formatToParts(epochMs)) parts[part.type] = part.value;
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    // The formatter drops milliseconds; compare with the instant truncated to the second.
    return wall - Math.floor(epochMs / 1000) * 1000;
  }
}

const zoneClocks = new Map<string, ZoneClock>();

/** The one clock of a zone: its formatter is costly to make (about 90 µs), its offsets are cached. */
export function zoneClockOf(timeZone: string): ZoneClock {
  let clock = zoneClocks.get(timeZone);
  if (clock === undefined) {
    clock = new ZoneClock(timeZone);
    zoneClocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * An instant as the centre writes it: ISO-8601 with the zone's offset at that instant
 * (`2026-12-01T15:31:00.250+08:00`). Services turn their clock's reading into a command's `now` with it.
 */
export function formatInstantInZone(epochMs: number, timeZone: string): string {
  return formatInstant(epochMs, zoneClockOf(timeZone).offsetAt(epochMs));
}
