import { join } from 'node:path';
import {
  chainHash,
  GENESIS_HASH,
  type NewEvent,
  openSqliteLedger,
  type RecordedEvent,
  recordStringOf,
  type SqliteEventStore,
} from '@docket/event-store';
import { type Bus, connectNatsBus, createInProcessBus } from '@docket/messaging';
import { openVault, sealedLedger } from '@docket/personal-data';
import { openSqliteReadModelStore, type SqliteReadModelStore } from '@docket/projections';
import { type NatsServerProcess, startNatsServer, tempDir } from '@docket/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRelay, eventSubject } from '../src';

const clerk = { id: 'u-clerk-wang', name: '王敏', roles: ['clerk'], department: 'huangpu-window' };
const event = (type: string, caseNo: string): NewEvent => ({
  type,
  data: { caseNo },
  occurredAt: '2026-03-02T09:30:00+08:00',
  actor: clerk,
  correlationId: caseNo,
  traceContext: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
});

/** Collects what a durable consumer of every intake event receives, in order. */
async function collect(bus: Bus, durable: string) {
  const seen: { subject: string; id: string; correlation: string | undefined; revision: unknown }[] = [];
  const member = await bus.consume(
    'evt.>',
    async (payload, headers, { subject }) => {
      const e = payload as RecordedEvent;
      seen.push({ subject, id: e.id, correlation: headers['docket-correlation-id'], revision: e.revision });
    },
    { durable },
  );
  return { seen, stop: () => member.stop() };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

for (const kind of ['in-process', 'nats'] as const) {
  describe(`relay over the ${kind} bus`, { timeout: 30_000 }, () => {
    let nats: NatsServerProcess | undefined;
    let dir: ReturnType<typeof tempDir>;
    let ledger: SqliteEventStore;
    let checkpoints: SqliteReadModelStore;
    let bus: Bus;

    beforeAll(async () => {
      if (kind === 'nats') nats = await startNatsServer();
    });
    afterAll(async () => {
      await nats?.stop();
    });
    beforeEach(async () => {
      dir = tempDir();
      ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db'), pollIntervalMs: 20 });
      checkpoints = openSqliteReadModelStore({ path: join(dir.path, 'intake-views.db') });
      bus =
        kind === 'nats'
          ? await connectNatsBus({ servers: nats!.url, name: 'relay-test' })
          : createInProcessBus();
    });
    afterEach(async () => {
      await bus.close();
      await checkpoints.close();
      await ledger.close();
      dir.cleanup();
    });

    const intakeRelay = () =>
      createRelay({
        ledger,
        bus,
        checkpoints,
        name: 'intake-relay',
        streamPrefixes: ['application-', 'catalogue-'],
      });

    it('publishes the service’s own events once each, in ledger order, and nothing of other streams', async () => {
      await ledger.appendToStream('application-A1', [event('ApplicationSubmitted', 'A1')]);
      await ledger.appendToStream('review-A1', [event('ReviewOpened', 'A1')]);
      await ledger.appendToStream('application-A1', [event('ApplicationAccepted', 'A1')]);
      const consumer = await collect(bus, 'review-intake-events');
      const relay = intakeRelay();
      await relay.start();
      await relay.catchUp();
      await ledger.appendToStream('application-A2', [event('ApplicationSubmitted', 'A2')]);
      await relay.catchUp();
      await until(() => consumer.seen.length === 3);
      expect(consumer.seen.map((s) => s.subject)).toEqual([
        'evt.application.ApplicationSubmitted',
        'evt.application.ApplicationAccepted',
        'evt.application.ApplicationSubmitted',
      ]);
      expect(consumer.seen.map((s) => s.correlation)).toEqual(['A1', 'A1', 'A2']);
      // Bigints survive the bus: the payload is the recorded event.
      expect(consumer.seen[1]!.revision).toBe(1n);
      await relay.stop();
      await consumer.stop();
    });

    it('resumes from its checkpoint after a restart: nothing lost, nothing published twice', async () => {
      const consumer = await collect(bus, 'review-intake-events');
      const first = intakeRelay();
      await first.start();
      await ledger.appendToStream('application-B1', [event('ApplicationSubmitted', 'B1')]);
      await first.catchUp();
      await first.stop();
      // While the relay is down the service goes on writing.
      await ledger.appendToStream('application-B2', [event('ApplicationSubmitted', 'B2')]);
      await ledger.appendToStream('application-B1', [event('ApplicationAccepted', 'B1')]);
      const second = intakeRelay();
      await second.start();
      await second.catchUp();
      expect(second.published).toBe(2);
      await until(() => consumer.seen.length === 3);
      expect(consumer.seen.map((s) => s.correlation)).toEqual(['B1', 'B2', 'B1']);
      await second.stop();
      await consumer.stop();
    });

    it('a relay that lost its checkpoint publishes again, and the bus drops the duplicates by event id', async () => {
      await ledger.appendToStream('application-C1', [event('ApplicationSubmitted', 'C1')]);
      await ledger.appendToStream('catalogue-ITEM', [event('ServiceItemDefined', 'ITEM')]);
      const consumer = await collect(bus, 'review-intake-events');
      const relay = intakeRelay();
      await relay.start();
      await relay.catchUp();
      await relay.stop();
      // The checkpoint file is lost (a new read-model store): everything is published again.
      const fresh = openSqliteReadModelStore({ path: join(dir.path, 'fresh.db') });
      const again = createRelay({
        ledger,
        bus,
        checkpoints: fresh,
        name: 'intake-relay',
        streamPrefixes: ['application-', 'catalogue-'],
      });
      await again.start();
      await again.catchUp();
      expect(again.published).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(consumer.seen.map((s) => s.subject)).toEqual([
        'evt.application.ApplicationSubmitted',
        'evt.catalogue.ServiceItemDefined',
      ]);
      await again.stop();
      await fresh.close();
      await consumer.stop();
    });

    it('publishes personal data as the ledger stores it: sealed, never opened onto the bus', async () => {
      const vault = openVault({ path: join(dir.path, 'v.vault.db'), kekPath: join(dir.path, 'v.kek') });
      const sealed = sealedLedger(ledger, vault);
      const applicant = {
        type: 'person',
        name: '测试删除人甲',
        idType: 'resident_id',
        idNumber: '110101199003076517',
        phone: '13977120465',
      };
      await sealed.appendToStream('application-P1', [
        { ...event('ApplicationSubmitted', 'P1'), data: { caseNo: 'P1', applicant } },
      ]);
      const received: { payload: RecordedEvent; actor: string | undefined }[] = [];
      const member = await bus.consume(
        'evt.>',
        async (payload, headers) => {
          received.push({ payload: payload as RecordedEvent, actor: headers['docket-actor'] });
        },
        { durable: 'personal-data-check' },
      );
      const relay = createRelay({
        ledger: sealed,
        bus,
        checkpoints,
        name: 'intake-relay',
        streamPrefixes: ['application-'],
      });
      await relay.start();
      await relay.catchUp();
      // Last: a durable on NATS also gets what earlier tests published (this case's event is the one
      // looked at), and the later ones would get this one.
      const ofCase = () => received.find((r) => r.payload.correlationId === 'P1');
      await until(() => ofCase() !== undefined);
      const payload = ofCase()!.payload;
      const carried = JSON.stringify(received, (_key, value) =>
        typeof value === 'bigint' ? `${value}` : value,
      );
      expect(carried).not.toContain('测试删除人甲');
      expect(carried).not.toContain('110101199003076517');
      expect((payload.data as { applicant: { name: string } }).applicant.name).toMatch(/^sealed:v1:/);
      expect(payload).not.toHaveProperty('sealed');
      // What the bus carries is the stored event: it still gives its chain hash.
      expect(chainHash(GENESIS_HASH, recordStringOf(payload))).toBe(payload.hash);
      await relay.stop();
      await member.stop();
      vault.close();
    });
  });
}

describe('eventSubject', () => {
  it('names the subject by stream category and event type', () => {
    expect(eventSubject({ stream: 'application-2026-310101-000001', type: 'ApplicationAccepted' })).toBe(
      'evt.application.ApplicationAccepted',
    );
    expect(eventSubject({ stream: 'calendar', type: 'CalendarYearDefined' })).toBe(
      'evt.calendar.CalendarYearDefined',
    );
  });
});
