import { useContractSubject } from '@docket/testkit';
import { describe } from 'vitest';
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
    const subject = useContractSubject(`read-model store contract: ${adapterName}`, setup);
    const store = (): ReadModelStore => subject().store;

    writeContract(store);
    queryContract(store);
  });
}
