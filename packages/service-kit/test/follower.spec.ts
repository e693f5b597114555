import { healthOf, type ServiceHealth } from '@docket/contracts';
import { createInProcessBus } from '@docket/messaging';
import { describe, expect, it } from 'vitest';
import { startFollower } from '../src/follower';
import type { ServiceDeps } from '../src/service';

describe('a following service (monitoring and supervision for now)', () => {
  it('follows the integration events with its durable and reports how far, per category', async () => {
    const bus = createInProcessBus();
    const following = await startFollower({ bus } as ServiceDeps, 'monitoring', {
      durable: 'monitoring-events',
      pattern: 'evt.>',
    });
    const publish = (stream: string, position: bigint) =>
      bus.publishEvent(
        `evt.${stream.split('-')[0]}.X`,
        { stream, position },
        { messageId: `${stream}-${position}` },
      );
    await publish('application-C1', 3n);
    await publish('review-C1', 5n);
    await publish('application-C2', 7n);
    let health: ServiceHealth | undefined;
    for (let i = 0; i < 100; i++) {
      health = await bus.request<ServiceHealth>(healthOf('monitoring').subject, {});
      if (health.checkpoints['monitoring-events:application'] === 7n) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(health).toEqual({
      service: 'monitoring',
      checkpoints: { 'monitoring-events:application': 7n, 'monitoring-events:review': 5n },
    });
    await following.close();
    await bus.close();
  });
});
