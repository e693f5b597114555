import type { Headers } from '@docket/messaging';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withSpan } from '../src';
import { busKinds, useTracedBus } from './bus-fixture';
import { parentOf, spanIdOf, until, useMemoryTelemetry } from './support';

const telemetry = useMemoryTelemetry();
let unique = 0;

for (const kind of busKinds) {
  describe(`tracedBus events over the ${kind} bus`, { timeout: 30_000 }, () => {
    const subject = useTracedBus(kind);
    // Fresh subjects and durables per test: the NATS stream outlives a test's connection.
    const name = (prefix: string) => `${prefix}${kind.replace('-', '')}${++unique}`;

    it('an event carries the trace from publish to a durable consumer: child of, and linked to, the producer', async () => {
      const { bus } = subject();
      const eventSubject = `evt.intake.${name('Accepted')}`;
      const seen: Headers[] = [];
      const member = await bus.consume(eventSubject, async (_payload, headers) => void seen.push(headers), {
        durable: name('review-tasks-'),
      });
      await withSpan('accept', {}, () =>
        bus.publishEvent(
          eventSubject,
          { caseNo: 'HP-1' },
          {
            messageId: `m-${unique}`,
            headers: { 'docket-correlation-id': 'HP-1' },
          },
        ),
      );
      await until(
        () => telemetry.spans().some((s) => s.name === `${eventSubject} process`),
        'the consumer span',
      );
      await member.stop();

      const root = telemetry.span('accept');
      const producer = telemetry.span(`${eventSubject} publish`);
      const consumer = telemetry.span(`${eventSubject} process`);
      expect(producer.kind).toBe(SpanKind.PRODUCER);
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expect(parentOf(producer)).toBe(root.spanContext().spanId);
      expect(consumer.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(parentOf(consumer)).toBe(producer.spanContext().spanId);
      expect(consumer.links.map((l) => l.context.spanId)).toEqual([producer.spanContext().spanId]);
      expect(spanIdOf(seen[0]?.traceparent)).toBe(producer.spanContext().spanId);
      expect(seen[0]?.['docket-correlation-id']).toBe('HP-1');
      expect(producer.attributes).toMatchObject({
        'messaging.message.id': `m-${unique}`,
        'messaging.message.conversation_id': 'HP-1',
        'docket.bus.duplicate': false,
      });
      expect(consumer.attributes).toMatchObject({
        'docket.bus.delivery_count': 1,
        'messaging.message.id': `m-${unique}`,
      });
    });

    it('a relayed event (no active span) continues the trace its headers carry', async () => {
      const { bus } = subject();
      const eventSubject = `evt.review.${name('Assigned')}`;
      const stored = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const member = await bus.consume(eventSubject, async () => undefined, {
        durable: name('supervision-'),
      });
      await bus.publishEvent(
        eventSubject,
        {},
        { messageId: `r-${unique}`, headers: { traceparent: stored } },
      );
      await until(
        () => telemetry.spans().some((s) => s.name === `${eventSubject} process`),
        'the consumer span',
      );
      await member.stop();

      const producer = telemetry.span(`${eventSubject} publish`);
      expect(producer.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
      expect(parentOf(producer)).toBe('00f067aa0ba902b7');
      expect(parentOf(telemetry.span(`${eventSubject} process`))).toBe(producer.spanContext().spanId);
    });

    it('a failing consumer marks its span ERROR and the event is redelivered under the same trace', async () => {
      const { bus } = subject();
      const eventSubject = `evt.monitoring.${name('ClockStarted')}`;
      let calls = 0;
      const member = await bus.consume(
        eventSubject,
        async () => {
          calls += 1;
          if (calls === 1) throw new Error('projection store unavailable');
        },
        { durable: name('clock-'), retryDelayMs: 50 },
      );
      await withSpan('start-clock', {}, () =>
        bus.publishEvent(eventSubject, {}, { messageId: `c-${unique}` }),
      );
      await until(
        () => telemetry.spans().filter((s) => s.name === `${eventSubject} process`).length === 2,
        'two deliveries',
      );
      await member.stop();

      const [first, second] = telemetry.spans().filter((s) => s.name === `${eventSubject} process`);
      expect(first?.status.code).toBe(SpanStatusCode.ERROR);
      expect(first?.attributes['error.type']).toBe('Error');
      expect(second?.status.code).not.toBe(SpanStatusCode.ERROR);
      expect(second?.attributes['docket.bus.delivery_count']).toBe(2);
      expect(second?.spanContext().traceId).toBe(telemetry.span('start-clock').spanContext().traceId);
    });
  });
}
