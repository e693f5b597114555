import { healthOf, SERVICES } from '@docket/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestGateway, type TestGateway } from './support';

/**
 * An operator reads `/api/health` for what to act on: a warning is listed once at the top however many
 * services report it, and beside the service that does; it does not make the centre "degraded" (a load
 * balancer must not take a missing calendar year for an outage).
 */
describe('health warnings', () => {
  let t: TestGateway;
  const calendar = 'the working-day calendar has no schedule for 2027, which starts in 31 days';

  beforeAll(async () => {
    t = await startTestGateway();
    for (const service of SERVICES) {
      const warnings =
        service === 'audit' ? [] : service === 'monitoring' ? [calendar, 'another'] : [calendar];
      t.bus.serve(healthOf(service).subject, () => ({
        service,
        checkpoints: { [`${service}-relay`]: 7n },
        ...(warnings.length > 0 ? { warnings } : {}),
      }));
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists each warning once, and beside each service that reports it; the status stays ok', async () => {
    const answer = await call(`${t.url}/api/health`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      status: 'ok',
      warnings: [calendar, 'another'],
      services: {
        intake: { up: true, warnings: [calendar], checkpoints: { 'intake-relay': '7' } },
        monitoring: { up: true, warnings: [calendar, 'another'] },
      },
    });
    expect((answer.json as { services: { audit: object } }).services.audit).not.toHaveProperty('warnings');
  });
});
