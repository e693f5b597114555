import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '../port';

/** Gives the current test's store; the contract's sections are written against this only. */
export type StoreOf = () => EventStore;

export const clerk = { id: 'u-1001', name: '张三', roles: ['window-clerk'], department: 'dept-intake' };

/** A minimal valid event; `extra` overrides any field. */
export function newEvent(
  type = 'ApplicationSubmitted',
  data: unknown = { n: 1 },
  extra: Partial<NewEvent> = {},
): NewEvent {
  return { type, data, occurredAt: '2026-03-02T09:30:00+08:00', actor: clerk, ...extra };
}

/** Events with caller-chosen ids (so that a retry can resend them). */
export function withIds(count: number, type = 'ReviewStepCompleted'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { step: i }, { id: randomUUID() }));
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** Awaits a rejection of the given class and returns the error for further checks. */
export async function rejection<E extends Error>(
  promise: Promise<unknown>,
  errorClass: ErrorClass<E>,
): Promise<E> {
  let outcome: unknown;
  try {
    await promise;
    outcome = undefined;
  } catch (error) {
    outcome = error;
  }
  expect(outcome, `expected a ${errorClass.name}`).toBeInstanceOf(errorClass);
  return outcome as E;
}

/** Everything in the global log (paged as a caller would). */
export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 100 });
    all.push(...page);
    if (page.length < 100) return all;
    after = page[page.length - 1]!.position;
  }
}

/** Fails instead of hanging when a subscription delivers nothing (a liveness guard, not a timing check). */
export function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Pulls `count` events from a subscription's iterator. */
export async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const next = await within(iterator.next(), `event ${events.length + 1} of ${count}`);
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

/** Waits until a condition holds (e.g. a checkpoint moved), failing after a generous bound. */
export async function eventually(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function iteratorOf(subscription: Subscription): AsyncIterator<RecordedEvent> {
  return subscription[Symbol.asyncIterator]();
}
