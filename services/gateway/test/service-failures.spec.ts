import { intake, review } from '@docket/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestGateway, foodSubmission as submission, type TestGateway } from './support';

const SECRET = '/srv/docket/data/ledger.db';

/**
 * What a client and an operator see when a service fails or is missing. The gateway runs alone on a real
 * in-process bus; stand-in services answer the subjects these tests need.
 */
describe('service failures through the gateway', () => {
  let t: TestGateway;
  let clerk: string;
  let releaseSlowReview: () => void = () => undefined;

  beforeAll(async () => {
    t = await startTestGateway({ deps: { requestTimeoutMs: 200 } });
    clerk = `Bearer ${await t.tokenFor('clerk')}`;
    // A service whose reply the gateway cannot use: a bug in the gateway's handling (TypeError), a 500.
    t.bus.serve(intake.submit.subject, () => null);
    // A service that fails with a Node error naming a file: the bus sanitises it before it leaves.
    t.bus.serve(intake.items.subject, () => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${SECRET}'`), {
        code: 'EACCES',
        syscall: 'open',
      });
    });
    // A typed error whose message names a file: the gateway keeps it from the client.
    t.bus.serve(intake.item.subject, () => {
      throw Object.assign(new Error(`${SECRET} is not a docket ledger`), { code: 'NotALedger' });
    });
    // A service that does not answer in time.
    t.bus.serve(
      review.review.subject,
      () =>
        new Promise<void>((resolve) => {
          releaseSlowReview = resolve;
        }),
    );
  });

  afterAll(async () => {
    releaseSlowReview();
    await t?.close();
  });

  const expectBare500 = (answer: { status: number; headers: Headers; text: string; json: unknown }) => {
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.json).toEqual({
      type: 'urn:docket:problem:InternalError',
      title: 'Internal error',
      status: 500,
      detail: 'The request could not be handled',
      code: 'InternalError',
      instance: expect.any(String),
    });
    expect(answer.text).not.toMatch(/srv\/docket|TypeError|Cannot read|EACCES|\bat\b/);
  };

  it('a fault inside the gateway is a bare 500 for the client and the full error for the operator', async () => {
    const answer = await call(`${t.url}/api/applications`, {
      method: 'POST',
      headers: { authorization: clerk, 'content-type': 'application/json' },
      body: JSON.stringify(submission),
    });
    expectBare500(answer);
    const logged = t.logged.find((entry) => entry.message.startsWith('/api/applications'));
    expect(logged?.error).toBeInstanceOf(TypeError);
  });

  it("a service's Node error (with a path) is a bare 500", async () => {
    expectBare500(await call(`${t.url}/api/catalogue/items`));
  });

  it('a typed error whose message names internals is a bare 500', async () => {
    expectBare500(await call(`${t.url}/api/catalogue/items/310101-FOOD-BL`));
  });

  it('no service serving the subject: 503 NoResponders', async () => {
    const answer = await call(`${t.url}/api/cases`, { headers: { authorization: clerk } });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'NoResponders', type: 'urn:docket:problem:NoResponders' });
  });

  it('a service that does not answer in time: 504 RequestTimeout', async () => {
    const answer = await call(`${t.url}/api/reviews/20261201-7K3QXM`, { headers: { authorization: clerk } });
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'RequestTimeout' });
  });

  it('health is 503 and says which services did not answer (a load balancer takes the hint)', async () => {
    const answer = await call(`${t.url}/api/health`);
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({
      status: 'degraded',
      services: {
        intake: { up: false, error: 'NoResponders' },
        review: { up: false, error: 'NoResponders' },
        monitoring: { up: false },
        supervision: { up: false },
      },
    });
  });
});
