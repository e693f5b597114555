import 'reflect-metadata';
import {
  ACTOR_HEADER,
  type Bus,
  CORRELATION_ID_HEADER,
  connectNatsBus,
  createInProcessBus,
  NoResponders,
  RemoteError,
  TRACEPARENT_HEADER,
} from '@docket/messaging';
import { type NatsServerProcess, natsServerUnavailable, startNatsServer } from '@docket/testkit';
import { Controller, type INestMicroservice, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { of } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BusClient,
  BusContext,
  BusTransport,
  DOCKET_SERVICE,
  DocketBusModule,
  durableName,
  useBusErrors,
} from '../src';

/** Shaped like docket's DomainError: a string code, a kind and details. */
class ApplicationIncomplete extends Error {
  readonly code = 'ApplicationIncomplete';
  readonly kind = 'rejected';
  constructor(readonly details: { missing: string[] }) {
    super('The application lacks required materials');
  }
}

@Injectable()
class Greeter {
  greet(name: string): string {
    return `您好，${name}`;
  }
}

interface Delivery {
  subject: string;
  messageId: string | undefined;
  deliveryCount: number | undefined;
  payload: { note: string; failFirst?: boolean };
}

/** What the event handler saw, with a way to wait for a delivery (no timed waits). */
@Injectable()
class Deliveries {
  readonly seen: Delivery[] = [];
  private waiters: Array<{ match: (d: Delivery) => boolean; resolve: () => void }> = [];

  record(delivery: Delivery): void {
    this.seen.push(delivery);
    const ready = this.waiters.filter((waiter) => waiter.match(delivery));
    this.waiters = this.waiters.filter((waiter) => !waiter.match(delivery));
    for (const waiter of ready) waiter.resolve();
  }

