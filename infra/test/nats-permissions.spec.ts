import { type Bus, connectNatsBus, NoResponders } from '@docket/messaging';
import { natsServerUnavailable } from '@docket/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  docketServices,
  environmentOf,
  loadCompose,
  type RunningNatsServer,
  startConfiguredNatsServer,
} from './support';

/**
 * infra/nats/nats-server.conf for real: the nats-server binary (Debian's 2.9.10 here) runs the file as
 * deployed (only the ports and the store directory are replaced, see deriveTestConfig), and each
 * service connects with the credentials docker-compose.yml gives it, through the same bus the services
 * use (@docket/messaging over nats.js and JetStream). A permission the services need and the file
 * lacks fails here; so does one the file grants and should not.
 */
const unavailable = natsServerUnavailable();
if (unavailable !== undefined) console.warn(`infra NATS permissions: every test skipped: ${unavailable}`);

const SERVICES = ['intake', 'review', 'monitoring', 'supervision', 'audit'] as const;
type Service = (typeof SERVICES)[number];
type User = Service | 'gateway';
const USERS: readonly User[] = [...SERVICES, 'gateway'];

/** Who publishes which event categories (evt.<category>.<EventType>): the owner of the streams. */
const CATEGORIES: Record<Service, string[]> = {
  intake: ['application', 'catalogue'],
  review: ['review'],
  monitoring: ['clock', 'calendar'],
  supervision: ['complaint', 'order', 'rating', 'score'],
  audit: ['disclosure'],
};
const ALL_CATEGORIES = Object.values(CATEGORIES).flat();

/** The commands a user may send besides its own: the gateway all of them, monitoring's reactions. */
const COMMANDS_TO: Record<User, Service[]> = {
  intake: ['intake'],
  review: ['review'],
  monitoring: ['monitoring', 'review', 'intake'],
  supervision: ['supervision'],
  audit: ['audit'],
  gateway: [...SERVICES],
};

const compose = loadCompose();
const credentials = (user: User): { user: string; pass: string } => {
  const env = environmentOf(compose.services[user] ?? {});
  return { user: env.NATS_USER ?? '', pass: env.NATS_PASSWORD ?? '' };
};

let server: RunningNatsServer | undefined;
const opened: Bus[] = [];

async function connectAs(user: User, options: { pass?: string; to?: RunningNatsServer } = {}): Promise<Bus> {
  const target = options.to ?? server;
  if (target === undefined) throw new Error('no nats-server');
  const creds = credentials(user);
  const bus = await connectNatsBus({
    servers: target.url,
    name: `infra-test-${user}`,
    connection: { user: creds.user, pass: options.pass ?? creds.pass, reconnect: false },
    defaultTimeoutMs: 3000,
  });
  opened.push(bus);
  return bus;
}

/**
 * That the server refused the publish: its `-ERR 'Permissions Violation for Publish to "<subject>"'`,
 * which nats.js raises as a PermissionViolationError (for a request, the cause of a RequestError).
 */
async function expectRefused(sent: Promise<unknown>, subject: string | RegExp, message = ''): Promise<void> {
  const outcome = await sent.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  expect('error' in outcome, `${message}: expected a refusal, got ${JSON.stringify(outcome)}`).toBe(true);
  let error = 'error' in outcome ? outcome.error : undefined;
  while (error instanceof Error && error.name !== 'PermissionViolationError' && error.cause !== undefined) {
    error = error.cause;
  }
  expect(error, message).toMatchObject({
    name: 'PermissionViolationError',
    operation: 'publish',
    subject: typeof subject === 'string' ? subject : expect.stringMatching(subject),
  });
}

/**
 * A round trip on the bus's own connection: once the server answered it (NoResponders), it has
 * processed everything the connection sent before, a subscription included (NATS keeps a
 * connection's order). Every user may request intake.qry.>, and nothing serves this subject.
 */
async function flush(bus: Bus): Promise<void> {
  await expect(bus.request('intake.qry.nobodyServesThis', {})).rejects.toBeInstanceOf(NoResponders);
}

let probe = 0;
const unique = (prefix: string): string => `${prefix}${++probe}`;

beforeAll(async () => {
  if (unavailable === undefined) server = await startConfiguredNatsServer();
}, 30_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((bus) => bus.close().catch(() => undefined)));
});

afterAll(async () => {
  await server?.stop();
});

