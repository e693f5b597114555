import type { CaseNotice } from '@docket/contracts';
import { useEffect, useRef } from 'react';
import { currentBearer } from './client';

type Listener = (notice: CaseNotice) => void;
/** Told when the stream (re)opens after a gap: what came meanwhile is not replayed, so re-read. */
type Reopened = () => void;

/** Waits before reconnecting: doubling from 1 s to 30 s, back to 1 s once a stream opened. */
const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;
/** While the stream is down, screens still re-read this often (when the tab is visible). */
const FALLBACK_POLL_MS = 30_000;
/** Notices that come together are taken together: one re-read per screen, at the latest position. */
const GATHER_MS = 200;

/**
 * One stream of GET /api/live per tab, open while a screen listens: read with fetch (EventSource cannot
 * send the Authorization header), Server-Sent Events parsed here, reconnected after a failure.
 */
class LiveStream {
  private readonly listeners = new Set<Listener>();
  private readonly reopened = new Set<Reopened>();
  private controller: AbortController | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retry: number | undefined;
  /** Whether notices are flowing now (else screens fall back to polling). */
  up = false;
  private openedBefore = false;

  subscribe(listener: Listener, onReopen: Reopened): () => void {
    this.listeners.add(listener);
    this.reopened.add(onReopen);
    if (this.controller === undefined && this.retry === undefined) void this.connect();
    return () => {
      this.listeners.delete(listener);
      this.reopened.delete(onReopen);
      if (this.listeners.size === 0) this.close();
    };
  }

  private close(): void {
    this.controller?.abort();
    this.controller = undefined;
    if (this.retry !== undefined) window.clearTimeout(this.retry);
    this.retry = undefined;
    this.up = false;
    this.openedBefore = false;
  }

  private async connect(): Promise<void> {
    const token = currentBearer();
    if (token === undefined) return; // signed out: nothing to listen to
    const controller = new AbortController();
    this.controller = controller;
    try {
      const response = await fetch('/api/live', {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      this.up = true;
      this.retryMs = FIRST_RETRY_MS;
      if (this.openedBefore) for (const reopened of this.reopened) reopened();
      this.openedBefore = true;
      await this.read(response.body);
    } catch (error) {
      if ((error as Error).name === 'AbortError' && this.controller !== controller) return;
    }
    this.up = false;
    if (this.controller !== controller || this.listeners.size === 0) return;
    this.controller = undefined;
    this.retry = window.setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const notice = noticeOf(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (notice !== undefined) for (const listener of this.listeners) listener(notice);
      }
    }
  }
}

/** A `case` event's data, or undefined for anything else (comments, other events). */
function noticeOf(block: string): CaseNotice | undefined {
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (event !== 'case' || data === '') return undefined;
  try {
    return JSON.parse(data) as CaseNotice;
  } catch {
    return undefined;
  }
}

const stream = new LiveStream();

/**
 * Keeps a screen current without a reload: `reload(minPosition)` runs when a case it shows moves
 * (`concerns` says which; by default any case the viewer may see), with the notice's position so the
 * re-read sees the change; once after the stream comes back from a gap; and every 30 s while the
 * stream is down and the tab visible.
 */
export function useLive(
  reload: (minPosition?: string) => void,
  concerns: (notice: CaseNotice) => boolean = () => true,
): void {
  const latest = useRef({ reload, concerns });
  latest.current = { reload, concerns };
  useEffect(() => {
    let gathered: string | undefined;
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const position = gathered;
      gathered = undefined;
      latest.current.reload(position);
    };
    const unsubscribe = stream.subscribe(
      (notice) => {
        if (!latest.current.concerns(notice)) return;
        if (gathered === undefined || BigInt(notice.position) > BigInt(gathered)) gathered = notice.position;
        timer ??= window.setTimeout(flush, GATHER_MS);
      },
      () => latest.current.reload(),
    );
    const poll = window.setInterval(() => {
      if (!stream.up && document.visibilityState === 'visible') latest.current.reload();
    }, FALLBACK_POLL_MS);
    return () => {
      unsubscribe();
      window.clearInterval(poll);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, []);
}
