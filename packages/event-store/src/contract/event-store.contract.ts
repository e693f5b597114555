import { useContractSubject } from '@docket/testkit';
import { describe } from 'vitest';
import type { EventStore } from '../port';
import { appendContract } from './append.contract';
import { correlatedContract } from './correlated.contract';
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
 * adapters' tests import it (`../src/contract/event-store.contract`); it is left out of dist (tsconfig.build.json),
 * so production code never loads vitest.
 */
export function eventStoreContract(
  adapterName: string,
  setup: () => Promise<ContractSubject | string>,
): void {
  describe(`ledger contract: ${adapterName}`, { timeout: 30_000 }, () => {
    const subject = useContractSubject(`ledger contract: ${adapterName}`, setup);
    const store = (): EventStore => subject().store;

    appendContract(store);
    idempotenceContract(store);
    readContract(store);
    correlatedContract(store);
    subscribeContract(store);
  });
}