describe.skipIf(unavailable !== undefined)(
  'infra/nats/nats-server.conf on a real nats-server',
  { timeout: 30_000 },
  () => {
    describe('authentication', () => {
      it('lets every service in with the credentials docker-compose.yml gives it', async () => {
        expect([...USERS].sort()).toEqual(docketServices());
        for (const user of USERS) {
          const bus = await connectAs(user);
          await flush(bus);
        }
      });

      it('refuses a wrong password, an unknown user and a connection without credentials', async () => {
        await expect(connectAs('intake', { pass: 'not-the-password' })).rejects.toThrow(
          /Authorization Violation/i,
        );
        await expect(
          connectNatsBus({
            servers: server?.url ?? '',
            name: 'infra-test-stranger',
            connection: { user: 'monitor', pass: credentials('intake').pass, reconnect: false },
          }),
        ).rejects.toThrow(/Authorization Violation/i);
        await expect(
          connectNatsBus({
            servers: server?.url ?? '',
            name: 'infra-test-anonymous',
            connection: { reconnect: false },
          }),
        ).rejects.toThrow(/Authorization Violation/i);
      });

      it.each(USERS)('lets %s create the event stream when it is the first to connect', async (user) => {
        const fresh = await startConfiguredNatsServer();
        try {
          await connectAs(user, { to: fresh });
          const jsz = (await (await fetch(`${fresh.monitorUrl}/jsz`)).json()) as { streams?: number };
          expect(jsz.streams).toBe(1);
        } finally {
          await Promise.all(opened.splice(0).map((bus) => bus.close().catch(() => undefined)));
          await fresh.stop();
        }
      });
    });

    describe('commands and queries', () => {
      it('carries the gateway request to intake.cmd.x to the intake queue group and back', async () => {
        const intake = await connectAs('intake');
        const gateway = await connectAs('gateway');
        intake.serve('intake.cmd.x', (payload: { n: number }) => ({ accepted: payload.n }), {
          queue: 'intake',
        });
        await flush(intake);
        expect(await gateway.request('intake.cmd.x', { n: 7 })).toEqual({ accepted: 7 });
      });

      it('does not let the gateway serve intake.cmd.x', async () => {
        const gateway = await connectAs('gateway');
        gateway.serve('intake.cmd.x', () => 'forged', { queue: 'intake' });
        await flush(gateway);
        await expect(gateway.request('intake.cmd.x', {})).rejects.toBeInstanceOf(NoResponders);
      });

      it.each(USERS)('lets %s send exactly the commands and queries it needs', async (user) => {
        const bus = await connectAs(user);
        for (const target of SERVICES) {
          for (const kind of ['cmd', 'qry'] as const) {
            const subject = `${target}.${kind}.${unique('permissionProbe')}`;
            const allowed = kind === 'qry' || COMMANDS_TO[user].includes(target);
            const sent = bus.request(subject, {}, { timeoutMs: 2000 });
            // Nothing serves the probe: a permitted request meets NoResponders, a refused one the server's -ERR.
            if (allowed) await expect(sent, `${user} -> ${subject}`).rejects.toBeInstanceOf(NoResponders);
            else await expectRefused(sent, subject, `${user} -> ${subject}`);
          }
        }
        await expectRefused(bus.request(`gateway.cmd.${unique('p')}`, {}), /^gateway\.cmd\./, user);
      });

      it.each(SERVICES)('lets %s serve its own commands and queries and no one else’s', async (user) => {
        const bus = await connectAs(user);
        const gateway = await connectAs('gateway');
        for (const target of SERVICES) {
          for (const kind of ['cmd', 'qry'] as const) {
            const subject = `${target}.${kind}.${unique('serveProbe')}`;
            bus.serve(subject, () => `served by ${user}`, { queue: user });
            await flush(bus);
            const answer = gateway.request(subject, {}, { timeoutMs: 2000 });
            if (target === user) await expect(answer, subject).resolves.toBe(`served by ${user}`);
            else await expect(answer, `${user} serving ${subject}`).rejects.toBeInstanceOf(NoResponders);
          }
        }
      });
    });

    describe('integration events', () => {
      it('lets intake publish evt.application.ApplicationAccepted and review consume it with a durable', async () => {
        const intake = await connectAs('intake');
        const review = await connectAs('review');
        const published = await intake.publishEvent(
          'evt.application.ApplicationAccepted',
          { caseNo: '2026-310101-000001' },
          { messageId: '0190f5d2-0000-7000-8000-000000000001' },
        );
        expect(published.duplicate).toBe(false);
        let got!: (delivery: { payload: unknown; messageId: string }) => void;
        const received = new Promise<{ payload: unknown; messageId: string }>((resolve) => {
          got = resolve;
        });
        await review.consume(
          'evt.application.ApplicationAccepted',
          async (payload, _headers, context) => got({ payload, messageId: context.messageId }),
          { durable: 'review-infra-accepted' },
        );
        expect(await received).toEqual({
          payload: { caseNo: '2026-310101-000001' },
          messageId: '0190f5d2-0000-7000-8000-000000000001',
        });
      });

      it('lets a consumer ack (a restarted member gets only what came after) and nak (redelivered)', async () => {
        const review = await connectAs('review');
        const monitoring = await connectAs('monitoring');
        const subject = 'evt.review.InfraAckProbe';
        await review.publishEvent(subject, { n: 1 }, { messageId: unique('ack-') });
        let gotFirst!: (payload: unknown) => void;
        const first = new Promise<unknown>((resolve) => {
          gotFirst = resolve;
        });
        const member = await monitoring.consume(subject, async (payload) => gotFirst(payload), {
          durable: 'monitoring-infra-ack',
        });
        expect(await first).toEqual({ n: 1 });
        await member.stop(); // lets the message in hand finish: its ack is confirmed by then

        await review.publishEvent(subject, { n: 2 }, { messageId: unique('ack-') });
        const deliveries: { payload: unknown; count: number }[] = [];
        let gotSecond!: (payload: unknown) => void;
        const second = new Promise<unknown>((resolve) => {
          gotSecond = resolve;
        });
        await monitoring.consume(
          subject,
          async (payload, _headers, context) => {
            deliveries.push({ payload, count: context.deliveryCount });
            if (context.deliveryCount === 1) throw new Error('not yet: nak, redeliver');
            gotSecond(payload);
          },
          { durable: 'monitoring-infra-ack', retryDelayMs: 100 },
        );
        expect(await second).toEqual({ n: 2 });
        // { n: 1 } was acked and never comes back; { n: 2 } was naked once and redelivered.
        expect(deliveries).toEqual([
          { payload: { n: 2 }, count: 1 },
          { payload: { n: 2 }, count: 2 },
        ]);
      });

      it('does not let review publish evt.application.X', async () => {
        const review = await connectAs('review');
        await expectRefused(
          review.publishEvent('evt.application.X', {}, { messageId: unique('x-') }),
          'evt.application.X',
        );
      });

      it('does not let the gateway publish or consume events', async () => {
        const gateway = await connectAs('gateway');
        await expectRefused(
          gateway.publishEvent('evt.application.ApplicationAccepted', {}, { messageId: unique('g-') }),
          'evt.application.ApplicationAccepted',
        );
        await expectRefused(
          gateway.consume('evt.application.>', async () => undefined, { durable: 'gateway-infra-events' }),
          /^\$JS\.API\.CONSUMER\.(CREATE|DURABLE\.CREATE)\.DOCKET_EVENTS\./,
        );
      });

      it.each(SERVICES)('lets %s publish its own event categories only', async (user) => {
        const bus = await connectAs(user);
        for (const category of ALL_CATEGORIES) {
          const subject = `evt.${category}.InfraPublishProbe`;
          const sent = bus.publishEvent(subject, { by: user }, { messageId: unique(`${user}-`) });
          if (CATEGORIES[user].includes(category))
            await expect(sent, `${user} -> ${subject}`).resolves.toMatchObject({ duplicate: false });
          else await expectRefused(sent, subject, `${user} -> ${subject}`);
        }
      });

      it.each(USERS)('does not let %s listen to the event subjects outside JetStream', async (user) => {
        const bus = await connectAs(user);
        const intake = user === 'intake' ? bus : await connectAs('intake');
        const overheard: string[] = [];
        bus.serve('evt.>', (_payload, _headers, context) => {
          overheard.push(context.subject);
        });
        await flush(bus);
        await intake.publishEvent('evt.application.InfraOverheardProbe', {}, { messageId: unique('o-') });
        await flush(bus);
        expect(overheard).toEqual([]);
      });

      it.each(SERVICES)('lets %s consume any category', async (user) => {
        const bus = await connectAs(user);
        const members = await Promise.all(
          ALL_CATEGORIES.map((category) =>
            bus.consume(`evt.${category}.InfraConsumeProbe`, async () => undefined, {
              durable: `${user}-infra-consume-${category}`,
            }),
          ),
        );
        await Promise.all(members.map((member) => member.stop()));
      });
    });

    describe('administration of the stream', () => {
      it.each(USERS)(
        'is refused to %s: no delete, purge, update of the stream, no consumer deleted',
        async (user) => {
          const bus = await connectAs(user);
          for (const subject of [
            '$JS.API.STREAM.DELETE.DOCKET_EVENTS',
            '$JS.API.STREAM.PURGE.DOCKET_EVENTS',
            '$JS.API.STREAM.UPDATE.DOCKET_EVENTS',
            '$JS.API.CONSUMER.DELETE.DOCKET_EVENTS.review-infra-accepted',
            '$JS.API.STREAM.CREATE.OTHER_STREAM',
            '$JS.API.STREAM.LIST',
          ]) {
            await expectRefused(bus.request(subject, {}), subject, `${user}: ${subject}`);
          }
        },
      );
    });
  },
);
