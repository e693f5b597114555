import { errors, type Msg, type NatsConnection } from '@nats-io/transport-node';
import type { Headers, RequestHandler, ServeOptions, Subscription } from '../bus';
import { decodeError, decodePayload, ERROR_HEADERS, encodeError, encodePayload } from '../codec';
import { BusClosed, NoResponders, RequestTimeout } from '../errors';
import { InFlight } from '../in-flight';
import { fromNatsHeaders, isErrorReply, toNatsHeaders } from './headers';

/** Core NATS request/reply; queue groups, wildcards, no-responders and first-reply-wins are the server's. */
export async function natsRequest(
  nc: NatsConnection,
  subject: string,
  body: Uint8Array,
  headers: Headers,
  timeoutMs: number,
): Promise<unknown> {
  let reply: Msg;
  try {
    const h = toNatsHeaders(headers);
    reply = await nc.request(
      subject,
      body,
      h === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, headers: h },
    );
  } catch (error) {
    throw translate(error, subject, timeoutMs);
  }
  if (isErrorReply(reply.headers)) throw decodeError(reply.data);
  return decodePayload(reply.data);
}

function translate(error: unknown, subject: string, timeoutMs: number): unknown {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof errors.NoRespondersError) return new NoResponders(subject);
    if (e instanceof errors.RequestError && e.isNoResponders()) return new NoResponders(subject);
    if (e instanceof errors.TimeoutError) return new RequestTimeout(subject, timeoutMs);
    if (e instanceof errors.ClosedConnectionError || e instanceof errors.DrainingConnectionError) {
      return new BusClosed();
    }
  }
  return error;
}

export function natsServe(
  nc: NatsConnection,
  subject: string,
  handler: RequestHandler<unknown, unknown>,
  options: ServeOptions,
): Subscription {
  const inFlight = new InFlight();
  const handle = async (msg: Msg): Promise<void> => {
    let reply: { body: Uint8Array; error: boolean };
    try {
      // Bad JSON from the wire is answered with a MalformedMessage error, never a crash.
      const payload = decodePayload(msg.data);
      const result = await handler(payload, fromNatsHeaders(msg.headers), { subject: msg.subject });
      reply = { body: encodePayload(result), error: false };
    } catch (error) {
      reply = { body: encodeError(error), error: true };
    }
    if (msg.reply === undefined || msg.reply === '') return;
    try {
      const h = reply.error ? toNatsHeaders(ERROR_HEADERS) : undefined;
      msg.respond(reply.body, h === undefined ? undefined : { headers: h });
    } catch {
      // The connection closed under us: the requester sees a timeout, as on any lost reply.
    }
  };
  const sub = nc.subscribe(subject, {
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    callback: (error, msg) => {
      if (error === null) void inFlight.track(handle(msg));
    },
  });
  return {
    stop: async () => {
      if (!sub.isClosed()) await sub.drain().catch(() => undefined);
      await inFlight.settled();
    },
  };
}
