import { describe, expect, it } from 'vitest';
import { eventually, gate } from '../src/contract/fixtures';
import { createInProcessBus } from '../src/in-process';

/** Behaviour the contract cannot force on a NATS server within a test: the ack deadline. */
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
});
