import { afterEach, beforeEach, describe } from 'vitest';
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
    let subject: ContractSubject | undefined;
    let skipReason: string | undefined;

    beforeEach(async (context) => {
      if (skipReason !== undefined) context.skip(skipReason);
      const made = await setup();
      if (typeof made === 'string') {
        skipReason = made;
        console.warn(`bus contract: ${name}: every test skipped: ${made}`);
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

    const bus = (): Bus => {
      if (!subject) throw new Error('The contract suite has no bus: setup() did not run');
      return subject.bus;
    };

    requestContract(bus);
    eventContract(bus);
  });
}
