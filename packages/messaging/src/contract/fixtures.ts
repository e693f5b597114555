import type { Bus } from '../bus';

export type BusOf = () => Bus;

/** A promise the test opens when it wants: holds a handler "in hand". */
export function gate(): { wait: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Resolves once `predicate` holds, checking after each turn of the event loop (bounded by the test timeout). */
export async function eventually(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A docket-like typed error (DomainError shape), declared here: the bus never imports the domain. */
export class ApplicationIncomplete extends Error {
  readonly code = 'ApplicationIncomplete';
  readonly kind = 'rejected';
  constructor(readonly details: unknown) {
    super('一次性告知: materials are missing');
  }
}
