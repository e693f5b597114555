import { type NatsServerProcess, natsServerUnavailable, startNatsServer } from '@docket/testkit';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_HEADER } from '../src/bus';
import { decodePayload } from '../src/codec';
import { eventually } from '../src/contract/fixtures';
import { connectNatsBus, NATS_ACK_WAIT_MS } from '../src/nats';

/** What only a real NATS server can show: foreign bytes on the wire, a member that dies, stream settings. */
const unavailable = natsServerUnavailable();
let server: NatsServerProcess | undefined;

beforeAll(async () => {
  if (unavailable === undefined) server = await startNatsServer();
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const url = (): string => {
  if (server === undefined) throw new Error('no nats-server');
  return server.url;
};

describe.skipIf(unavailable !== undefined)('NATS bus', { timeout: 20_000 }, () => {
  it('answers a request whose body is not JSON with a MalformedMessage error and keeps serving', async () => {
    const bus = await connectNatsBus({
      servers: url(),
      name: 'intake',
      stream: 'MALFORMED_REQ',
      eventSubjects: ['m1.>'],
    });
    bus.serve('intake.cmd.accept', () => 'accepted');
    const raw = await connect({ servers: url() });
    const reply = await raw.request('intake.cmd.accept', new TextEncoder().encode('{not json'), {
      timeout: 5000,
    });
    expect(reply.headers?.get(ERROR_HEADER)).toBe('1');
    expect(decodePayload(reply.data)).toMatchObject({ code: 'MalformedMessage' });
    expect(await bus.request('intake.cmd.accept', {})).toBe('accepted');
    await raw.close();
    await bus.close();
  });

  it('terminates an event that is not JSON, reports it, and goes on with the next', async () => {
    const undeliverable: string[] = [];
    const bus = await connectNatsBus({
      servers: url(),
      name: 'monitoring',
      stream: 'MALFORMED_EVT',
      eventSubjects: ['m2.>'],
      onUndeliverable: (_error, subject) => undeliverable.push(subject),
    });
    const got: unknown[] = [];
    await bus.consume(
      'm2.>',
      (p) => {
        got.push(p);
      },
      { durable: 'monitoring' },
    );
    const raw = await connect({ servers: url() });
    await jetstream(raw).publish('m2.bad', new TextEncoder().encode('\u0000garbage'), { msgID: 'bad-1' });
    await bus.publishEvent('m2.good', { ok: 1n }, { messageId: 'good-1' });
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ ok: 1n }]);
    expect(undeliverable).toEqual(['m2.bad']);
    await raw.close();
    await bus.close();
  });

  it('redelivers an event whose consumer died before acking it', async () => {
    const options = {
      servers: url(),
      name: 'review',
      stream: 'DYING',
      eventSubjects: ['d.>'],
      ackWaitMs: 1000,
    };
    const bus = await connectNatsBus(options);
    // Create the durable, then let a raw connection take the event and vanish without acking.
    await (await bus.consume('d.>', () => undefined, { durable: 'review-tasks' })).stop();
    await bus.publishEvent('d.intake.accepted', { n: 1 }, { messageId: 'dying-1' });
    const doomed = await connect({ servers: url() });
    const consumer = await jetstream(doomed).consumers.get('DYING', 'review-tasks');
    const taken = await consumer.next({ expires: 5000 });
    expect(taken?.subject).toBe('d.intake.accepted');
    await doomed.close();

    const got: { n: number; deliveryCount: number }[] = [];
    await bus.consume<{ n: number }>(
      'd.>',
      (p, _h, ctx) => {
        got.push({ n: p.n, deliveryCount: ctx.deliveryCount });
      },
      { durable: 'review-tasks' },
    );
    await eventually(() => got.length === 1);
    expect(got).toEqual([{ n: 1, deliveryCount: 2 }]);
    await bus.close();
  });

  it('keeps a handler slower than ack_wait its own: no redelivery while it works', async () => {
    const bus = await connectNatsBus({
      servers: url(),
      name: 'monitoring',
      stream: 'SLOW',
      eventSubjects: ['s.>'],
      ackWaitMs: 600,
    });
    const deliveries: number[] = [];
    await bus.consume(
      's.>',
      async (_p, _h, ctx) => {
        deliveries.push(ctx.deliveryCount);
        // Three times ack_wait: without progress acks the server would redeliver it twice meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 1800));
      },
      { durable: 'slow-one', maxInFlight: 4 },
    );
    await bus.publishEvent('s.slow', { n: 1 }, { messageId: 'slow-1' });
    await bus.publishEvent('s.marker', { n: 2 }, { messageId: 'slow-2' });
    await eventually(() => deliveries.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(deliveries).toEqual([1, 1]);
    await bus.close();
  });

  it('gives new durables a short ack_wait by default, so a dead member’s messages come back within seconds', async () => {
    const bus = await connectNatsBus({
      servers: url(),
      name: 'review',
      stream: 'DEFAULTS',
      eventSubjects: ['e.>'],
    });
    await (await bus.consume('e.>', () => undefined, { durable: 'defaults' })).stop();
    const nc = await connect({ servers: url() });
    const info = await (await jetstreamManager(nc)).consumers.info('DEFAULTS', 'defaults');
    expect(info.config.ack_wait).toBe(NATS_ACK_WAIT_MS * 1_000_000);
    await nc.close();
    await bus.close();
  });

  it('creates the configured stream with its subjects and duplicate window', async () => {
    const bus = await connectNatsBus({
      servers: url(),
      name: 'gateway',
      stream: 'CUSTOM_EVENTS',
      eventSubjects: ['c.>'],
      duplicateWindowMs: 60_000,
    });
    const nc = await connect({ servers: url() });
    const info = await (await jetstreamManager(nc)).streams.info('CUSTOM_EVENTS');
    expect(info.config.subjects).toEqual(['c.>']);
    expect(info.config.duplicate_window).toBe(60_000 * 1_000_000);
    await nc.close();
    await bus.close();
  });
});