  until(match: (d: Delivery) => boolean): Promise<void> {
    if (this.seen.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

@Controller()
class IntakeController {
  constructor(
    private readonly greeter: Greeter,
    private readonly deliveries: Deliveries,
    private readonly client: BusClient,
  ) {}

  @MessagePattern('intake.qry.greet')
  greet(payload: { name: string }, ctx: BusContext) {
    const headers = ctx.getHeaders();
    return {
      greeting: this.greeter.greet(payload.name),
      subject: ctx.getSubject(),
      actor: headers[ACTOR_HEADER],
      traceparent: headers[TRACEPARENT_HEADER],
      correlationId: headers[CORRELATION_ID_HEADER],
      messageId: ctx.getMessageId(),
    };
  }

  /** Calls another handler through the injected client, passing the caller's headers on. */
  @MessagePattern('intake.qry.relay')
  relay(payload: { name: string }, ctx: BusContext) {
    return this.client.request('intake.qry.greet', payload, { headers: ctx.getHeaders() });
  }

  @MessagePattern('intake.qry.count')
  count() {
    return of(1, 2, 3);
  }

  @MessagePattern('intake.cmd.accept')
  accept(): never {
    throw new ApplicationIncomplete({ missing: ['身份证复印件'] });
  }

  @MessagePattern('intake.cmd.crash')
  crash(): never {
    throw new Error('ENOENT: /srv/docket/secret.key');
  }

  @EventPattern('evt.application.>', { retryDelayMs: 20 })
  async onApplication(payload: Delivery['payload'], ctx: BusContext) {
    this.deliveries.record({
      subject: ctx.getSubject(),
      messageId: ctx.getMessageId(),
      deliveryCount: ctx.getDeliveryCount(),
      payload,
    });
    if (payload.failFirst === true && ctx.getDeliveryCount() === 1) throw new Error('store unavailable');
  }
}

// Biome cannot parse parameter decorators in this repo's configuration, so @Payload() and @Ctx() are
// applied as the functions they are (without @Ctx(), Nest passes a handler the payload only).
for (const method of ['greet', 'relay', 'onApplication']) {
  Payload()(IntakeController.prototype, method, 0);
  Ctx()(IntakeController.prototype, method, 1);
}

function intakeModule(bus: Bus) {
  @Module({
    imports: [DocketBusModule.forRoot({ bus, service: 'intake' })],
    controllers: [IntakeController],
    providers: [Greeter, Deliveries],
  })
  class IntakeModule {}
  return IntakeModule;
}

let natsServer: NatsServerProcess | undefined;
const natsUnavailable = natsServerUnavailable();

beforeAll(async () => {
  if (natsUnavailable === undefined) natsServer = await startNatsServer();
}, 30_000);

afterAll(async () => {
  await natsServer?.stop();
});

const buses: Array<[string, () => Promise<Bus>, string | undefined]> = [
  ['in-process', async () => createInProcessBus(), undefined],
  [
    'nats',
    async () => {
      if (natsServer === undefined) throw new Error('nats-server did not start');
      return connectNatsBus({ servers: natsServer.url, name: 'nest-bus-test' });
    },
    natsUnavailable,
  ],
];

describe.each(buses)('BusTransport on the %s bus', (_kind, connect, skipReason) => {
  let bus: Bus;
  let app: INestMicroservice;
  let deliveries: Deliveries;

  beforeAll(async () => {
    if (skipReason !== undefined) return;
    bus = await connect();
    app = await NestFactory.createMicroservice(intakeModule(bus), {
      strategy: new BusTransport({ bus, service: 'intake' }),
      logger: false,
    });
    useBusErrors(app);
    await app.listen();
    deliveries = app.get(Deliveries);
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
  });

  describe.skipIf(skipReason !== undefined)(skipReason ?? 'with a running app', () => {
    it('replies from a handler whose constructor dependencies Nest injected, with the headers', async () => {
      const headers = {
        [ACTOR_HEADER]: JSON.stringify({ id: 'u-1', roles: ['intake-officer'] }),
        [TRACEPARENT_HEADER]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        [CORRELATION_ID_HEADER]: 'C-2026-000123',
      };
      expect(app.get(DOCKET_SERVICE)).toBe('intake');
      const reply = await bus.request('intake.qry.greet', { name: '李明' }, { headers });
      expect(reply).toEqual({
        greeting: '您好，李明',
        subject: 'intake.qry.greet',
        actor: headers[ACTOR_HEADER],
        traceparent: headers[TRACEPARENT_HEADER],
        correlationId: 'C-2026-000123',
      });
    });

    it('lets a handler call another through the injected BusClient, passing the headers on', async () => {
      const reply = await bus.request(
        'intake.qry.relay',
        { name: '王芳' },
        { headers: { [CORRELATION_ID_HEADER]: 'C-2026-000124' } },
      );
      expect(reply).toMatchObject({ greeting: '您好，王芳', correlationId: 'C-2026-000124' });
    });

    it("replies with an Observable's last value", async () => {
      expect(await bus.request('intake.qry.count', {})).toBe(3);
    });

    it("carries a typed error's code, kind and details to the requester", async () => {
      const error = await bus.request('intake.cmd.accept', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({
        code: 'ApplicationIncomplete',
        kind: 'rejected',
        message: 'The application lacks required materials',
        details: { missing: ['身份证复印件'] },
      });
    });

    it('sends an error without a code as InternalError, leaking nothing of its message', async () => {
      const error = await bus.request('intake.cmd.crash', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({ code: 'InternalError' });
      expect((error as RemoteError).message).not.toContain('secret');
      expect((error as RemoteError).details).toBeUndefined();
    });

    it('hands a published event to the @EventPattern handler once, with its id and delivery count', async () => {
      const event = { note: 'submitted' };
      await bus.publishEvent('evt.application.submitted', event, { messageId: 'ev-1' });
      await bus.publishEvent('evt.application.submitted', event, { messageId: 'ev-1' });
      // The durable delivers in order: once the later event arrived, ev-1 had every chance to repeat.
      await bus.publishEvent('evt.application.amended', { note: 'marker' }, { messageId: 'ev-2' });
      await deliveries.until((d) => d.messageId === 'ev-2');
      expect(deliveries.seen.filter((d) => d.messageId === 'ev-1')).toEqual([
        { subject: 'evt.application.submitted', messageId: 'ev-1', deliveryCount: 1, payload: event },
      ]);
    });

    it('redelivers an event whose handler threw, until it completes', async () => {
      await bus.publishEvent(
        'evt.application.withdrawn',
        { note: 'flaky', failFirst: true },
        { messageId: 'ev-3' },
      );
      await deliveries.until((d) => d.messageId === 'ev-3' && d.deliveryCount === 2);
      await bus.publishEvent('evt.application.amended', { note: 'marker' }, { messageId: 'ev-4' });
      await deliveries.until((d) => d.messageId === 'ev-4');
      expect(deliveries.seen.filter((d) => d.messageId === 'ev-3').map((d) => d.deliveryCount)).toEqual([
        1, 2,
      ]);
    });

    it('stops serving when the app closes: a later request finds no responders', async () => {
      await app.close();
      await expect(bus.request('intake.qry.greet', { name: '李明' })).rejects.toBeInstanceOf(NoResponders);
    });
  });
});

describe('durableName', () => {
  it('makes a legal durable name from the service and the pattern', () => {
    expect(durableName('review', 'evt.application.>')).toBe('review-evt_application_all');
    expect(durableName('supervision', 'evt.*.suspended')).toBe('supervision-evt_any_suspended');
  });
});
