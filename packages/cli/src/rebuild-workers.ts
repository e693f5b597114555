import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadModelService, RebuildProgress, RebuildResult } from './rebuild';

/** One service's read models, rebuilt into this file (a fresh one: the command swaps it in after). */
export interface ServiceRebuild {
  service: ReadModelService;
  path: string;
}

export interface WorkerRebuildOptions {
  ledgerPath: string;
  /** The data directory: its personal-data vault opens what the ledger holds sealed. */
  dataDir?: string;
  services: readonly ServiceRebuild[];
  /** The head every worker rebuilds to (null: the ledger is empty). */
  upTo: bigint | null;
  timeZone: string;
  pageSize?: number;
  /** Worker threads; default min(cores, services). */
  workers?: number;
  /** Node options for the workers (e.g. `--cpu-prof`, `--cpu-prof-dir=<dir>`: a CPU profile of each). */
  execArgv?: string[];
  onProgress?: (progress: RebuildProgress) => void;
  now?: () => number;
}

/** What a worker is asked to do (workerData). */
export interface WorkerTask {
  ledgerPath: string;
  dataDir: string | undefined;
  services: ServiceRebuild[];
  upTo: bigint | null;
  timeZone: string;
  pageSize: number | undefined;
}

export type WorkerMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; projections: number }
  | { kind: 'failed'; name: string; message: string };

// Workers load the compiled entry; run as TypeScript source (tests), there is none and the caller
// rebuilds on its own thread.
const WORKER_SCRIPT = join(__dirname, 'rebuild-worker.js');
export const rebuildWorkersAvailable = __filename.endsWith('.js') && existsSync(WORKER_SCRIPT);

/**
 * What rebuilding each service alone costs, in CPU microseconds per event of the log (the audit
 * bench's ledger, 2026-12-07; reading and decoding the streams it reads included). Used only to split
 * the services between fewer workers than services evenly. On two workers this pairs intake with
 * review and monitoring with supervision, which is also the split that decodes least twice: intake and
 * review read the same application- and review- streams, monitoring and supervision the complaint-
 * streams (decoding is about a third of a worker's time).
 */
const WEIGHT: Record<ReadModelService, number> = { intake: 18, review: 9, monitoring: 20, supervision: 5 };

/** Splits the services into `count` groups of about equal weight (largest first, onto the lightest). */
export function groupServices(services: readonly ServiceRebuild[], count: number): ServiceRebuild[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(count, services.length)) }, () => ({
    weight: 0,
    services: [] as ServiceRebuild[],
  }));
  for (const s of [...services].sort((a, b) => WEIGHT[b.service] - WEIGHT[a.service])) {
    const lightest = groups.reduce((min, g) => (g.weight < min.weight ? g : min));
    lightest.services.push(s);
    lightest.weight += WEIGHT[s.service];
  }
  return groups.map((g) => g.services).filter((g) => g.length > 0);
}

/**
 * Rebuilds the services' read models side by side, a worker thread per group of services, each with
 * its own connection to the ledger and one pass over it (only the streams its projections read are
 * decoded). The projections and their writes are those of the one-thread rebuild; only the threads
 * differ. Progress is that of the slowest worker. If one fails, the others are stopped and the error
 * is thrown: the caller keeps the live files.
 */
export async function rebuildInWorkers(options: WorkerRebuildOptions): Promise<RebuildResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const total = options.upTo === null ? 0 : Number(options.upTo);
  const groups = groupServices(
    options.services,
    options.workers ?? Math.min(availableParallelism(), options.services.length),
  );
  const done = groups.map(() => 0);
  const workers: Worker[] = [];
  options.onProgress?.({ done: 0, total, elapsedMs: now() - started });
  try {
    const counts = await Promise.all(
      groups.map(
        (services, index) =>
          new Promise<number>((resolve, reject) => {
            const task: WorkerTask = {
              ledgerPath: options.ledgerPath,
              dataDir: options.dataDir,
              services,
              upTo: options.upTo,
              timeZone: options.timeZone,
              pageSize: options.pageSize,
            };
            const worker = new Worker(WORKER_SCRIPT, {
              workerData: task,
              ...(options.execArgv ? { execArgv: options.execArgv } : {}),
            });
            workers.push(worker);
            let settled = false;
            worker.on('message', (message: WorkerMessage) => {
              if (message.kind === 'progress') {
                done[index] = message.done;
                options.onProgress?.({ done: Math.min(...done), total, elapsedMs: now() - started });
              } else if (message.kind === 'done') {
                settled = true;
                resolve(message.projections);
              } else {
                settled = true;
                const error = new Error(
                  `rebuild of ${services.map((s) => s.service).join(', ')}: ${message.message}`,
                );
                error.name = message.name;
                reject(error);
              }
            });
            worker.on('error', (error) => {
              settled = true;
              reject(error);
            });
            worker.on('exit', (code) => {
              if (!settled) reject(new Error(`a rebuild worker exited with code ${code} before it finished`));
            });
          }),
      ),
    );
    return {
      head: options.upTo ?? undefined,
      events: total,
      projections: counts.reduce((a, b) => a + b, 0),
      elapsedMs: now() - started,
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
