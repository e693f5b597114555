import type { EventHandler, Headers, PublishEventResult, Subscription, WatchHandler } from '../bus';
import { payloadFromText } from '../codec';
import { DurableConflict } from '../errors';
import { InFlight } from '../in-flight';
import { subjectMatches } from '../subjects';

interface Entry {
  readonly sequence: number;
  readonly subject: string;
  /** The payload's JSON text (see payloadText). */
  readonly body: string;
  readonly headers: Headers;
  readonly messageId: string;
}

interface Member {
  readonly handler: EventHandler<unknown>;
  readonly retryDelayMs: number;
  readonly inFlight: InFlight;
  active: boolean;
  /** Messages this member is handling now (at most the durable's maxInFlight). */
  inHand: number;
}

/** One durable consumer: a cursor over the log, messages in hand, messages awaiting redelivery. */
interface Durable {
  readonly name: string;
  readonly pattern: string;
  /** Unacked messages at once, fixed when the durable is created (like JetStream's max_ack_pending). */
  readonly maxInFlight: number;
  /** Index of the next log entry not yet looked at. */
  cursor: number;
  /** Sequence → delivery count, for messages delivered but not acked. */
  readonly unacked: Map<number, number>;
  /** Sequences ready to be delivered again (nak'd, or their ack deadline passed), smallest first. */
  redeliver: number[];
  members: Member[];
  turn: number;
}

export interface InProcessEventOptions {
  duplicateWindowMs: number;
  ackWaitMs: number;
  maxInFlight: number;
}

/**
 * The embedded JetStream: one in-memory log per bus with message-id de-duplication, durable consumers
 * with a cursor each, explicit acks and redelivery. At most `maxInFlight` unacked messages per durable
 * (default 1, like `max_ack_pending: 1`, which keeps per-subject order even across redeliveries; a
 * durable may ask for more and then keeps order itself), handed out to the members in turn.
 */
export class InProcessEvents {
  private readonly log: Entry[] = [];
  /** Entries dropped from the front of the log once every durable was past them (see trim). */
  private dropped = 0;
  private readonly seen = new Map<string, { sequence: number; at: number }>();
  private readonly durables = new Map<string, Durable>();
  private watchers: { pattern: string; handler: WatchHandler<unknown> }[] = [];

  constructor(private readonly options: InProcessEventOptions) {}

  publish(subject: string, body: string, headers: Headers, messageId: string): PublishEventResult {
    const now = Date.now();
    const seen = this.seen.get(messageId);
    if (seen !== undefined && now - seen.at < this.options.duplicateWindowMs) {
      return { sequence: seen.sequence, duplicate: true };
    }
    const sequence = this.dropped + this.log.length + 1;
    this.log.push({ sequence, subject, body, headers, messageId });
    // Re-inserted, not updated in place: forgetExpired relies on the map being in publish order.
    this.seen.delete(messageId);
    this.seen.set(messageId, { sequence, at: now });
    this.forgetExpired(now);
    for (const durable of this.durables.values()) this.schedulePump(durable);
    this.tellWatchers(subject, body, headers);
    return { sequence, duplicate: false };
  }

  /** A watcher sees what is published from now on, after the publisher has its answer (as over NATS). */
  watch(pattern: string, handler: WatchHandler<unknown>): Subscription {
    const watcher = { pattern, handler };
    this.watchers.push(watcher);
    return {
      stop: async () => {
        this.watchers = this.watchers.filter((w) => w !== watcher);
      },
    };
  }

  unwatchAll(): void {
    this.watchers = [];
  }

  private tellWatchers(subject: string, body: string, headers: Headers): void {
    for (const watcher of this.watchers) {
      if (!subjectMatches(watcher.pattern, subject)) continue;
      setImmediate(() => {
        if (!this.watchers.includes(watcher)) return;
        try {
          watcher.handler(payloadFromText(body), { ...headers }, { subject });
        } catch {
          // A watcher's failure is its own: at most once, nothing to redeliver.
        }
      });
    }
  }

  consume(
    pattern: string,
    name: string,
    handler: EventHandler<unknown>,
    retryDelayMs: number,
    maxInFlight?: number,
  ): Subscription {
    let durable = this.durables.get(name);
    if (durable === undefined) {
      durable = {
        name,
        pattern,
        maxInFlight: maxInFlight ?? this.options.maxInFlight,
        cursor: 0,
        unacked: new Map(),
        redeliver: [],
        members: [],
        turn: 0,
      };
      this.durables.set(name, durable);
    } else if (durable.pattern !== pattern) {
      throw new DurableConflict(name, durable.pattern, pattern);
    }
    const member: Member = { handler, retryDelayMs, inFlight: new InFlight(), active: true, inHand: 0 };
    durable.members.push(member);
    const joined = durable;
    this.schedulePump(joined);
    return {
      stop: async () => {
        member.active = false;
        joined.members = joined.members.filter((m) => m !== member);
        await member.inFlight.settled();
      },
    };
  }

