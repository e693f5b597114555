import { describe, expect, it } from 'vitest';
import { eventually, gate } from '../src/contract/fixtures';
import { createInProcessBus } from '../src/in-process';

/** Behaviour the contract cannot force on a NATS server within a test: the ack deadline, retention. */
describe('in-process bus', () => {
  it('redelivers to another member an event not acked within the ack deadline, ignoring the late result', async () => {
    const bus = createInProcessBus({ ackWaitMs: 50 });
    const stuck = gate();
    const seen: { member: string; deliveryCount: number }[] = [];
    await bus.consume(
      'evt.>',
      async (_p, _h, ctx) => {
        seen.push({ member: 'stuck', deliveryCount: ctx.deliveryCount });
        await stuck.wait;
      },
      { durable: 'review-tasks' },
    );
    await bus.publishEvent('evt.intake.accepted', {}, { messageId: 'e-1' });
    await eventually(() => seen.length === 1);
    await bus.consume(
      'evt.>',
      (_p, _h, ctx) => {
        seen.push({ member: 'healthy', deliveryCount: ctx.deliveryCount });
      },
      { durable: 'review-tasks' },
    );
    await eventually(() => seen.length === 2);
    stuck.open();
    await bus.close();
    expect(seen).toEqual([
      { member: 'stuck', deliveryCount: 1 },
      { member: 'healthy', deliveryCount: 2 },
    ]);
  });

  it('forgets what every durable has acked, but never what a stopped durable still has to get', async () => {
    const bus = createInProcessBus();
    const fast: number[] = [];
    const slow: number[] = [];
    await bus.consume<{ n: number }>('evt.>', ({ n }) => void fast.push(n), { durable: 'fast' });
    const held = await bus.consume<{ n: number }>('evt.>', ({ n }) => void slow.push(n), { durable: 'slow' });
    await bus.publishEvent('evt.intake.accepted', { n: 0 }, { messageId: 'm-0' });
    await eventually(() => slow.length === 1);
    await held.stop();
    for (let n = 1; n < 5000; n++)
      await bus.publishEvent('evt.intake.accepted', { n }, { messageId: `m-${n}` });
    await eventually(() => fast.length === 5000);
    // The stopped durable holds its place: back again, it gets every event it had not acked, in order.
    await bus.consume<{ n: number }>('evt.>', ({ n }) => void slow.push(n), { durable: 'slow' });
    await eventually(() => slow.length === 5000);
    expect(slow).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    // Now both are past everything: a durable created after that starts at the oldest entry kept.
    for (let n = 5000; n < 8000; n++)
      await bus.publishEvent('evt.intake.accepted', { n }, { messageId: `m-${n}` });
    await eventually(() => fast.length === 8000 && slow.length === 8000);
    const late: number[] = [];
    await bus.consume<{ n: number }>('evt.>', ({ n }) => void late.push(n), { durable: 'late' });
    await bus.publishEvent('evt.intake.accepted', { n: 8000 }, { messageId: 'm-8000' });
    await eventually(() => late.includes(8000));
    expect(late.length).toBeLessThan(8001);
    expect(late.length).toBeGreaterThan(0);
    expect(late).toEqual([...late].sort((a, b) => a - b));
    await bus.close();
  });
});
