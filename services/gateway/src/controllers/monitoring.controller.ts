import { type FeedItem, MIN_POSITION_HEADER, monitoring } from '@docket/contracts';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonSafe, queryHeaders } from '../http/forward';
import { GatewayHttp } from '../http/gateway-http';
import { OpenStreams } from '../http/open-streams';
import { parseQuery } from '../http/query';
import { nestPath, routeOf } from '../routes/route';

const feedRoute = routeOf(monitoring.feed);

/** How often an open feed asks for news, and says it is alive (a comment line) when there is none. */
const FEED_POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/** 电子监察's live feed, as JSON or Server-Sent Events (the other dashboards are plain operations). */
@Controller()
export class MonitoringController {
  constructor(
    private readonly http: GatewayHttp,
    private readonly streams: OpenStreams,
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
    const ask = (from: string | undefined) =>
      this.http.deps.bus.request<FeedItem[]>(
        monitoring.feed.subject,
        { ...(from === undefined ? {} : { after: from }), limit: 100 },
        { headers },
      );
    const first = await ask(position); // a refusal (401, 403) is still answered as a problem
    if (!(request.headers.accept ?? '').includes('text/event-stream')) return jsonSafe(first);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    let open = true;
    const untrack = this.streams.track(() => {
      open = false; // the gateway is shutting down: the loop ends the stream at its next turn
      if (!raw.writableEnded) raw.end();
    });
    request.raw.on('close', () => {
      open = false;
      untrack();
    });
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
      await new Promise((resolve) => setTimeout(resolve, FEED_POLL_MS));
      if (!open) break;
      try {
        const items = await ask(position);
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
    untrack();
    if (!raw.writableEnded) raw.end();
  }
}