  async stopAll(): Promise<void> {
    const members = [...this.durables.values()].flatMap((d) => {
      const m = d.members;
      d.members = [];
      return m;
    });
    for (const m of members) m.active = false;
    await Promise.all(members.map((m) => m.inFlight.settled()));
  }

  private forgetExpired(now: number): void {
    for (const [id, seen] of this.seen) {
      if (now - seen.at < this.options.duplicateWindowMs) break; // insertion order is publish order
      this.seen.delete(id);
    }
  }

  private schedulePump(durable: Durable): void {
    setImmediate(() => this.pump(durable));
  }

  private pump(durable: Durable): void {
    while (durable.unacked.size - durable.redeliver.length < durable.maxInFlight) {
      const member = this.idleMember(durable);
      if (member === undefined) return;
      const entry = this.next(durable);
      if (entry === undefined) return;
      const count = (durable.unacked.get(entry.sequence) ?? 0) + 1;
      durable.unacked.set(entry.sequence, count);
      this.deliver(durable, member, entry, count);
    }
  }

  private idleMember(durable: Durable): Member | undefined {
    const n = durable.members.length;
    for (let i = 0; i < n; i++) {
      const member = durable.members[(durable.turn + i) % n];
      if (member?.active && member.inHand < durable.maxInFlight) {
        durable.turn = (durable.turn + i + 1) % n;
        return member;
      }
    }
    return undefined;
  }

  private next(durable: Durable): Entry | undefined {
    const again = durable.redeliver.shift();
    if (again !== undefined) return this.log[again - 1 - this.dropped];
    while (durable.cursor < this.dropped + this.log.length) {
      const entry = this.log[durable.cursor - this.dropped];
      durable.cursor++;
      if (entry !== undefined && subjectMatches(durable.pattern, entry.subject)) return entry;
    }
    return undefined;
  }

  private deliver(durable: Durable, member: Member, entry: Entry, deliveryCount: number): void {
    member.inHand++;
    let outcome: 'pending' | 'acked' | 'released' = 'pending';
    // Past the ack deadline the message goes to another member; the late result no longer counts.
    const deadline = setTimeout(() => {
      if (outcome !== 'pending') return;
      outcome = 'released';
      this.release(durable, entry.sequence, 0);
    }, this.options.ackWaitMs);
    const work = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        if (!member.active) throw new Error('member stopped before delivery');
        const context = { subject: entry.subject, messageId: entry.messageId, deliveryCount };
        await member.handler(payloadFromText(entry.body), { ...entry.headers }, context);
        if (outcome === 'pending') {
          outcome = 'acked';
          durable.unacked.delete(entry.sequence);
          this.trim();
        }
      } catch {
        if (outcome === 'pending') {
          outcome = 'released';
          this.release(durable, entry.sequence, member.retryDelayMs);
        }
      } finally {
        clearTimeout(deadline);
        member.inHand--;
        this.schedulePump(durable);
      }
    })();
    void member.inFlight.track(work);
  }

  /**
   * Drops the entries every durable has acked (its cursor is past them and none is awaiting
   * redelivery), a thousand at a time: a long-running embedded docket would otherwise keep every event
   * ever published in memory. Like a JetStream stream with limits, a durable created later starts at
   * the oldest entry kept; in the embedded mode every durable exists from the start.
   */
  private trim(): void {
    if (this.log.length < 2048 || this.durables.size === 0) return;
    let keepFrom = this.dropped + this.log.length;
    for (const durable of this.durables.values()) {
      keepFrom = Math.min(keepFrom, durable.cursor);
      for (const sequence of durable.unacked.keys()) keepFrom = Math.min(keepFrom, sequence - 1);
    }
    const droppable = keepFrom - this.dropped;
    if (droppable < 1024) return;
    this.log.splice(0, droppable);
    this.dropped += droppable;
  }

  /** Nak: the message stays counted as unacked (holding its place in order) until it is due again. */
  private release(durable: Durable, sequence: number, delayMs: number): void {
    const requeue = (): void => {
      if (!durable.unacked.has(sequence)) return;
      durable.redeliver.push(sequence);
      durable.redeliver.sort((a, b) => a - b);
      this.pump(durable);
    };
    if (delayMs > 0) setTimeout(requeue, delayMs);
    else setImmediate(requeue);
  }
}
