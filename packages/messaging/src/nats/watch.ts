import type { NatsConnection } from '@nats-io/transport-node';
import type { Subscription, WatchHandler } from '../bus';
import { decodePayload } from '../codec';
import { fromNatsHeaders } from './headers';

/**
 * A core NATS subscription on the events' subjects: JetStream stores a published event, and the server
 * also hands it to every plain subscriber of its subject, from the moment they subscribe. No durable is
 * made, so a gateway that comes and goes leaves nothing behind on the server.
 */
export function natsWatch(nc: NatsConnection, pattern: string, handler: WatchHandler<unknown>): Subscription {
  const sub = nc.subscribe(pattern, {
    callback: (error, msg) => {
      if (error !== null) return;
      try {
        handler(decodePayload(msg.data), fromNatsHeaders(msg.headers), { subject: msg.subject });
      } catch {
        // A watcher's failure is its own: at most once, nothing to redeliver.
      }
    },
  });
  return {
    stop: async () => {
      if (!sub.isClosed()) sub.unsubscribe();
    },
  };
}
