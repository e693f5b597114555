import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { type EventStore, openSqliteLedger } from '@docket/event-store';
import { demoUsers } from '@docket/identity';
import { silentLogger } from '@docket/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFoodMaterials, company, DocketClient, FOOD_LICENCE, until } from '../src';

/**
 * A real full disk: the data directory on a small tmpfs of its own (mounting needs root, which these
 * machines and CI have). Where mounting is refused the suite says so and is skipped.
 */
function mountSmallDisk(): { dir: string; unmount(): void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'docket-disk-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the filesystem under `dir` to the last byte; returns the filler to delete. */
function fill(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1024 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

const disk = mountSmallDisk();
const unavailable = typeof disk === 'string' ? disk : undefined;

describe.skipIf(unavailable !== undefined)(
  `a full disk: 507 with Retry-After, health degraded, nothing lost${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const mounted = disk as Exclude<typeof disk, string>;
    let docket: Embedded;
    let ledger: EventStore;
    let client: DocketClient;

    beforeAll(async () => {
      docket = await startEmbedded({
        dataDir: mounted.dir,
        port: 0,
        logger: silentLogger,
        console: false,
      });
      ledger = openSqliteLedger({ path: join(mounted.dir, 'ledger.db') });
      client = new DocketClient(docket.url);
      await client.token(demoUsers.clerk.id);
    }, 60_000);

    afterAll(async () => {
      await ledger?.close();
      await docket?.close();
      mounted?.unmount();
    });

    const submitAs = (name: string, key: string) =>
      client.as(demoUsers.clerk.id).post(
        '/api/applications',
        {
          itemCode: FOOD_LICENCE,
          applicant: { ...company, name },
          channel: 'window',
          materials: allFoodMaterials,
        },
        { idempotencyKey: key },
      );

    const submittedNamed = async (name: string) =>
      (await ledger.readAll()).filter(
        (event) =>
          event.type === 'ApplicationSubmitted' &&
          (event.data as { applicant?: { name?: string } }).applicant?.name === name,
      );

    it('refuses writes with a clear 507, says so in health, and records a retried request exactly once', async () => {
      // Accepted before the disk filled: these must survive.
      const before = await submitAs('满盘前有限公司', 'disk-before');
      expect(before.status).toBe(201);

      const filler = fill(mounted.dir);
      // SQLite may still reuse room inside its write-ahead log for a few appends; the disk shows soon.
      let refused: { name: string; key: string; answer: Awaited<ReturnType<typeof submitAs>> } | undefined;
      const accepted: string[] = [];
      for (let i = 0; i < 400 && refused === undefined; i++) {
        const name = `满盘测试${i}有限公司`;
        const answer = await submitAs(name, `disk-${i}`);
        if (answer.status === 201) accepted.push(name);
        else refused = { name, key: `disk-${i}`, answer };
      }
      expect(refused, 'a write was refused once the disk was full').toBeDefined();
      const { answer } = refused!;
      expect(answer.status, JSON.stringify(answer.body)).toBe(507);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'StorageFull', status: 507 });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);

      const health = await client.send<{ status: string; services: Record<string, { degraded?: string[] }> }>(
        'GET',
        '/api/health',
        undefined,
      );
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('degraded');
      expect(JSON.stringify(health.body.services)).toMatch(/disk full/);

      // The operator frees space; the client retries with the same key, twice.
      rmSync(filler);
      const retried = await submitAs(refused!.name, refused!.key);
      expect(retried.status, JSON.stringify(retried.body)).toBe(201);
      const again = await submitAs(refused!.name, refused!.key);
      expect((again.body as { caseNo: string }).caseNo).toBe((retried.body as { caseNo: string }).caseNo);
      expect(await submittedNamed(refused!.name)).toHaveLength(1);
      for (const name of ['满盘前有限公司', ...accepted])
        expect(await submittedNamed(name), name).toHaveLength(1);

      // The read models come back by themselves and health with them; the chain still verifies.
      await until(
        'health ok again',
        async () => ((await client.send('GET', '/api/health', undefined)).status === 200 ? true : undefined),
        90_000,
      );
      await docket.settled();
      const shown = await client
        .as(demoUsers.clerk.id)
        .get(`/api/cases/${(retried.body as { caseNo: string }).caseNo}`);
      expect(shown.status).toBe(200);
      expect((await ledger.verify()).ok).toBe(true);
    }, 180_000);
  },
);
