import { afterEach, beforeEach } from 'vitest';

/**
 * The fixture of a contract suite that every adapter runs unchanged (ledger, bus, read-model store).
 * Call inside the suite's `describe`: `setup` gives a fresh subject per test, or a string, the reason
 * the backend is not available here; then every test is skipped and the reason is printed once, since
 * reporters list skipped tests without their note and an operator reading CI output must see why.
 * `setup` is not asked again once it said no. Each subject is cleaned up after its test.
 */
export function useContractSubject<Subject extends { cleanup(): Promise<void> }>(
  suite: string,
  setup: () => Promise<Subject | string>,
): () => Subject {
  let subject: Subject | undefined;
  let skipReason: string | undefined;

  beforeEach(async (context) => {
    if (skipReason !== undefined) context.skip(skipReason);
    const made = await setup();
    if (typeof made === 'string') {
      skipReason = made;
      console.warn(`${suite}: every test skipped: ${made}`);
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

  return () => {
    if (!subject) throw new Error(`${suite}: no subject: setup() did not run`);
    return subject;
  };
}
