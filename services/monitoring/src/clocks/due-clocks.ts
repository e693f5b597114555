import type { ReadModelStore } from '@docket/projections';
import { CLOCKS, type ClockDocument } from '../views/clocks.projection';

/**
 * The clocks whose next warning was due before `before` (a UTC instant), page by page in the order of
 * (nextDueAt, id), each page starting after the last clock of the one before (keyset paging). So pages
 * can be read while the clocks of the earlier ones are still being evaluated, before the read model has
 * moved their nextDueAt on: a clock is listed once per pass whatever the projection's lag.
 */
export async function* dueClocks(
  store: ReadModelStore,
  before: string,
  pageSize: number,
): AsyncGenerator<ClockDocument[]> {
  let last: ClockDocument | undefined;
  for (;;) {
    // The rest of the clocks due at the same instant as the last one, then those due after it.
    const sameInstant =
      last === undefined
        ? []
        : await store.find<ClockDocument>(CLOCKS, {
            where: { nextDueAt: last.nextDueAt, id: { gt: last.id } },
            orderBy: [{ field: 'id', direction: 'asc' }],
            limit: pageSize,
          });
    const later =
      sameInstant.length === pageSize
        ? []
        : await store.find<ClockDocument>(CLOCKS, {
            where: { nextDueAt: { ...(last === undefined ? {} : { gt: last.nextDueAt! }), lt: before } },
            orderBy: [
              { field: 'nextDueAt', direction: 'asc' },
              { field: 'id', direction: 'asc' },
            ],
            limit: pageSize - sameInstant.length,
          });
    const page = [...sameInstant, ...later];
    if (page.length === 0) return;
    yield page;
    last = page.at(-1);
  }
}
