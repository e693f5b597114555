import { PERSONAL_DATA_ERASED } from '@docket/domain';
import type { EventStore, Subscription } from '@docket/event-store';
import type { ProjectionRunner, ReadModelStore } from '@docket/projections';
import { forgetEveryKeptState } from './commands/stream-states';
import type { Logger } from './logger';

/** The read-model store's checkpoint of the erasures its read models were rebuilt after. */
export const ERASURES_APPLIED = 'personal-data-erasures';
const RETRY_MS = 5_000;

/**
 * 删除个人信息 reaching a service's read models (PIPL Art. 47). An erasure destroys its subject's keys and is
 * then recorded as `PersonalDataErased` (packages/personal-data); from then on the ledger reads their
 * values as 〔已删除〕, but a read model still holds what it was built from. So on each such event the
 * service rebuilds its read models from position 0 and purges its store's files of what they held before
 * (`purgeFreedSpace`: SQLite's VACUUM and an emptied log). The place is kept in the store
 * (`personal-data-erasures`): a service that was down during an erasure rebuilds when it starts; several
 * erasures recorded before a rebuild began are covered by that one rebuild. Works in every mode: each
 * service reads the ledger itself, no bus message is needed. While it rebuilds, queries see read models
 * filling up again. The command handlers' kept states (commands/stream-states.ts) are emptied too: a
 * query answered from one would still show what it was read with.
 */
export function watchErasures(options: {
  ledger: EventStore;
  store: ReadModelStore;
  runners: readonly ProjectionRunner[];
  logger: Logger;
}) {
  const { ledger, store, runners, logger } = options;
  let subscription: Subscription | undefined;
  let loop: Promise<void> | undefined;
  let stopping = false;
  /** Every erasure at or before this position is reflected in the read models. */
  let covered = 0n;
  let wake: (() => void) | undefined;

  /** Rebuilds begun so far: a catch-up that one cut short is told by the count moving. */
  let rebuilds = 0;

  async function rebuild(): Promise<void> {
    rebuilds++;
    await rebuildNow();
  }

  async function rebuildNow(): Promise<void> {
    const head = (await ledger.head()).position ?? 0n;
    // The states the command handlers keep were read with the values: read them again.
    forgetEveryKeptState();
    if (runners.length === 0) {
      covered = head;
      return;
    }
    for (const runner of runners) await runner.rebuild();
    const purged = (await store.purgeFreedSpace?.()) ?? true;
    await store.applyBatch(ERASURES_APPLIED, head, () => undefined);
    covered = head;
    logger.info('read models rebuilt after an erasure of personal data', { upTo: head.toString(), purged });
    if (!purged)
      logger.warn(
        'a read-model file could not be purged of erased values yet; it will be on the next erasure',
      );
  }

  async function follow(): Promise<void> {
    while (!stopping) {
      subscription = ledger.subscribeToAll({
        after: covered,
        filter: { eventTypes: [PERSONAL_DATA_ERASED] },
      });
      try {
        for await (const event of subscription) {
          if (stopping) break;
          if (event.position > covered) await rebuild();
        }
        return;
      } catch (error) {
        if (stopping) return;
        logger.error(
          `rebuilding the read models after an erasure failed; trying again in ${RETRY_MS} ms`,
          error,
        );
        await subscription.stop().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    async start(): Promise<void> {
      // A service without read models keeps nothing to rebuild, only states in memory: from the head.
      covered =
        runners.length === 0
          ? ((await ledger.head()).position ?? 0n)
          : ((await store.checkpoint(ERASURES_APPLIED)) ?? 0n);
      loop = follow();
    },
    /** How many rebuilds after an erasure have begun: one begun during a catch-up may cut it short. */
    rebuildsBegun: (): number => rebuilds,
    /** Resolves when every erasure recorded by now is reflected in the read models. */
    async settled(): Promise<void> {
      if (loop === undefined) return;
      const head = (await ledger.head()).position;
      if (head === undefined) return;
      for (let wait = 5; !stopping; wait = Math.min(wait * 2, 50)) {
        const [pending] = await ledger.readAll({
          after: covered,
          upTo: head,
          maxCount: 1,
          filter: { eventTypes: [PERSONAL_DATA_ERASED] },
        });
        if (pending === undefined) return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    async stop(): Promise<void> {
      stopping = true;
      wake?.();
      await subscription?.stop();
      await loop;
    },
  };
}
