import { join } from 'node:path';
import {
  type NewEvent,
  openSqliteLedger,
  type SqliteEventStore,
  WrongExpectedRevision,
} from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tracedLedger, withSpan } from '../src';
import { parentOf, spanIdOf, traceIdOf, useMemoryTelemetry } from './support';

const telemetry = useMemoryTelemetry();
const clerk = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'], department: 'huangpu-window' };
const submitted = (caseNo: string, extra: Partial<NewEvent> = {}): NewEvent => ({
  type: 'ApplicationSubmitted',
  data: { caseNo },
  occurredAt: '2026-03-02T09:30:00+08:00',
  actor: clerk,
  correlationId: caseNo,
  ...extra,
});

describe('tracedLedger on a SQLite ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let ledger: SqliteEventStore;

  beforeEach(() => {
    dir = tempDir('docket-telemetry-');
    store = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    ledger = tracedLedger(store);
  });
  afterEach(async () => {
    await ledger.close();
    dir.cleanup();
  });

  it('appends inside a ledger.append child span and stores its trace context in the envelope', async () => {
    const result = await withSpan('intake.cmd.submit', {}, () =>
      ledger.appendToStream('application-HP-1', [submitted('HP-1'), submitted('HP-1')], {
        expectedRevision: 'no_stream',
      }),
    );

    const command = telemetry.span('intake.cmd.submit');
    const append = telemetry.span('ledger.append');
    expect(append.kind).toBe(SpanKind.INTERNAL);
    expect(parentOf(append)).toBe(command.spanContext().spanId);
    expect(append.spanContext().traceId).toBe(command.spanContext().traceId);
    expect(append.attributes).toMatchObject({
      'docket.ledger.stream': 'application-HP-1',
      'docket.ledger.event_count': 2,
      'docket.ledger.event_types': ['ApplicationSubmitted', 'ApplicationSubmitted'],
      'docket.ledger.expected_revision': 'no_stream',
      'docket.ledger.first_position': Number(result.firstPosition),
      'docket.ledger.last_position': Number(result.lastPosition),
      'docket.ledger.next_expected_revision': 1,
      'docket.ledger.replayed': false,
    });
    // Read back from the file through the raw store: the envelope names the same trace.
    const stored = await store.readStream('application-HP-1');
    expect(stored).toHaveLength(2);
    for (const event of stored) {
      expect(traceIdOf(event.traceContext?.traceparent)).toBe(command.spanContext().traceId);
      expect(spanIdOf(event.traceContext?.traceparent)).toBe(append.spanContext().spanId);
    }
  });

  it('keeps a trace context the caller set, and replays report replayed', async () => {
    const own = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    const event = submitted('HP-2', { id: '01890a5d-ac96-774b-bcce-b302099a8057', traceContext: own });
    await withSpan('first', {}, () => ledger.appendToStream('application-HP-2', [event]));
    await withSpan('retry', {}, () => ledger.appendToStream('application-HP-2', [event]));

    const [stored] = await store.readStream('application-HP-2');
    expect(stored?.traceContext).toEqual(own);
    const appends = telemetry.spans().filter((s) => s.name === 'ledger.append');
    expect(appends.map((s) => s.attributes['docket.ledger.replayed'])).toEqual([false, true]);
  });

  it('outside any trace the append starts its own trace, which the envelope names', async () => {
    await ledger.appendToStream('application-HP-3', [submitted('HP-3')]);
    const append = telemetry.span('ledger.append');
    expect(append.parentSpanContext).toBeUndefined();
    const [stored] = await store.readStream('application-HP-3');
    expect(spanIdOf(stored?.traceContext?.traceparent)).toBe(append.spanContext().spanId);
  });

  it('a refused append marks the span ERROR and the ledger’s own error reaches the caller', async () => {
    await ledger.appendToStream('application-HP-4', [submitted('HP-4')]);
    telemetry.reset();
    const failure = await withSpan('late', {}, () =>
      ledger.appendToStream('application-HP-4', [submitted('HP-4')], { expectedRevision: 'no_stream' }),
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WrongExpectedRevision);
    const append = telemetry.span('ledger.append');
    expect(append.status.code).toBe(SpanStatusCode.ERROR);
    expect(append.attributes['error.type']).toBe((failure as WrongExpectedRevision).code);
    expect(telemetry.span('late').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('passes every other member through, bound to the real store', async () => {
    await ledger.appendToStream('application-HP-5', [submitted('HP-5')]);
    expect(ledger.path).toBe(store.path);
    expect(ledger.readAll).toBe(ledger.readAll);
    const { readStream, head, verify } = ledger; // detached: `this` must still be the store
    expect(await readStream('application-HP-5')).toHaveLength(1);
    expect(await head()).toEqual(await store.head());
    expect((await verify()).ok).toBe(true);
    expect(await ledger.streamRevision('application-HP-5')).toBe(0n);
    const appendsBefore = telemetry.spans().filter((s) => s.name === 'ledger.append').length;
    await ledger.readStream('application-HP-5');
    expect(telemetry.spans().filter((s) => s.name === 'ledger.append').length).toBe(appendsBefore);
  });
});
