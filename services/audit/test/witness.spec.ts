import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCheckpointKey, readCheckpoints } from '@docket/audit';
import { healthOf, type ServiceHealth } from '@docket/contracts';
import { createWorkingCalendar, nationalHolidaySchedules } from '@docket/domain';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoDirectory } from '@docket/identity';
import { type Bus, createInProcessBus } from '@docket/messaging';
import { openSqliteReadModelStore, type SqliteReadModelStore } from '@docket/projections';
import { adjustableClock, type Logger, type RunningService } from '@docket/service-kit';
import { type HttpReceiver, startHttpReceiver, tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAudit } from '../src';

/**
 * Issue 14, defect 10 (b): the service ships each checkpoint to its witnesses as it signs it. A witness
 * that does not answer stops nothing: the ledger takes events, the checkpoints are signed and kept, the
 * log and the health answer say which witness is behind, and it gets every checkpoint once it answers.
 * And a data directory that still holds its key is warned about at start and in the health answer.
 */
const step = (i: number) => ({
  type: 'StepRecorded',
  occurredAt: '2026-03-02T09:30:00+08:00',
  actor: { id: 'u-1', name: '李四', roles: ['reviewer'], department: 'dept-1' },
  correlationId: '20260302-WITNES',
  data: { i },
});

async function waitFor(what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the audit service and its checkpoint witnesses', () => {
  const dir = tempDir('docket-audit-witness-');
  const lines: string[] = [];
  const logger: Logger = {
    info: (message, fields) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message) => lines.push(message),
    error: (message, error) => lines.push(`${message} ${String(error)}`),
  };
  let ledger: EventStore;
  let bus: Bus;
  let store: SqliteReadModelStore;
  let receiver: HttpReceiver;
  let url: string;
  let answering = false;
  const posted: unknown[] = [];
  const services: RunningService[] = [];

  const start = (options: { dataDir: string; keyDir: string; checkpointDir: string; witness: string }) =>
    startAudit({
      ledger,
      bus,
      readModels: store,
      relayCheckpoints: store,
      clock: adjustableClock('Asia/Shanghai', Date.parse('2026-03-02T01:00:00Z')),
      directory: demoDirectory(),
      calendar: createWorkingCalendar(nationalHolidaySchedules),
      logger,
      dataDir: options.dataDir,
      keyDir: options.keyDir,
      checkpointDir: options.checkpointDir,
      checkpointWitness: options.witness,
      ledgerId: '黄浦区政务服务中心',
      checkpointEveryEvents: 3,
      checkpointEveryMs: 0,
    }).then((service) => {
      services.push(service);
      return service;
    });
  /** The health answer's warnings about checkpoints (the calendar has its own). */
  const warnings = async () =>
    ((await bus.request<ServiceHealth>(healthOf('audit').subject, {})).warnings ?? []).filter((w) =>
      w.includes('checkpoint'),
    );

  beforeAll(async () => {
    receiver = await startHttpReceiver((request) => {
      if (answering) posted.push(JSON.parse(request.body));
      return { status: answering ? 201 : 503 };
    }, '/witness');
    url = receiver.url;
    ledger = openSqliteLedger({ path: join(dir.path, 'ledger.db'), pollIntervalMs: 20 });
    bus = createInProcessBus();
    store = openSqliteReadModelStore({ path: ':memory:' });
  });

  afterAll(async () => {
    for (const service of services) await service.close();
    await bus.close();
    await store.close();
    await ledger.close();
    await receiver.close();
    dir.cleanup();
  });

  it('a witness down stops nothing, is logged and in the health answer, and catches up when it answers', async () => {
    const witnessDir = join(dir.path, 'other-disk', 'witness');
    const checkpointDir = join(dir.path, 'checkpoints');
    const service = await start({
      dataDir: join(dir.path, 'data'),
      keyDir: join(dir.path, 'keys'),
      checkpointDir,
      witness: `${url},dir:${witnessDir}`,
    });
    expect(
      lines.some((l) => l.startsWith('checkpoint signer open') && l.includes('checkpoint-key.pem')),
    ).toBe(true);
    for (let i = 1; i <= 6; i++) await ledger.appendToStream('application-20260302-WITNES', [step(i)]);
    // Signed and kept, whatever the HTTP witness does; the directory witness took them.
    await waitFor(() => existsSync(checkpointDir) && readCheckpoints(checkpointDir).length === 2);
    await waitFor(() => readdirSync(witnessDir).filter((n) => n.endsWith('.json')).length === 2);
    await waitFor(async () => (await warnings()).some((w) => w.includes(url)));
    expect(await warnings()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^checkpoint witness ${url} has not taken checkpoint 3, 6 \\(failing since .*: ${url} answered 503\\); retrying$`,
        ),
      ),
    ]);
    expect(lines.some((l) => l.startsWith(`checkpoint witness ${url} did not take checkpoint 3`))).toBe(true);

    answering = true;
    // The next checkpoint is a moment to retry at once: the witness takes all three, in order.
    for (let i = 7; i <= 9; i++) await ledger.appendToStream('application-20260302-WITNES', [step(i)]);
    await waitFor(() => posted.length === 3);
    expect(posted).toEqual(readCheckpoints(checkpointDir));
    await waitFor(async () => (await warnings()).length === 0);
    await service.close();
    services.pop();
  });

  it('warns at start and in the health answer while the key is inside the data directory', async () => {
    const dataDir = join(dir.path, 'legacy');
    mkdirSync(dataDir);
    generateCheckpointKey(join(dataDir, 'keys'));
    await start({
      dataDir,
      keyDir: join(dataDir, 'keys'),
      checkpointDir: join(dataDir, 'checkpoints'),
      witness: '',
    });
    const warning = expect.stringMatching(
      /^the checkpoint signing key is inside the data directory .*: whoever can write the data directory can rewrite the ledger and sign it again\. Move it out: docket checkpoint move-key$/,
    );
    expect(lines).toContainEqual(warning);
    expect(await warnings()).toEqual([warning]);
  });
});
