import { existsSync, renameSync, rmSync } from 'node:fs';
import { openSqliteReadModelStore, type SqliteReadModelStore } from '@docket/projections';
import { type Command, stringOption } from '../command';
import { openExistingLedger, UsageError } from '../data-dir';
import { heldByAnotherConnection } from '../lock';
import { fmtInt, progressReporter } from '../output';
import {
  isReadModelService,
  READ_MODEL_SERVICES,
  type ReadModelService,
  rebuildReadModels,
  serviceProjections,
} from '../rebuild';

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

Stop docket first: the rebuild refuses to run while another process has the ledger or a read-model
file open (the embedded docket, a service).

  --service <s>     only this service's read models (comma-separated for several; default all four)
  --time-zone <tz>  the time zone monitoring and supervision count days in (default Asia/Shanghai,
                    as the embedded mode)
  --page-size <n>   events per read and per write transaction (default 2000)

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
    const pageSize = values['page-size'] === undefined ? 2_000 : Number(values['page-size']);
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
    const ledger = openExistingLedger(layout);
    const stores: { service: ReadModelService; file: string; temp: string; store: SqliteReadModelStore }[] =
      [];
    let replaced = false;
    try {
      const targets = [];
      for (const service of services) {
        const file = layout.readModel(service);
        const temp = `${file}.rebuild-${process.pid}`;
        removeDatabase(temp);
        const store = openSqliteReadModelStore({ path: temp });
        stores.push({ service, file, temp, store });
        targets.push({ name: service, store, projections: await serviceProjections(service, timeZone) });
      }
      const progress = progressReporter(io, 'rebuild');
      const result = await rebuildReadModels({
        ledger,
        targets,
        pageSize,
        onProgress: (p) => progress.update(p.done, p.total, p.elapsedMs),
      });
      progress.end();
      for (const s of stores) await s.store.close();
      for (const s of stores) {
        // A stale WAL beside the live file would be replayed into the new one: remove it first.
        rmSync(`${s.file}-wal`, { force: true });
        rmSync(`${s.file}-shm`, { force: true });
        renameSync(s.temp, s.file);
      }
      replaced = true;
      const seconds = result.elapsedMs / 1000;
      const rate = seconds > 0 ? result.events / seconds : 0;
      io.out(
        `rebuilt ${result.projections} read models of ${services.join(', ')} from ${fmtInt(result.events)} events ` +
          `(positions 1..${result.head ?? 0}) in ${seconds.toFixed(2)} s: ${fmtInt(rate)} events/s\n`,
      );
      return 0;
    } finally {
      if (!replaced)
        for (const s of stores) {
          await s.store.close().catch(() => undefined);
          removeDatabase(s.temp);
        }
      await ledger.close();
    }
  },
};

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}
