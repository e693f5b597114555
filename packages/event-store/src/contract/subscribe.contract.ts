import { describe, expect, it } from 'vitest';
import { eventually, iteratorOf, newEvent, readEverything, type StoreOf, take, within } from './fixtures';

/** Catch-up subscriptions: history, then live, in global order, resumable from a checkpoint. */
export function subscribeContract(store: StoreOf): void {
  describe('subscribeToAll', () => {
    it('delivers the history, then events appended after subscribing, in global order', async () => {
      await store().appendToStream('application-1', [newEvent('Submitted'), newEvent('Accepted')]);
      await store().appendToStream('review-1', [newEvent('TaskOpened')]);
      const subscription = store().subscribeToAll();
      const events = iteratorOf(subscription);
      const history = await take(events, 3);
      expect(history.map((e) => e.type)).toEqual(['Submitted', 'Accepted', 'TaskOpened']);
      expect(subscription.checkpoint).toBe(history[2]!.position);
      // Live: appended while the subscriber waits.
      const live = take(events, 3);
      await store().appendToStream('clock-1', [newEvent('ClockStarted')]);
      await store().appendToStream('review-1', [newEvent('OpinionGiven'), newEvent('Decided')]);
      expect((await live).map((e) => e.type)).toEqual(['ClockStarted', 'OpinionGiven', 'Decided']);
      expect([...history, ...(await live)]).toEqual(await readEverything(store()));
      await subscription.stop();
    });

    it('resumes after a checkpoint without repeating or skipping', async () => {
      await store().appendToStream(
        'order-1',
        [1, 2, 3, 4].map((i) => newEvent('Step', { i })),
      );
      const all = await readEverything(store());
      const subscription = store().subscribeToAll({ after: all[1]!.position });
      const events = iteratorOf(subscription);
      expect(await take(events, 2)).toEqual(all.slice(2));
      await store().appendToStream('order-1', [newEvent('Step', { i: 5 })]);
      const [fifth] = await take(events, 1);
      expect(fifth!.data).toEqual({ i: 5 });
      await subscription.stop();
    });

    it('delivers only what the filter selects, and its checkpoint moves past skipped events', async () => {
      await store().appendToStream('application-1', [newEvent('Submitted')]);
      await store().appendToStream('review-1', [newEvent('TaskOpened')]);
      await store().appendToStream('application-1', [newEvent('Accepted')]);
      const subscription = store().subscribeToAll({ filter: { streamPrefixes: ['application-'] } });
      const events = iteratorOf(subscription);
      const [submitted, accepted] = await take(events, 2);
      expect([submitted!.type, accepted!.type]).toEqual(['Submitted', 'Accepted']);
      expect(subscription.checkpoint).toBe(accepted!.position);
      // A skipped event at the tail still advances the checkpoint.
      const pending = events.next();
      await store().appendToStream('review-1', [newEvent('OpinionGiven')]);
      const [noise] = await store().readStream('review-1', { direction: 'backwards', maxCount: 1 });
      await eventually(
        () => subscription.checkpoint === noise!.position,
        'the checkpoint to pass a filtered-out event',
      );
      await store().appendToStream('application-1', [newEvent('Delivered')]);
      const next = await within(pending, 'the next matching event');
      expect(next.done).toBe(false);
      expect(next.value.type).toBe('Delivered');
      expect(subscription.checkpoint).toBe(next.value.position);
      await subscription.stop();
    });

    it('filters by event type', async () => {
      await store().appendToStream('application-1', [newEvent('Submitted'), newEvent('Accepted')]);
      await store().appendToStream('application-2', [newEvent('Submitted'), newEvent('Withdrawn')]);
      const subscription = store().subscribeToAll({ filter: { eventTypes: ['Accepted', 'Withdrawn'] } });
      const events = await take(iteratorOf(subscription), 2);
      expect(events.map((e) => `${e.stream}:${e.type}`)).toEqual([
        'application-1:Accepted',
        'application-2:Withdrawn',
      ]);
      await subscription.stop();
    });

    it('stop() ends the iteration, also while it waits for live events', async () => {
      await store().appendToStream('application-1', [newEvent('Submitted')]);
      const subscription = store().subscribeToAll();
      const events = iteratorOf(subscription);
      await take(events, 1);
      const waiting = events.next();
      await subscription.stop();
      expect((await within(waiting, 'the iteration to end')).done).toBe(true);
      await store().appendToStream('application-1', [newEvent('Accepted')]);
      expect((await within(events.next(), 'the iteration to stay ended')).done).toBe(true);
    });

    it('breaking out of for-await ends it, and the store keeps working', async () => {
      await store().appendToStream('application-1', [
        newEvent('Submitted'),
        newEvent('Accepted'),
        newEvent('Delivered'),
      ]);
      const seen: string[] = [];
      const loop = async () => {
        for await (const event of store().subscribeToAll()) {
          seen.push(event.type);
          if (seen.length === 2) break;
        }
      };
      await within(loop(), 'the loop to end');
      expect(seen).toEqual(['Submitted', 'Accepted']);
      await store().appendToStream('application-1', [newEvent('Archived')]);
      expect((await readEverything(store())).length).toBe(4);
    });
  });
}
