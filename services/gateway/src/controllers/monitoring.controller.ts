import { type FeedItem, MIN_POSITION_HEADER, monitoring } from '@docket/contracts';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { streamDeadline } from '../http/auth';
import { jsonSafe, queryHeaders } from '../http/forward';
import { GatewayHttp } from '../http/gateway-http';
import { OpenStreams } from '../http/open-streams';
import { parseQuery } from '../http/query';
import { CaseActivity } from '../live/case-activity';
import { nestPath, routeOf } from '../routes/route';

const feedRoute = routeOf(monitoring.feed);

/**
 * An open feed asks for news when a clock event is published (told by CaseActivity), naming its position
 * so the answer includes it, but at most once per FEED_GAP_MS (a hundred events a second cost ten
 * questions), and every FEED_POLL_MS anyway (a notice the bus dropped is not waited for); it says it is
 * alive (a comment line) when there has been nothing for HEARTBEAT_MS.
 */
const FEED_GAP_MS = 100;
const FEED_POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

const later = (a: string | undefined, b: string): string =>
  a === undefined || BigInt(b) > BigInt(a) ? b : a;

/** 电子监察's live feed, as JSON or Server-Sent Events (the other dashboards are plain operations). */
@Controller()
export class MonitoringController {
  constructor(
    private readonly http: GatewayHttp,
    private readonly streams: OpenStreams,
    private readonly activity: CaseActivity,
  ) {}

  /**
   * 实时动态. JSON by default; with `Accept: text/event-stream` a stream that stays open, each item an
   * event whose id is its ledger position, so a client that reconnects with Last-Event-ID misses nothing
   * (the feed is a read model: what came while it was away is still there).
   */
  @Get(nestPath(feedRoute.path))
  async feed(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const route = feedRoute;
    const actor = await this.http.actor(request);
    const { after } = parseQuery(route, request.query);
    const lastEventId = request.headers['last-event-id'];
    let position =
      (typeof lastEventId === 'string' && /^[0-9]{1,19}$/.test(lastEventId) ? lastEventId : after) ??
      undefined;
    const headers = { ...queryHeaders(request, actor) };
    delete headers[MIN_POSITION_HEADER];
    const ask = (from: string | undefined, including?: string) =>
      this.http.deps.bus.request<FeedItem[]>(
        monitoring.feed.subject,
        { ...(from === undefined ? {} : { after: from }), limit: 100 },
        { headers: including === undefined ? headers : { ...headers, [MIN_POSITION_HEADER]: including } },
      );
    const first = await ask(position); // a refusal (401, 403) is still answered as a problem
    if (!(request.headers.accept ?? '').includes('text/event-stream')) return jsonSafe(first);
    const until = streamDeadline(request.headers.authorization);

    reply.hijack();
    const raw = reply.raw;
    // Cache-Control (no-store) and the other hardening headers are on `raw` already (http/security-headers.ts).
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    let open = true;
    /** The newest clock event published since the last question, and how to wake the loop for it. */
    let news: string | undefined;
    let wake: (() => void) | undefined;
    const unlisten = this.activity.listenToClocks((position) => {
      news = later(news, position);
      wake?.();
    });
    const untrack = this.streams.track(() => {
      open = false; // the token expired or the gateway is shutting down: the loop ends at its next turn
      wake?.();
      if (!raw.writableEnded) raw.end();
    }, until);
    request.raw.on('close', () => {
      open = false;
      wake?.();
      untrack();
    });
    /** Until there is news (or FEED_POLL_MS passed), and never sooner than FEED_GAP_MS after the last. */
    const nextTurn = async () => {
      await new Promise((resolve) => setTimeout(resolve, FEED_GAP_MS));
      if (news !== undefined || !open) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FEED_POLL_MS - FEED_GAP_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    };
    raw.write(': open\n\n'); // the headers go now, not with the first item (a quiet feed sent none for 15 s)
    const send = (items: FeedItem[]) => {
      for (const item of items) {
        raw.write(`id: ${item.position}\nevent: ${item.kind}\ndata: ${JSON.stringify(jsonSafe(item))}\n\n`);
        position = String(item.position);
      }
    };
    send(first);
    let quietSince = Date.now();
    while (open) {
      await nextTurn();
      if (!open) break;
      const including = news;
      news = undefined;
      try {
        const items = await ask(position, including);
        if (!open) break; // ended while asking: nothing more may be written
        if (items.length > 0) {
          send(items);
          quietSince = Date.now();
        } else if (Date.now() - quietSince >= HEARTBEAT_MS) {
          raw.write(': still here\n\n');
          quietSince = Date.now();
        }
      } catch {
        break; // the service went away: the client reconnects with Last-Event-ID
      }
    }
    unlisten();
    untrack();
    if (!raw.writableEnded) raw.end();
  }
}
