import { join } from 'node:path';
import { company, createCaseDesk, foodLicence } from '@docket/case-fixtures';
import {
  applicationStreamName,
  type CaseEvent,
  detectAnomalies,
  emptyCaseFacts,
  responsibleDepartment,
  reviewStreamName,
} from '@docket/domain';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactsFold } from '../src/clocks/case-facts-fold';
import { ledgerAsOf } from './ledger-as-of';

/** The reference: the anomaly rules folded over the case's whole history up to the event, every time. */
async function wholeHistory(ledger: EventStore, caseNo: string, event: RecordedEvent) {
  const history = [
    ...(await ledger.readStream(applicationStreamName(caseNo))),
    ...(await ledger.readStream(reviewStreamName(caseNo))),
  ]
    .filter((e) => e.position <= event.position)
    .sort((a, b) => (a.position < b.position ? -1 : 1));
  let facts = emptyCaseFacts();
  let found: ReturnType<typeof detectAnomalies>['anomalies'] = [];
  for (const e of history) {
    const step = detectAnomalies(facts, e as CaseEvent);
    facts = step.facts;
    found = e.id === event.id ? step.anomalies : [];
  }
  const submitted = history.find((e) => e.type === 'ApplicationSubmitted')!;
  const item = (submitted.data as { item: Parameters<typeof responsibleDepartment>[0] }).item;
  return { found, department: responsibleDepartment(item) };
}

describe("monitoring's case facts, folded as a case's events come", () => {
  const dir = tempDir('docket-case-facts-');
  let ledger: EventStore;
  let caseNo: string;
  let events: RecordedEvent[];

  beforeAll(async () => {
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const desk = createCaseDesk(ledger);
    const item = await desk.defineItem(foodLicence);
    caseNo = await desk.deliverPromisedCase(item, company);
    // 办结后又有承办记录: a step recorded after the case was closed (step_after_closing), appended as a
    // tampering back office would, so that the history has an anomaly to find.
    const review = reviewStreamName(caseNo);
    const step = (await ledger.readStream(review)).find((e) => e.type === 'ReviewStepPassed')!;
    await ledger.appendToStream(review, [
      {
        type: step.type,
        data: { ...(step.data as object), at: '2026-03-20T10:00:00+08:00' },
        occurredAt: '2026-03-20T10:00:00+08:00',
        actor: step.actor,
        correlationId: caseNo,
      },
    ]);
    events = [
      ...(await ledger.readStream(applicationStreamName(caseNo))),
      ...(await ledger.readStream(review)),
    ].sort((a, b) => (a.position < b.position ? -1 : 1));
  });
  afterAll(async () => {
    await ledger.close();
    dir.cleanup();
  });

  it('finds at each event what the whole history up to it finds, the anomaly included', async () => {
    const fold = new CaseFactsFold(ledger);
    const found: string[] = [];
    for (const event of events) {
      const folded = await fold.foldTo(caseNo, event);
      expect(folded, `${event.type} at ${event.position}`).toEqual(await wholeHistory(ledger, caseNo, event));
      found.push(...folded.found.map((a) => a.rule));
    }
    expect(found).toEqual(['step_after_closing']);
  });

  it('answers a redelivered older event, and the events after it, as the whole history does', async () => {
    const fold = new CaseFactsFold(ledger);
    const last = events.at(-1)!;
    await fold.foldTo(caseNo, last);
    for (const event of [events[2]!, events.at(-2)!, last]) {
      expect(await fold.foldTo(caseNo, event)).toEqual(await wholeHistory(ledger, caseNo, event));
    }
  });

  describe('as monitoring meets the events live (the ledger holding what was appended up to then)', () => {
    /** A fold over the ledger as it stood when `event` was relayed, counting the events read from it. */
    const live = () => {
      const view = ledgerAsOf(ledger);
      return { view, fold: new CaseFactsFold(view.ledger) };
    };

    it('folds each event in hand: no event is read while they come in order', async () => {
      const { view, fold } = live();
      for (const event of events) {
        view.asOf(event.position);
        expect(await fold.foldTo(caseNo, event)).toEqual(await wholeHistory(ledger, caseNo, event));
      }
      expect(view.eventsRead).toBe(0);
    });

    it('reads the stream after an event it did not follow, once, then folds in hand again', async () => {
      const { view, fold } = live();
      // The second application event never reaches monitoring (a type it does not follow, say).
      const missed = events.filter((e) => e.stream === applicationStreamName(caseNo))[1]!;
      const readingAt: string[] = [];
      for (const event of events.filter((e) => e !== missed)) {
        view.asOf(event.position);
        const read = view.eventsRead;
        expect(await fold.foldTo(caseNo, event)).toEqual(await wholeHistory(ledger, caseNo, event));
        if (view.eventsRead > read) readingAt.push(event.id);
      }
      expect(readingAt).toEqual([events.find((e) => e.position > missed.position && e !== missed)!.id]);
    });

    it('folds in ledger order when a review event arrives before an earlier application event', async () => {
      const { view, fold } = live();
      // The two streams come through two consumers: the review's may run ahead of the application's.
      const accepted = events.find((e) => e.type === 'ApplicationAccepted')!;
      const opened = events.find((e) => e.type === 'ReviewOpened')!;
      const order = events.filter((e) => e !== accepted && e !== opened);
      order.splice(order.indexOf(events.find((e) => e.position > opened.position)!), 0, opened, accepted);
      let appended = 0n; // the ledger holds every event up to the latest one delivered
      for (const event of order) {
        if (event.position > appended) appended = event.position;
        view.asOf(appended);
        expect(await fold.foldTo(caseNo, event), event.type).toEqual(
          await wholeHistory(ledger, caseNo, event),
        );
      }
    });

    it('after a restart, reads the history once and folds in hand from there', async () => {
      const { view, fold } = live();
      const first = events[events.length >> 1]!;
      for (const event of events.filter((e) => e.position >= first.position)) {
        view.asOf(event.position);
        expect(await fold.foldTo(caseNo, event)).toEqual(await wholeHistory(ledger, caseNo, event));
      }
      // Both streams up to the first event, except that event itself when its stream starts with it.
      const before = events.filter((e) => e.position <= first.position).length;
      expect(view.eventsRead).toBe(first.revision === 0n ? before - 1 : before);
    });
  });
});
