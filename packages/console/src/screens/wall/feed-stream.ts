import type { FeedItem } from '@docket/contracts';

/** A feed item as it travels (JSON: the position is a string of digits). */
export type FeedEntry = Omit<FeedItem, 'position'> & { position: string };

/** One Server-Sent Event: its id (a ledger position) and its data. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * Splits what arrived into whole events and the incomplete rest. Comments (`: heartbeat`) are
 * events of no data and are dropped. Lines end in \n (the gateway's), \r\n tolerated.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const text = buffer.replaceAll('\r\n', '\n');
  let start = 0;
  for (let end = text.indexOf('\n\n', start); end >= 0; end = text.indexOf('\n\n', start)) {
    const block = text.slice(start, end);
    start = end + 2;
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ id, event, data: data.join('\n') });
  }
  return { events, rest: text.slice(start) };
}

export type FeedState = 'connecting' | 'live' | 'reconnecting';

export interface FeedFollowerOptions {
  url: string;
  token: () => string | undefined;
  onEntry: (entry: FeedEntry) => void;
  /** The stream (re)opened: what came while it was away is replayed from the last id, but re-read anyway. */
  onOpen: (reopened: boolean) => void;
  onState: (state: FeedState) => void;
  fetchImpl?: typeof fetch;
}

/** Reconnection waits: doubling from 1 s to 30 s, back to 1 s once a stream opened. */
export const FIRST_RETRY_MS = 1000;
export const LAST_RETRY_MS = 30_000;
/** The gateway says it is alive every 15 s; a stream silent for this long is taken as dead. */
const SILENT_MS = 45_000;

/**
 * Follows GET /api/monitoring/feed as Server-Sent Events, read with fetch (EventSource cannot send the
 * bearer token). Remembers the last event id and reconnects by itself (a gateway restart, a network
 * break) with Last-Event-ID, so nothing is missed; keeps nothing else (runs all day).
 */
export class FeedFollower {
  lastEventId: string | undefined;
  private controller: AbortController | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private opened = false;
  private stopped = true;

  constructor(private readonly options: FeedFollowerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.controller = undefined;
    if (this.retry !== undefined) clearTimeout(this.retry);
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.retry = undefined;
    this.watchdog = undefined;
  }

  private alive(controller: AbortController): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => controller.abort(), SILENT_MS);
  }

  private async connect(): Promise<void> {
    const token = this.options.token();
    const controller = new AbortController();
    this.controller = controller;
    this.options.onState(this.opened ? 'reconnecting' : 'connecting');
    try {
      if (token === undefined) throw new Error('signed out');
      const headers: Record<string, string> = {
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
      };
      if (this.lastEventId !== undefined) headers['last-event-id'] = this.lastEventId;
      const response = await (this.options.fetchImpl ?? fetch)(this.options.url, {
        headers,
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      this.retryMs = FIRST_RETRY_MS;
      this.options.onState('live');
      this.options.onOpen(this.opened);
      this.opened = true;
      this.alive(controller);
      await this.read(response.body, controller);
    } catch {
      // a refusal, a broken connection or an abort: reconnect below unless stopped
    }
    if (this.stopped || this.controller !== controller) return;
    this.controller = undefined;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.options.onState('reconnecting');
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.stopped) return;
        this.alive(controller);
        const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.id !== undefined && /^[0-9]{1,19}$/.test(event.id)) this.lastEventId = event.id;
          try {
            this.options.onEntry(JSON.parse(event.data) as FeedEntry);
          } catch {
            // an event the wall does not understand is skipped; the next re-read covers it anyway
          }
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}
