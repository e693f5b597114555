import { useContractSubject } from '@docket/testkit';
import { describe } from 'vitest';
import type { Bus } from '../bus';
import { eventContract } from './events.contract';
import { requestContract } from './requests.contract';

export interface ContractSubject {
  bus: Bus;
  cleanup(): Promise<void>;
}

/**
 * Registers the bus contract (a vitest describe block) for one implementation. `setup` returns a fresh
 * bus per test (with an empty event log and no durables), or a string: why the suite is skipped.
 * Lives in src/ so both implementations' tests share it; it is not exported from the package index.
 */
export function busContract(name: string, setup: () => Promise<ContractSubject | string>): void {
  describe(`bus contract: ${name}`, { timeout: 20_000 }, () => {
    const subject = useContractSubject(`bus contract: ${name}`, setup);
    const bus = (): Bus => subject().bus;

    requestContract(bus);
    eventContract(bus);
  });
}
