import type { RecordedEvent } from '../port';
import { type EventRow, RowIndex } from './statements';

/**
 * Consecutive rows of the global log exactly as one `SELECT … WHERE position > after ORDER BY position`
 * returned them. Positions are gap-free and committed atomically, so a page holds every committed row
 * of (after, last], and a page read after another's `last` continues it without a skip or a repeat.
 *
 * A row is decoded only when a subscriber's filter wants it, and then once: every subscriber reading the
 * page gets the same RecordedEvent object, which is why `decode` hands out frozen ones.
 */
export class Page {
  /** The page read after this one's last row, once some subscriber needed it (shared pages only). */
  next: Page | undefined;
  private readonly events: (RecordedEvent | undefined)[];

  constructor(
    /** The position the page was read after (exclusive). */
    readonly after: bigint,
    readonly rows: readonly EventRow[],
    private readonly decode: (row: EventRow) => RecordedEvent,
  ) {
    this.events = new Array(rows.length);
  }

  /** Position of the last row; of `after` when the page is empty (the log ended there). */
  get last(): bigint {
    const last = this.rows[this.rows.length - 1];
    return last === undefined ? this.after : last[RowIndex.position];
  }

  eventAt(index: number): RecordedEvent {
    let event = this.events[index];
    if (event === undefined) {
      event = this.decode(this.rows[index]!);
      this.events[index] = event;
    }
    return event;
  }
}

/**
 * Freezes an event and everything in it (envelope, actor, data), as decoded from JSON: plain objects
 * and arrays. One object goes to every subscriber, so a consumer that changed it would change what the
 * others see; frozen, such a change throws (ES modules and TypeScript output run in strict mode).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze(value[key]);
  }
  return Object.freeze(value);
}
