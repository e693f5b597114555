import { afterEach, beforeEach, describe } from 'vitest';
import type { ReadModelStore } from '../read-model-store';
import { queryContract } from './query.contract';
import { writeContract } from './write.contract';

export interface ContractSubject {
  store: ReadModelStore;
  cleanup(): Promise<void>;
}

/**
 * Registers the shared read-model store contract (a vitest describe block). `setup` returns a fresh,
 * empty store per test, or a string: the reason the whole suite is skipped (shown once, and on every
 * test as skipped). Compiled into dist but not exported from the index, so production never loads vitest.
 */
export function readModelStoreContract(
  adapterName: string,
  setup: () => Promise<ContractSubject | string>,
): void {
  describe(`read-model store contract: ${adapterName}`, { timeout: 30_000 }, () => {
    let subject: ContractSubject | undefined;
    let skipReason: string | undefined;

    beforeEach(async (context) => {
      if (skipReason !== undefined) context.skip(skipReason);
      const made = await setup();
      if (typeof made === 'string') {
        skipReason = made;
        // Reporters list skipped tests without their note; an operator reading CI output must see why.
        console.warn(`read-model store contract: ${adapterName}: every test skipped: ${made}`);
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

    const store = (): ReadModelStore => {
      if (!subject) throw new Error('The contract suite has no store: setup() did not run');
      return subject.store;
    };

    writeContract(store);
    queryContract(store);
  });
}
