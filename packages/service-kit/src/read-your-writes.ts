import { MIN_POSITION_HEADER } from '@docket/contracts';
import type { Headers } from '@docket/messaging';
import type { ReadModelStore } from '@docket/projections';
import { InvalidControlHeader } from './errors';

/**
 * Read your writes: a command answers with the ledger position of its events; a query that names it
 * (`docket-min-position`, from the gateway's `X-Docket-Min-Position`) waits until the projection it
 * reads has applied that position, for at most `timeoutMs`. After that it answers with what it has:
 * read models are eventually consistent, and a slow projection must not turn into a failed query.
 * Resolves false when it gave up waiting (a caller that must not act on stale figures refuses then).
 */
export async function awaitPosition(
  store: ReadModelStore,
  projections: readonly string[],
  headers: Headers,
  timeoutMs = 2000,
): Promise<boolean> {
  const raw = headers[MIN_POSITION_HEADER];
  if (raw === undefined) return true;
  if (!/^[0-9]{1,19}$/.test(raw))
    throw new InvalidControlHeader(MIN_POSITION_HEADER, 'not a ledger position');
  const wanted = BigInt(raw);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    const checkpoints = await Promise.all(projections.map((p) => store.checkpoint(p)));
    if (checkpoints.every((c) => c !== undefined && c >= wanted)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
