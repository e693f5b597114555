import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createWorkingCalendar, nationalHolidaySchedules, reviewStreamName } from '@docket/domain';
import { startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { developmentIdentity, startGateway } from '@docket/gateway';
import { demoDirectory, loadOrCreateDevKeys } from '@docket/identity';
import { startIntake } from '@docket/intake';
import { type Bus, connectNatsBus, type Headers } from '@docket/messaging';
import { openSqliteReadModelStore } from '@docket/projections';
import { startReview } from '@docket/review';
import {
  loadOrCreateSecret,
  type RunningService,
  type ServiceDeps,
  silentLogger,
  systemClock,
} from '@docket/service-kit';
import {
  type ReadableSpan,
  resetTelemetryForTests,
  SpanKind,
  startTelemetry,
  type Telemetry,
  tracedBus,
  tracedLedger,
} from '@docket/telemetry';
import { type NatsServerProcess, natsServerUnavailable, startNatsServer, tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Desks,
  DocketClient,
  desks,
  expectStatus,
  reviewOpened,
  seedDemoCatalogue,
  submit,
  until,
  users,
} from '../src';

/**
 * Issue 3: one OpenTelemetry trace from the HTTP request through the bus hops to the ledger append, the
 * context carried in the message headers and kept in the ledger envelope, and the reaction to an event
 * (relayed from the ledger with the event's stored context) continuing the trace of the request that
 * wrote the event. The memory exporter is started before docket, so docket's own startTelemetry (first
 * call wins) records into it; the same property is then checked across a real nats-server.
 */

/** The resource name of the provider this file registers: spans carrying it prove docket used it. */
const TEST_SERVICE_NAME = 'docket-trace-e2e';

/** What one mode gives the suite. */
interface Harness {
  url: string;
  /** A second handle on the ledger file, as an auditor's tool would open it. */
  ledger: EventStore;
  close(): Promise<void>;
}

/** A message as the bus below tracing sent or received it (NATS mode: what crossed the wire). */
interface WireMessage {
  service: string;
  op: 'request' | 'serve' | 'publish' | 'consume';
  subject: string;
  messageId?: string;
  headers: Headers;
}

/** A fresh W3C traceparent of a caller outside docket. */
function callerTraceparent(): { traceparent: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

/** `child` is in `parent`'s trace and its direct child. */
function expectChildOf(child: ReadableSpan, parent: ReadableSpan): void {
  expect(traceOf(child), `${child.name} is in the trace of ${parent.name}`).toBe(traceOf(parent));
  expect(child.parentSpanContext?.spanId, `${child.name} is a child of ${parent.name}`).toBe(idOf(parent));
}

/**
 * Whole-docket tracing, the same in every mode. The tests run in order: the acceptance and its
 * reaction use the case the submission opened.
 */
function traceSuite(mode: string, start: () => Promise<Harness>, wire?: { messages: WireMessage[] }): void {
  describe(`one trace per request (${mode})`, () => {
    let telemetry: Telemetry;
    let docket: Harness;
    let d: Desks;
    let caseNo: string | undefined;
    let acceptance: { traceId: string; intakeAppend: ReadableSpan; event: RecordedEvent } | undefined;

    beforeAll(async () => {
      // A previous describe's provider (or one left by another file in this worker) must not be reused.
      await resetTelemetryForTests();
      telemetry = startTelemetry({ serviceName: TEST_SERVICE_NAME, exporter: 'memory' });
      docket = await start();
      const client = new DocketClient(docket.url);
      d = desks(client);
      // Tokens first: their requests are traces of their own, cleared before the first command.
      await client.token(users.clerk);
      await client.token(users.officer);
    }, 60_000);

    afterAll(async () => {
      await docket?.close();
      await resetTelemetryForTests();
    });

    const finished = (): ReadableSpan[] => telemetry.memory?.getFinishedSpans() ?? [];
    const matching = (name: string, where: (span: ReadableSpan) => boolean): ReadableSpan[] =>
      finished().filter((span) => span.name === name && where(span));
    /** Waits until the span has ended (spans end after the answer is sent), then wants exactly one. */
    const spanOf = async (
      name: string,
      where: (span: ReadableSpan) => boolean = () => true,
    ): Promise<ReadableSpan> => {
      await until(`span ${name}`, async () => matching(name, where)[0]);
      const found = matching(name, where);
      expect(found, `exactly one span ${name}`).toHaveLength(1);
      return found[0]!;
    };
    const attr = (key: string, value: unknown) => (span: ReadableSpan) => span.attributes[key] === value;
    const service = (name: string) => attr('docket.service', name);
    const appendTo = (stream: string, type: string) => (span: ReadableSpan) =>
      span.attributes['docket.ledger.stream'] === stream &&
      (span.attributes['docket.ledger.event_types'] as string[] | undefined)?.includes(type) === true;
    const storedEvent = async (stream: string, type: string): Promise<RecordedEvent> => {
      const found = (await docket.ledger.readAll()).filter((e) => e.stream === stream && e.type === type);
      expect(found, `one ${type} in ${stream}`).toHaveLength(1);
      return found[0]!;
    };

    /**
     * The synchronous chain of one command: HTTP SERVER → gateway CLIENT → intake SERVER → ledger.append,
     * each the child of the one before, one trace id.
     */
    async function commandChain(options: {
      route: string;
      path: string;
      subject: string;
      status: number;
      stream: string;
      eventType: string;
      /** The case number the gateway sends as the correlation header (none for a submission). */
      caseNo: string | undefined;
    }) {
      const http = await spanOf(`POST ${options.route}`, attr('url.path', options.path));
      const conversation = attr('messaging.message.conversation_id', options.caseNo);
      const client = await spanOf(`${options.subject} request`, conversation);
      const server = await spanOf(`${options.subject} process`, conversation);
      const append = await spanOf('ledger.append', appendTo(options.stream, options.eventType));

      expect(http.kind).toBe(SpanKind.SERVER);
      expect(http.attributes['http.route']).toBe(options.route);
      expect(http.attributes['http.response.status_code']).toBe(options.status);
      expect(client.kind).toBe(SpanKind.CLIENT);
      expect(client.attributes['docket.service']).toBe('gateway');
      expect(server.kind).toBe(SpanKind.SERVER);
      expect(server.attributes['docket.service']).toBe('intake');
      expect(append.kind).toBe(SpanKind.INTERNAL);

      expectChildOf(client, http);
      expectChildOf(server, client);
      expectChildOf(append, server);
      expect(new Set([http, client, server, append].map(traceOf)).size).toBe(1);
      // The provider the test registered is the one docket's startTelemetry returned (first call wins).
      expect(http.resource.attributes['service.name']).toBe(TEST_SERVICE_NAME);
      return { http, client, server, append };
    }

    it('a submission without traceparent: one new trace from HTTP through the bus to ledger.append, named in the envelope', async () => {
      telemetry.memory?.reset();
      const submitted = await submit(d.clerk);
      caseNo = submitted.caseNo;
      const stream = `application-${caseNo}`;
      const { http, server, append } = await commandChain({
        route: '/api/applications',
        path: '/api/applications',
        subject: 'intake.cmd.submit',
        status: 201,
        stream,
        eventType: 'ApplicationSubmitted',
        caseNo: undefined,
      });
      expect(http.parentSpanContext, 'no incoming traceparent: the HTTP span is a root').toBeUndefined();
      expect(append.attributes['docket.ledger.event_types']).toEqual([
        'ApplicationSubmitted',
        'FirstHandlerAssigned',
      ]);

      for (const type of ['ApplicationSubmitted', 'FirstHandlerAssigned']) {
        const event = await storedEvent(stream, type);
        expect(traceIdOf(event.traceContext?.traceparent), `${type} names the request's trace`).toBe(
          traceOf(http),
        );
        // tracedLedger stamps the envelope inside its own span: the event names ledger.append, which
        // hangs under the intake SERVER span (so a relay's publish later hangs under the append).
        expect(spanIdOf(event.traceContext?.traceparent)).toBe(idOf(append));
        expectChildOf(append, server);
        expect(event.traceContext?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      }
    });

    it("an acceptance with an incoming traceparent: the caller's trace is continued down to the ledger envelope", async () => {
      if (caseNo === undefined) throw new Error('the submission test did not open a case');
      const caller = callerTraceparent();
      const answer = await d.clerk.post(
        `/api/applications/${caseNo}/acceptance`,
        {},
        { headers: { traceparent: caller.traceparent } },
      );
      expectStatus('accept', answer, 200);
      const stream = `application-${caseNo}`;
      const { http, client, server, append } = await commandChain({
        route: '/api/applications/:caseNo/acceptance',
        path: `/api/applications/${caseNo}/acceptance`,
        subject: 'intake.cmd.accept',
        status: 200,
        stream,
        eventType: 'ApplicationAccepted',
        caseNo,
      });
      expect(traceOf(http), "the HTTP span continues the caller's trace").toBe(caller.traceId);
      expect(http.parentSpanContext?.spanId).toBe(caller.spanId);
      expect(http.parentSpanContext?.isRemote).toBe(true);
      for (const span of [client, server, append]) expect(traceOf(span)).toBe(caller.traceId);

      const event = await storedEvent(stream, 'ApplicationAccepted');
      expect(traceIdOf(event.traceContext?.traceparent)).toBe(caller.traceId);
      expect(spanIdOf(event.traceContext?.traceparent)).toBe(idOf(append));
      acceptance = { traceId: caller.traceId, intakeAppend: append, event };
    });

    it("the reaction: the relayed ApplicationAccepted, review's consumer and its ReviewOpened append continue the acceptance's trace", async () => {
      if (caseNo === undefined || acceptance === undefined)
        throw new Error('the acceptance test did not run');
      const { traceId, intakeAppend, event: accepted } = acceptance;
      await reviewOpened(d.officer, caseNo);

      // intake's relay publishes from the ledger with no span active and the stored context as its
      // traceparent header: the PRODUCER span is a child of the span the envelope names.
      const publish = await spanOf(
        'evt.application.ApplicationAccepted publish',
        attr('messaging.message.id', accepted.id),
      );
      expect(publish.kind).toBe(SpanKind.PRODUCER);
      expect(publish.attributes['docket.service']).toBe('intake');
      expectChildOf(publish, intakeAppend);

      // review's durable consumer: a child of the producer span, and linked to it.
      const consumer = await spanOf('evt.application.> process', (span) => {
        return service('review')(span) && attr('messaging.message.id', accepted.id)(span);
      });
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expectChildOf(consumer, publish);
      expect(consumer.links.map((link) => link.context.spanId)).toEqual([idOf(publish)]);

      // The reaction reads the accepted application from the ledger itself: no request to intake.
      const inTrace = finished().filter((span) => traceOf(span) === traceId);
      expect(inTrace.filter((span) => span.name.startsWith('intake.qry.')).map((s) => s.name)).toEqual([]);

      // ReviewOpened: appended in the consumer's span; the envelope names the append.
      const reviewStream = reviewStreamName(caseNo);
      const append = await spanOf('ledger.append', appendTo(reviewStream, 'ReviewOpened'));
      expectChildOf(append, consumer);
      const opened = await storedEvent(reviewStream, 'ReviewOpened');
      expect(opened.causationId).toBe(accepted.id);
      expect(traceIdOf(opened.traceContext?.traceparent)).toBe(traceId);
      expect(spanIdOf(opened.traceContext?.traceparent)).toBe(idOf(append));

      // And on: review's relay publishes ReviewOpened in the same trace, intake consumes it there.
      const republish = await spanOf(
        'evt.review.ReviewOpened publish',
        attr('messaging.message.id', opened.id),
      );
      expectChildOf(republish, append);
      const intakeConsumer = await spanOf('evt.review.> process', (span) => {
        return service('intake')(span) && attr('messaging.message.id', opened.id)(span);
      });
      expectChildOf(intakeConsumer, republish);

      // Every span about either event, in whichever service, is in the caller's trace.
      const about = finished().filter((span) =>
        [accepted.id, opened.id].includes(span.attributes['messaging.message.id'] as string),
      );
      expect(about.length).toBeGreaterThanOrEqual(4);
      expect([...new Set(about.map(traceOf))]).toEqual([traceId]);
    });

    if (wire !== undefined) {
      it('the trace context crossed NATS in the message headers, and each receiving span hangs under it', async () => {
        if (caseNo === undefined || acceptance === undefined)
          throw new Error('the acceptance test did not run');
        const { traceId, event: accepted } = acceptance;
        const one = (service: string, op: WireMessage['op'], where: (m: WireMessage) => boolean) => {
          const found = wire.messages.filter((m) => m.service === service && m.op === op && where(m));
          expect(found, `one ${op} by ${service}`).toHaveLength(1);
          return found[0]!;
        };
        const onCase = (m: WireMessage) => m.headers['docket-correlation-id'] === caseNo;

        // The command: the gateway's CLIENT span went out in the request headers, intake's SERVER span
        // is a child of what arrived.
        const client = await spanOf(
          'intake.cmd.accept request',
          attr('messaging.message.conversation_id', caseNo),
        );
        const server = await spanOf(
          'intake.cmd.accept process',
          attr('messaging.message.conversation_id', caseNo),
        );
        const sent = one('gateway', 'request', (m) => m.subject === 'intake.cmd.accept' && onCase(m));
        const received = one('intake', 'serve', (m) => m.subject === 'intake.cmd.accept' && onCase(m));
        expect(sent.headers.traceparent).toBe(`00-${traceId}-${idOf(client)}-01`);
        expect(received.headers.traceparent, 'the traceparent arrived over NATS').toBe(
          sent.headers.traceparent,
        );
        expect(server.parentSpanContext?.spanId).toBe(spanIdOf(received.headers.traceparent));
        expect(server.parentSpanContext?.isRemote).toBe(true);

        // The event: the relay's header (the stored context) was replaced by the PRODUCER span's own
        // context, which reached review's consumer through JetStream.
        const publish = await spanOf(
          'evt.application.ApplicationAccepted publish',
          attr('messaging.message.id', accepted.id),
        );
        const consumer = await spanOf(
          'evt.application.> process',
          (span) => service('review')(span) && attr('messaging.message.id', accepted.id)(span),
        );
        const published = one('intake', 'publish', (m) => m.messageId === accepted.id);
        const delivered = one('review', 'consume', (m) => m.messageId === accepted.id);
        expect(published.headers.traceparent).toBe(`00-${traceId}-${idOf(publish)}-01`);
        expect(published.headers.traceparent).not.toBe(accepted.traceContext?.traceparent);
        expect(delivered.headers.traceparent, 'the traceparent arrived through JetStream').toBe(
          published.headers.traceparent,
        );
        expect(consumer.parentSpanContext?.spanId).toBe(spanIdOf(delivered.headers.traceparent));
        expect(consumer.parentSpanContext?.isRemote).toBe(true);

        // The reaction opened the review from the ledger: nothing went back to intake over NATS.
        expect(wire.messages.filter((m) => m.subject.startsWith('intake.qry.'))).toEqual([]);
      });
    }
  });
}

traceSuite('embedded, in-process bus', async () => {
  const dir = tempDir('docket-e2e-trace-');
  const docket = await startEmbedded({ dataDir: dir.path, port: 0, logger: silentLogger });
  const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
  return {
    url: docket.url,
    ledger,
    close: async () => {
      await ledger.close();
      await docket.close();
      dir.cleanup();
    },
  };
});

/**
 * The bus as NATS sees it, below tracedBus: what each service sent (headers after tracing injected its
 * context) and what it received (headers as decoded from the NATS message, before tracing reads them).
 */
function recordingWire(bus: Bus, service: string, log: WireMessage[]): Bus {
  return {
    serve: (subject, handler, options) =>
      bus.serve(
        subject,
        (payload, headers, ctx) => {
          log.push({ service, op: 'serve', subject: ctx.subject, headers });
          return handler(payload as never, headers, ctx);
        },
        options,
      ),
    request: (subject, payload, options) => {
      log.push({ service, op: 'request', subject, headers: options?.headers ?? {} });
      return bus.request(subject, payload, options);
    },
    publishEvent: (subject, payload, options) => {
      log.push({
        service,
        op: 'publish',
        subject,
        messageId: options.messageId,
        headers: options.headers ?? {},
      });
      return bus.publishEvent(subject, payload, options);
    },
    consume: (pattern, handler, options) =>
      bus.consume(
        pattern,
        (payload, headers, ctx) => {
          log.push({ service, op: 'consume', subject: ctx.subject, messageId: ctx.messageId, headers });
          return handler(payload as never, headers, ctx);
        },
        options,
      ),
    watch: (pattern, handler) => bus.watch(pattern, handler),
    close: () => bus.close(),
  };
}

const unavailable = natsServerUnavailable();
const wire = { messages: [] as WireMessage[] };

describe.skipIf(unavailable !== undefined)(
  `over a real nats-server${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let nats: NatsServerProcess | undefined;
    beforeAll(async () => {
      nats = await startNatsServer();
    }, 30_000);
    afterAll(async () => {
      await nats?.stop();
    });

    // The networked mode's wiring (service-kit's process host, the gateway's main), in one process so
    // that the memory exporter sees both sides of every hop: a NATS connection per service, a ledger
    // handle per service on one SQLite file, read models per service.
    traceSuite(
      'networked wiring in one process, NATS between the services',
      async () => {
        if (nats === undefined) throw new Error('nats-server did not start');
        const natsUrl = nats.url;
        const dir = tempDir('docket-e2e-trace-nats-');
        const opened: { close(): Promise<void> }[] = [];
        const directory = demoDirectory();
        const clock = systemClock('Asia/Shanghai');
        const calendar = createWorkingCalendar(nationalHolidaySchedules, { timeZone: clock.timeZone });
        const busFor = async (service: string): Promise<Bus> => {
          const raw = await connectNatsBus({ servers: natsUrl, name: service });
          opened.push(raw);
          return tracedBus(recordingWire(raw, service, wire.messages), service);
        };
        const depsFor = async (service: string): Promise<ServiceDeps> => {
          const ledger = tracedLedger(openSqliteLedger({ path: join(dir.path, 'ledger.db') }));
          opened.push(ledger);
          const readModels = openSqliteReadModelStore({ path: join(dir.path, `${service}.read.db`) });
          opened.push(readModels);
          const bus = await busFor(service);
          // JetStream keeps the events, so the relay keeps its place with the read models (process host).
          return {
            ledger,
            bus,
            readModels,
            relayCheckpoints: readModels,
            clock,
            directory,
            calendar,
            logger: silentLogger,
          };
        };
        const closeAll = async () => {
          for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
        };
        try {
          const intake: RunningService = await startIntake({
            ...(await depsFor('intake')),
            queryCodeSecret: loadOrCreateSecret(dir.path, 'query-code'),
          });
          opened.push(intake);
          const review: RunningService = await startReview(await depsFor('review'));
          opened.push(review);
          const keys = await loadOrCreateDevKeys(dir.path);
          const gateway = await startGateway(
            {
              bus: await busFor('gateway'),
              directory,
              logger: silentLogger,
              ...developmentIdentity(keys, directory, 3600),
            },
            { host: '127.0.0.1', port: 0 },
          );
          opened.push(gateway);
          await seedDemoCatalogue(new DocketClient(gateway.url).as(users.admin));
          const ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
          opened.push(ledger);
          return {
            url: gateway.url,
            ledger,
            close: async () => {
              await closeAll();
              dir.cleanup();
            },
          };
        } catch (error) {
          await closeAll();
          dir.cleanup();
          throw error;
        }
      },
      wire,
    );
  },
);
