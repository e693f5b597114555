import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteLedger } from '@docket/event-store';
import { openSqliteReadModelStore } from '@docket/projections';
import { readable } from './readable-ledger';
import { type RebuildTarget, rebuildReadModels, serviceProjections } from './rebuild';
import type { WorkerMessage, WorkerTask } from './rebuild-workers';

/** A rebuild worker (rebuild-workers.ts): its services' read models, on its own ledger connection. */
async function run(task: WorkerTask): Promise<number> {
  const opened = openSqliteLedger({ path: task.ledgerPath });
  // Personal values opened with the data directory's vault, as the services read them.
  const ledger = task.dataDir === undefined ? opened : readable(opened, task.dataDir);
  const targets: RebuildTarget[] = [];
  try {
    for (const { service, path } of task.services) {
      targets.push({
        name: service,
        store: openSqliteReadModelStore({ path }),
        projections: await serviceProjections(service, task.timeZone),
      });
    }
    let reported = 0;
    const result = await rebuildReadModels({
      ledger,
      targets,
      upTo: task.upTo,
      ...(task.pageSize === undefined ? {} : { pageSize: task.pageSize }),
      onProgress: ({ done }) => {
        // A message per page is plenty for a progress bar; fewer cost the main thread less.
        if (done - reported >= 10_000 || done === Number(task.upTo ?? 0)) {
          reported = done;
          post({ kind: 'progress', done });
        }
      },
    });
    return result.projections;
  } finally {
    for (const t of targets) await t.store.close();
    await ledger.close();
  }
}

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

run(workerData as WorkerTask).then(
  (projections) => post({ kind: 'done', projections }),
  (error: unknown) =>
    post({
      kind: 'failed',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    }),
);
