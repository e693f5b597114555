import { afterEach, beforeEach, describe } from 'vitest';
import type { EventStore } from '../port';
import { appendContract } from './append.contract';
import { idempotenceContract } from './idempotence.contract';
import { readContract } from './read.contract';
import { subscribeContract } from './subscribe.contract';

export interface ContractSubject {
  store: EventStore;
  cleanup(): Promise<void>;
}

/**
 * Registers the shared ledger contract (a vitest describe block). `setup` returns a fresh, empty store
 * per test, or a string: the reason the whole suite is skipped (it then shows as skipped, with the reason).
 *
 * Port-level behaviour only, so that every adapter runs the identical suite. Lives in src/ so both
 * adapters' tests import it (`../src/contract/event-store.contract`); it is compiled into dist but not
 * exported from the package index, so production code never loads vitest.
 */
export function eventStoreContract(
  adapterName: string,
  setup: () => Promise<ContractSubject | string>,
): void {
  describe(`ledger contract: ${adapterName}`, { timeout: 30_000 }, () => {
    let subject: ContractSubject | undefined;
    let skipReason: string | undefined;

    beforeEach(async (context) => {
      // Ask once: a backend that is unavailable stays unavailable for the rest of the run.
      if (skipReason !== undefined) context.skip(skipReason);
      const made = await setup();
      if (typeof made === 'string') {
        skipReason = made;
        // Reporters list skipped tests without their note; an operator reading CI output must see why.
        console.warn(`ledger contract: ${adapterName}: every test skipped: ${made}`);
        context.skip(made);
      } else {
        subject = made;
      }
    });

    afterEach(async () => {
      const done = subject;
      subject = undefined;
      await done?.cleanup();
    });

    const store = (): EventStore => {
      if (!subject) throw new Error('The contract suite has no store: setup() did not run');
      return subject.store;
    };

    appendContract(store);
    idempotenceContract(store);
    readContract(store);
    subscribeContract(store);
  });
}
