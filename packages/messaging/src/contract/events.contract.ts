import { describe, expect, it } from 'vitest';
import { CORRELATION_ID_HEADER, type EventContext, type Headers } from '../bus';
import { DurableConflict, InvalidSubject, MissingMessageId } from '../errors';
import { type BusOf, eventually, gate } from './fixtures';

interface Received {
  payload: { n: number };
  headers: Headers;
  context: EventContext;
}

/** Integration events: durable, at least once, de-duplicated by message id, ordered for one member. */
export function eventContract(bus: BusOf): void {
  const publish = (subject: string, n: number, messageId = `evt-${subject}-${n}`) =>
    bus().publishEvent(subject, { n }, { messageId });

  const collect = async (pattern: string, durable: string, into: Received[], retryDelayMs = 20) =>
    bus().consume<{ n: number }>(
      pattern,
      (payload, headers, context) => {
        into.push({ payload, headers, context });
      },
      { durable, retryDelayMs },
    );

  describe('integration events', () => {
    it('delivers an event with its payload, headers, subject and message id', async () => {
      const got: Received[] = [];
      await collect('evt.intake.>', 'review-tasks', got);
      const result = await bus().publishEvent(
        'evt.intake.accepted',
        { n: 1, revision: 7n },
        { messageId: 'e0d3c1a2-0000-4000-8000-000000000001', headers: { [CORRELATION_ID_HEADER]: 'SZ-1' } },
      );
      expect(result.duplicate).toBe(false);
      await eventually(() => got.length === 1);
      expect(got[0]?.payload).toEqual({ n: 1, revision: 7n });
      expect(got[0]?.headers).toEqual({ [CORRELATION_ID_HEADER]: 'SZ-1' });
      expect(got[0]?.context).toEqual({
        subject: 'evt.intake.accepted',
        messageId: 'e0d3c1a2-0000-4000-8000-000000000001',
        deliveryCount: 1,
      });
    });

    it('drops a second publish with the same message id', async () => {
      const got: Received[] = [];
      await collect('evt.>', 'dedup', got);
      const first = await publish('evt.intake.accepted', 1, 'event-1');
      const again = await publish('evt.intake.accepted', 1, 'event-1');
      expect(again).toEqual({ sequence: first.sequence, duplicate: true });
      await publish('evt.intake.accepted', 2, 'event-2');
      await eventually(() => got.some((r) => r.payload.n === 2));
      expect(got.map((r) => r.context.messageId)).toEqual(['event-1', 'event-2']);
    });

    it('only delivers subjects matching the consumer pattern', async () => {
      const got: Received[] = [];
      await collect('evt.review.*', 'monitoring-review', got);
      await publish('evt.intake.accepted', 1);
      await publish('evt.review.completed', 2);
      await publish('evt.review.task.opened', 3);
      await publish('evt.review.opinion', 4);
      await eventually(() => got.some((r) => r.payload.n === 4));
      expect(got.map((r) => r.context.subject)).toEqual(['evt.review.completed', 'evt.review.opinion']);
    });

    it('keeps publish order for one member, across subjects', async () => {
      const got: Received[] = [];
      await collect('evt.>', 'ordered', got);
      const count = 30;
      for (let n = 0; n < count; n++) await publish(n % 3 === 0 ? 'evt.intake.a' : 'evt.review.b', n);
      await eventually(() => got.length === count);
      expect(got.map((r) => r.payload.n)).toEqual([...Array(count).keys()]);
    });

    it('catches a restarted durable consumer up on what was published while it was away', async () => {
      const got: Received[] = [];
      const first = await collect('evt.>', 'supervision', got);
      await publish('evt.intake.accepted', 1);
      await eventually(() => got.length === 1);
      await first.stop();
      await publish('evt.intake.accepted', 2);
      await publish('evt.review.completed', 3);
      const later: Received[] = [];
      await collect('evt.>', 'supervision', later);
      await eventually(() => later.length === 2);
      expect(later.map((r) => r.payload.n)).toEqual([2, 3]);
      expect(later.map((r) => r.context.deliveryCount)).toEqual([1, 1]);
    });

    it('gives a durable created later everything already published', async () => {
      await publish('evt.intake.accepted', 1);
      await publish('evt.intake.accepted', 2);
      const got: Received[] = [];
      await collect('evt.>', 'late-joiner', got);
      await eventually(() => got.length === 2);
      expect(got.map((r) => r.payload.n)).toEqual([1, 2]);
    });

    it('redelivers an event whose handler threw, before any later event', async () => {
      const attempts: { n: number; deliveryCount: number }[] = [];
      let failures = 0;
      await bus().consume<{ n: number }>(
        'evt.>',
        (payload, _headers, context) => {
          attempts.push({ n: payload.n, deliveryCount: context.deliveryCount });
          if (payload.n === 1 && failures < 2) {
            failures++;
            throw new Error('ledger busy');
          }
        },
        { durable: 'clock', retryDelayMs: 20 },
      );
      await publish('evt.intake.accepted', 1);
      await publish('evt.intake.accepted', 2);
      await eventually(() => attempts.some((a) => a.n === 2));
      expect(attempts).toEqual([
        { n: 1, deliveryCount: 1 },
        { n: 1, deliveryCount: 2 },
        { n: 1, deliveryCount: 3 },
        { n: 2, deliveryCount: 1 },
      ]);
    });

    it('finishes and acks the event in hand when a member stops, so it is not handled again', async () => {
      const held = gate();
      const first: number[] = [];
      const member = await bus().consume<{ n: number }>(
        'evt.>',
        async (payload) => {
          first.push(payload.n);
          await held.wait;
        },
        { durable: 'delivery', retryDelayMs: 20 },
      );
      await publish('evt.review.completed', 1);
      await publish('evt.review.completed', 2);
      await eventually(() => first.length === 1);
      const stopping = member.stop();
      held.open();
      await stopping;
      const second: Received[] = [];
      await collect('evt.>', 'delivery', second);
      await eventually(() => second.length === 1);
      expect(first).toEqual([1]);
      expect(second.map((r) => [r.payload.n, r.context.deliveryCount])).toEqual([[2, 1]]);
    });

    it('shares a durable between two members: each gets some, none is lost', async () => {
      const handledBy: string[][] = [];
      const member = (name: string) => async (payload: { n: number }) => {
        handledBy[payload.n] = [...(handledBy[payload.n] ?? []), name];
        await new Promise((resolve) => setImmediate(resolve));
      };
      await bus().consume('evt.>', member('a'), { durable: 'review-pool' });
      await bus().consume('evt.>', member('b'), { durable: 'review-pool' });
      const count = 30;
      for (let n = 0; n < count; n++) await publish('evt.intake.accepted', n);
      await eventually(() => handledBy.filter((h) => h !== undefined).length === count);
      const members = handledBy.flat();
      expect(members.filter((m) => m === 'a').length).toBeGreaterThan(0);
      expect(members.filter((m) => m === 'b').length).toBeGreaterThan(0);
      for (let n = 0; n < count; n++) expect(handledBy[n]?.length).toBeGreaterThanOrEqual(1);
    });

    it('hands a durable with maxInFlight n up to n messages at once, each acked once', async () => {
      const held = gate();
      const inHand: number[] = [];
      const done: number[] = [];
      let most = 0;
      await bus().consume<{ n: number }>(
        'evt.>',
        async (payload) => {
          inHand.push(payload.n);
          most = Math.max(most, inHand.length);
          await held.wait;
          inHand.splice(inHand.indexOf(payload.n), 1);
          done.push(payload.n);
        },
        { durable: 'reactions', maxInFlight: 4 },
      );
      for (let n = 0; n < 10; n++) await publish('evt.intake.accepted', n);
      // Four are handed out in publish order and held; no fifth until one of them is acked.
      await eventually(() => inHand.length === 4);
      expect([...inHand].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
      held.open();
      await eventually(() => done.length === 10);
      expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(most).toBe(4);
    });

    it('refuses events outside the event subjects, without a message id, or a durable reused for another pattern', async () => {
      await expect(publish('intake.cmd.accept', 1)).rejects.toBeInstanceOf(InvalidSubject);
      await expect(publish('evt.intake.accepted', 1, '')).rejects.toBeInstanceOf(MissingMessageId);
      const member = await collect('evt.intake.>', 'projection', []);
      await member.stop();
      await expect(collect('evt.review.>', 'projection', [])).rejects.toBeInstanceOf(DurableConflict);
      await expect(collect('evt.>', 'bad.name', [])).rejects.toBeInstanceOf(InvalidSubject);
    });

    describe('watching events (no durable, from now on)', () => {
      it('tells a watcher of each matching event published after it started, with payload, headers and subject', async () => {
        await publish('evt.application.ApplicationSubmitted', 0, 'before-watching');
        const seen: { payload: unknown; headers: Headers; subject: string }[] = [];
        const watcher = bus().watch('evt.application.>', (payload, headers, { subject }) =>
          seen.push({ payload, headers, subject }),
        );
        // Over NATS the subscription is sent on the publisher's connection, ahead of the next publish.
        await bus().publishEvent('evt.review.ReviewOpened', { n: 1 }, { messageId: 'other-subject' });
        await bus().publishEvent(
          'evt.application.ApplicationAccepted',
          { n: 2, position: 42n },
          { messageId: 'watched-1', headers: { [CORRELATION_ID_HEADER]: '20260302-000001' } },
        );
        await eventually(() => seen.length === 1);
        expect(seen).toEqual([
          {
            payload: { n: 2, position: 42n },
            headers: { [CORRELATION_ID_HEADER]: '20260302-000001' },
            subject: 'evt.application.ApplicationAccepted',
          },
        ]);

        await watcher.stop();
        await publish('evt.application.ApplicationWithdrawn', 3, 'after-stop');
        // A durable consumer on the same subjects proves the event went out; the stopped watcher saw nothing.
        const got: Received[] = [];
        await collect('evt.application.>', 'watch-witness', got);
        await eventually(() => got.some((r) => r.payload.n === 3));
        expect(seen).toHaveLength(1);
      });

      it('keeps telling the other watchers when one throws', async () => {
        const seen: number[] = [];
        const failing = bus().watch('evt.>', () => {
          throw new Error('a watcher that fails');
        });
        const healthy = bus().watch<{ n: number }>('evt.>', (payload) => seen.push(payload.n));
        await bus().publishEvent('evt.review.ReviewOpened', { n: 1 }, { messageId: 'w-1' });
        await bus().publishEvent('evt.review.ReviewOpened', { n: 2 }, { messageId: 'w-2' });
        await eventually(() => seen.length === 2);
        expect(seen).toEqual([1, 2]);
        await failing.stop();
        await healthy.stop();
      });
    });
  });
}
