import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FeedEntry, FeedFollower, parseSse } from './feed-stream';

const entry = (position: string, kind = 'red_card'): FeedEntry => ({
  position,
  caseNo: 'HP-20261207-0001',
  department: 'huangpu-market',
  kind,
  at: '2026-12-07T08:00:00.000Z',
  details: {},
});
const sse = (e: FeedEntry) => `id: ${e.position}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`;

/** A response whose body streams `chunks`, then ends (a gateway going away) unless `hold`. */
function streamOf(chunks: string[], hold = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!hold) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('parsing Server-Sent Events', () => {
  it('answers whole events, drops comments, keeps the incomplete rest', () => {
    const { events, rest } = parseSse(`: open\n\n${sse(entry('7'))}id: 8\nevent: red`);
    expect(events).toEqual([{ id: '7', event: 'red_card', data: JSON.stringify(entry('7')) }]);
    expect(rest).toBe('id: 8\nevent: red');
  });

  it('joins multi-line data and accepts CRLF', () => {
    const { events } = parseSse('data: a\r\ndata: b\r\n\r\n');
    expect(events).toEqual([{ id: undefined, event: 'message', data: 'a\nb' }]);
  });
});

describe('following the feed', () => {
  afterEach(() => vi.useRealTimers());

  it('reconnects by itself after the stream ends, resuming with Last-Event-ID, with backoff', async () => {
    vi.useFakeTimers();
    const asked: (string | null)[] = [];
    let attempt = 0;
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      asked.push(new Headers(init?.headers).get('last-event-id'));
      attempt += 1;
      if (attempt === 1) return streamOf([sse(entry('41')), sse(entry('42'))]); // then the gateway restarts
      if (attempt === 2) throw new TypeError('connection refused'); // still down
      return streamOf([sse(entry('43'))], true);
    }) as unknown as typeof fetch;
    const seen: string[] = [];
    const opens: boolean[] = [];
    const follower = new FeedFollower({
      url: '/api/monitoring/feed',
      token: () => 'token',
      onEntry: (e) => seen.push(e.position),
      onOpen: (reopened) => opens.push(reopened),
      onState: () => {},
      fetchImpl,
    });
    follower.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(['41', '42']);
    await vi.advanceTimersByTimeAsync(1000); // first retry: refused
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1500); // the second waits 2 s
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    expect(asked).toEqual([null, '42', '42']);
    expect(seen).toEqual(['41', '42', '43']);
    expect(opens).toEqual([false, true]);
    expect(follower.lastEventId).toBe('43');
    follower.stop();
  });

  it('stops for good: no reconnection after stop', async () => {
    vi.useFakeTimers();
    const fetchImpl = vi.fn(async () => streamOf([])) as unknown as typeof fetch;
    const follower = new FeedFollower({
      url: '/api/monitoring/feed',
      token: () => 'token',
      onEntry: () => {},
      onOpen: () => {},
      onState: () => {},
      fetchImpl,
    });
    follower.start();
    await vi.advanceTimersByTimeAsync(10);
    follower.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});
