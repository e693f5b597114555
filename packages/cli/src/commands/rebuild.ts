import { existsSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { openSqliteReadModelStore, type SqliteReadModelStore } from '@docket/projections';
import { type Command, stringOption } from '../command';
import { UsageError } from '../data-dir';
import { heldByAnotherConnection } from '../lock';
import { fmtInt, progressReporter } from '../output';
import { openReadableLedger } from '../readable-ledger';
import {
  DEFAULT_PAGE_SIZE,
  isReadModelService,
  READ_MODEL_SERVICES,
  type ReadModelService,
  type RebuildProgress,
  type RebuildResult,
  rebuildReadModels,
  serviceProjections,
} from '../rebuild';
import { rebuildInWorkers, rebuildWorkersAvailable } from '../rebuild-workers';

export const rebuildCommand: Command = {
  name: 'rebuild',
  summary: 'rebuild every read model from position 0 (progress and ETA), report events/s',
  help: `usage: docket rebuild [--service intake|review|monitoring|supervision] [--time-zone <tz>]

Rebuilds the read models of the data directory (<data-dir>/<service>.read.db: the case list, public
status, catalogue, inbox, clocks, warnings, stats, feed, complaints, orders, ratings, scores) from
position 0 of the ledger up to its head, with the services' own projections, in one pass over the log.
Each file is rebuilt beside the live one and replaces it only when complete: a failed or interrupted
rebuild leaves the live read models as they were. Progress and ETA go to stderr (redrawn in place on a
terminal, plain lines otherwise); the result, with events per second, to stdout.

With several services on a machine of several cores, the services are rebuilt side by side in worker
threads, each reading the ledger on its own connection.

Stop docket first: the rebuild refuses to run while another process has the ledger or a read-model
file open (the embedded docket, a service).

  --service <s>     only this service's read models (comma-separated for several; default all four)
  --time-zone <tz>  the time zone monitoring and supervision count days in (default Asia/Shanghai,
                    as the embedded mode)
  --page-size <n>   events per read and per write transaction (default 1000)

exit code: 0, 1 the data directory is in use or the rebuild failed, 2 a usage error
`,
  options: {
    service: { type: 'string' },
    'time-zone': { type: 'string' },
    'page-size': { type: 'string' },
  },
  async run({ values, layout }, io) {
    const requested = stringOption(values.service)
      ?.split(',')
      .map((s) => s.trim()) ?? [...READ_MODEL_SERVICES];
    for (const s of requested)
      if (!isReadModelService(s))
        throw new UsageError(`unknown service ${JSON.stringify(s)}: ${READ_MODEL_SERVICES.join(', ')}`);
    const services = [...new Set(requested)] as ReadModelService[];
    const timeZone = stringOption(values['time-zone']) ?? 'Asia/Shanghai';
    const pageSize = values['page-size'] === undefined ? DEFAULT_PAGE_SIZE : Number(values['page-size']);
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new UsageError('--page-size must be a positive integer');
    if (!existsSync(layout.ledger)) throw new UsageError(`no ledger at ${layout.ledger}`);
    const inUse = [layout.ledger, ...services.map((s) => layout.readModel(s))].filter(
      heldByAnotherConnection,
    );
    if (inUse.length > 0) {
      io.err(
        `another process has ${inUse.join(', ')} open: stop docket (and any service on this data directory) first\n`,
      );
      return 1;
    }
    const ledger = openReadableLedger(layout);
    const files = services.map((service) => {
      const file = layout.readModel(service);
      return { service, file, temp: `${file}.rebuild-${process.pid}` };
    });
    const stores: SqliteReadModelStore[] = [];
    let replaced = false;
    try {
      for (const f of files) removeDatabase(f.temp);
      const progress = progressReporter(io, 'rebuild');
      const onProgress = (p: RebuildProgress) => progress.update(p.done, p.total, p.elapsedMs);
      // Several services on several cores: a worker per group of services; otherwise this thread.
      const inWorkers = rebuildWorkersAvailable && services.length > 1 && availableParallelism() > 1;
      let result: RebuildResult;
      if (inWorkers) {
        result = await rebuildInWorkers({
          ledgerPath: layout.ledger,
          dataDir: layout.dataDir,
          services: files.map((f) => ({ service: f.service, path: f.temp })),
          upTo: (await ledger.head()).position ?? null,
          timeZone,
          pageSize,
          onProgress,
        });
      } else {
        const targets = [];
        for (const f of files) {
          const store = openSqliteReadModelStore({ path: f.temp });
          stores.push(store);
          targets.push({
            name: f.service,
            store,
            projections: await serviceProjections(f.service, timeZone),
          });
        }
        result = await rebuildReadModels({ ledger, targets, pageSize, onProgress });
        for (const store of stores.splice(0)) await store.close();
      }
      progress.end();
      for (const f of files) {
        // A stale WAL beside the live file would be replayed into the new one: remove it first.
        rmSync(`${f.file}-wal`, { force: true });
        rmSync(`${f.file}-shm`, { force: true });
        renameSync(f.temp, f.file);
      }
      replaced = true;
      const seconds = result.elapsedMs / 1000;
      const rate = seconds > 0 ? result.events / seconds : 0;
      io.out(
        `rebuilt ${result.projections} read models of ${services.join(', ')} from ${fmtInt(result.events)} events ` +
          `(positions 1..${result.head ?? 0}) in ${seconds.toFixed(2)} s: ${fmtInt(rate)} events/s` +
          `${inWorkers ? ` (${Math.min(availableParallelism(), services.length)} worker threads)` : ''}\n`,
      );
      return 0;
    } finally {
      for (const store of stores) await store.close().catch(() => undefined);
      if (!replaced) for (const f of files) removeDatabase(f.temp);
      await ledger.close();
    }
  },
};

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
