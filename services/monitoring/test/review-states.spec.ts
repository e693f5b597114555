import { join } from 'node:path';
import { company, createCaseDesk, foodLicence } from '@docket/case-fixtures';
import {
  evolveReview,
  initialReviewState,
  needsReviewState,
  type ReviewEvent,
  reviewStreamName,
} from '@docket/domain';
import { type EventStore, openSqliteLedger, type RecordedEvent } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewStates } from '../src/clocks/review-states';
import { ledgerAsOf } from './ledger-as-of';

/** The reference: the review's stream read and folded up to the event, every time. */
async function reviewAt(ledger: EventStore, event: RecordedEvent) {
  const history = await ledger.readStream(event.stream, { maxCount: Number(event.revision) + 1 });
  return history.reduce(
    (state, e) => evolveReview(state, { type: e.type, data: e.data } as ReviewEvent),
    initialReviewState(),
  );
}

describe("the review's state at each step, as monitoring's clock needs it", () => {
  const dir = tempDir('docket-review-states-');
  let ledger: EventStore;
  let events: RecordedEvent[];

  beforeAll(async () => {
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db') });
    const desk = createCaseDesk(ledger);
    const caseNo = await desk.deliverPromisedCase(await desk.defineItem(foodLicence), company);
    events = await ledger.readStream(reviewStreamName(caseNo));
  });
  afterAll(async () => {
    await ledger.close();
    dir.cleanup();
  });

  /** Hands each event over as the case watch does; answers the states the steps were given. */
  async function follow(reviews: ReviewStates, view: ReturnType<typeof ledgerAsOf>, from: RecordedEvent[]) {
    for (const event of from) {
      view.asOf(event.position);
      if (needsReviewState(event.type))
        expect(await reviews.at(event), event.type).toEqual(await reviewAt(ledger, event));
      else reviews.pass(event);
    }
  }

  it('has steps to follow', () => {
    expect(events.filter((e) => needsReviewState(e.type)).length).toBeGreaterThan(0);
  });

  it('folds each event in hand: nothing is read while they come in order', async () => {
    const view = ledgerAsOf(ledger);
    await follow(new ReviewStates(view.ledger), view, events);
    expect(view.eventsRead).toBe(0);
  });

  it('reads the stream up to a step that follows an event it did not see', async () => {
    const view = ledgerAsOf(ledger);
    const step = events.find((e) => needsReviewState(e.type))!;
    await follow(
      new ReviewStates(view.ledger),
      view,
      events.filter((e) => e.revision !== step.revision - 1n),
    );
    expect(view.eventsRead).toBe(Number(step.revision) + 1);
  });

  it('reads the stream again for a step redelivered after later events', async () => {
    const view = ledgerAsOf(ledger);
    const reviews = new ReviewStates(view.ledger);
    await follow(reviews, view, events);
    const step = events.find((e) => needsReviewState(e.type))!;
    expect(await reviews.at(step)).toEqual(await reviewAt(ledger, step));
    expect(view.eventsRead).toBe(Number(step.revision) + 1);
  });
});
