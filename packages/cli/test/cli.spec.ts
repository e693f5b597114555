import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caseStateAsOf,
  checkCaseExport,
  loadTrustedKeys,
  readCheckpoints,
  verifyCaseExportProofs,
} from '@docket/audit';
import { openSqliteLedger } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MODEL_SERVICES } from '../src/rebuild';
import { populateDataDir, readModelSnapshot, storedText } from './data-dir';
import { MAIN, type Run, docket as run } from './run-docket';

/** The built CLI in a child process (run-docket.ts: the key directory in the test's temp dir). */
const docket = (dataDir: string | undefined, ...args: string[]): Run => run(dataDir, args);

const dir = tempDir('docket-cli-');
const dataDir = join(dir.path, 'data');
let fixture: Awaited<ReturnType<typeof populateDataDir>>;

beforeAll(async () => {
  expect(existsSync(MAIN), 'build @docket/cli first (npx turbo run build --filter=@docket/cli)').toBe(true);
  fixture = await populateDataDir(dataDir);
}, 120_000);
afterAll(() => dir.cleanup());

/** A copy of the populated data directory, for a test that changes it. */
function copyOfDataDir(name: string): string {
  const copy = join(dir.path, name);
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

describe('--help', () => {
  it('lists the commands, and each command describes itself', () => {
    const top = docket(undefined, '--help');
    expect(top.code).toBe(0);
    for (const name of ['verify', 'history', 'export', 'checkpoint', 'rebuild', 'token'])
      expect(top.stdout).toContain(`  ${name}`);
    for (const name of ['verify', 'history', 'export', 'checkpoint', 'rebuild', 'token']) {
      const help = docket(undefined, name, '--help');
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toContain(`usage: docket ${name}`);
      expect(help.stdout, name).toContain('--data-dir');
    }
  });

  it('answers a usage error with exit code 2', () => {
    expect(docket(undefined).code).toBe(2);
    expect(docket(undefined, 'frobnicate').code).toBe(2);
    const bad = docket(dataDir, 'verify', '--nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--nope'");
    expect(docket(join(dir.path, 'missing'), 'verify').stderr).toContain('no ledger at');
  });
});

describe('docket verify', () => {
  it('walks the whole chain: count, head position and hash, exit 0', () => {
    const run = docket(dataDir, 'verify');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ok: ${fixture.headPosition} events verified`);
    expect(run.stdout).toContain(`head position: ${fixture.headPosition}`);
    expect(run.stdout).toContain(`head hash:     ${fixture.headHash}`);
    const json = JSON.parse(docket(dataDir, 'verify', '--json').stdout);
    expect(json).toMatchObject({
      ok: true,
      count: Number(fixture.headPosition),
      headPosition: String(fixture.headPosition),
      headHash: fixture.headHash,
    });
  });

  it('walks a range', () => {
    const json = JSON.parse(docket(dataDir, 'verify', '--from', '5', '--to', '20', '--json').stdout);
    expect(json).toMatchObject({ ok: true, count: 16, headPosition: '20' });
    expect(docket(dataDir, 'verify', '--from', 'x').code).toBe(2);
  });

  it('names the position of a changed byte, exit 1', () => {
    const copy = copyOfDataDir('tampered');
    const db = new Database(join(copy, 'ledger.db'));
    const data = db.prepare('SELECT data FROM events WHERE position = 17').pluck().get() as string;
    // One byte of the stored event data, changed in place.
    const i = data.indexOf(':') + 2;
    const flipped = data.slice(0, i) + String.fromCharCode(data.charCodeAt(i) ^ 1) + data.slice(i + 1);
    db.prepare('UPDATE events SET data = ? WHERE position = 17').run(flipped);
    db.close();
    const run = docket(copy, 'verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^BROKEN at position 17: /);
    expect(run.stdout).toContain('16 events verified before it');
    expect(JSON.parse(docket(copy, 'verify', '--json').stdout)).toMatchObject({ ok: false, position: '17' });
    // The range before it still verifies.
    expect(docket(copy, 'verify', '--to', '16').code).toBe(0);
  });
});

describe('docket history', () => {
  it('prints the merged history of one case as a table', async () => {
    const run = docket(dataDir, 'history', fixture.caseNo);
    expect(run.code).toBe(0);
    const ledger = openSqliteLedger({ path: join(dataDir, 'ledger.db') });
    const events = await ledger.readCorrelated(fixture.caseNo);
    await ledger.close();
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`case ${fixture.caseNo}: ${events.length} events`);
    expect(lines[2]).toMatch(/^#\s+time\s+actor\s+role \/ department\s+action\s+opinion \/ reason\s+hash$/);
    const rows = lines.slice(4);
    expect(rows).toHaveLength(events.length);
    rows.forEach((row, k) => {
      const event = events[k]!;
      expect(row.startsWith(`${event.position} `)).toBe(true);
      expect(row).toContain(event.occurredAt);
      expect(row).toContain(event.type);
      expect(row.endsWith(event.hash.slice(0, 12))).toBe(true);
    });
    expect(run.stdout).toContain('受理 ApplicationAccepted');
    expect(run.stdout).toContain('经营场所面积与平面图不符，退回承办核实');
    expect(run.stdout).toContain('reviewer / huangpu-market');
    expect(run.stdout).not.toContain(fixture.other);
  });

  it('--json gives every entry with full hashes', () => {
    const entries = JSON.parse(docket(dataDir, 'history', fixture.caseNo, '--json').stdout);
    expect(entries.length).toBeGreaterThan(20);
    expect(entries[0]).toMatchObject({
      stream: `application-${fixture.caseNo}`,
      type: 'ApplicationSubmitted',
    });
    expect(entries.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it('--as-of a position or an instant: the state of the case then, as caseStateAsOf gives it', async () => {
    const ledger = openSqliteLedger({ path: join(dataDir, 'ledger.db') });
    try {
      for (const mark of fixture.marks) {
        const byPosition = docket(dataDir, 'history', fixture.caseNo, '--as-of', String(mark.position));
        expect(byPosition.code, mark.name).toBe(0);
        const expected = await caseStateAsOf(ledger, fixture.caseNo, { position: mark.position });
        expect(JSON.parse(byPosition.stdout), mark.name).toEqual(
          JSON.parse(JSON.stringify(expected, (_k, v) => (typeof v === 'bigint' ? String(v) : v))),
        );
      }
      const red = fixture.marks.find((m) => m.name === 'red card')!;
      const byInstant = JSON.parse(docket(dataDir, 'history', fixture.caseNo, '--as-of', red.instant).stdout);
      expect(byInstant.asOf.instant).toBe(red.instant);
      expect(byInstant.clock).not.toBeNull();
      expect(byInstant.application.status).toBe('accepted');
    } finally {
      await ledger.close();
    }
  });

  it('refuses a time without offset (2) and a case with no events (1)', () => {
    const bad = docket(dataDir, 'history', fixture.caseNo, '--as-of', '2026-03-05T10:00:00');
    expect(bad.code).toBe(2);
    expect(docket(dataDir, 'history', '20990101-NONE').code).toBe(1);
    expect(docket(dataDir, 'history').code).toBe(2);
  });
});

describe('docket checkpoint and export', () => {
  it('key, sign, verify, rotate; the export carries proofs that verify', () => {
    const data = copyOfDataDir('signed');
    // Outside the data directory: $XDG_CONFIG_HOME/docket/keys (run-docket.ts sets XDG_CONFIG_HOME).
    const keyDir = join(`${data}.config`, 'docket', 'keys');
    expect(docket(data, 'checkpoint', 'verify').code).toBe(1);
    expect(docket(data, 'checkpoint', 'sign', '--ledger-id', '黄浦区政务服务中心').code).toBe(1);

    const key = docket(data, 'checkpoint', 'key');
    expect(key.code).toBe(0);
    const keyId = /checkpoint key ([0-9a-f]{16})/.exec(key.stdout)![1]!;
    expect(existsSync(join(keyDir, 'checkpoint-key.pem'))).toBe(true);
    expect(readdirSync(join(keyDir, 'keys'))).toEqual([`${keyId}.pub.pem`]);
    expect(docket(data, 'checkpoint', 'key').code).toBe(1);

    const signed = docket(data, 'checkpoint', 'sign', '--ledger-id', '黄浦区政务服务中心');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(
      `signed checkpoint ${fixture.headPosition} (黄浦区政务服务中心, key ${keyId})`,
    );
    expect(existsSync(join(data, 'checkpoints', `${fixture.headPosition}.json`))).toBe(true);
    expect(docket(data, 'checkpoint', 'sign').stdout).toContain('nothing to sign');

    const verified = docket(data, 'checkpoint', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(
      `ok: the ledger agrees with 1 checkpoint, the latest of size ${fixture.headPosition}`,
    );
    const file = join(data, 'checkpoints', `${fixture.headPosition}.json`);
    expect(docket(data, 'checkpoint', 'verify', file).code).toBe(0);

    // The export: its links check, and its proofs lead to the signed checkpoint.
    const out = join(dir.path, 'case.json');
    const exported = docket(data, 'export', fixture.caseNo, '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`inclusion proofs against checkpoint ${fixture.headPosition}`);
    const audit = JSON.parse(readFileSync(out, 'utf8'));
    expect(audit.format).toBe('docket-case-audit/1');
    expect(checkCaseExport(audit)).toMatchObject({ ok: true });
    expect(verifyCaseExportProofs(audit, loadTrustedKeys(keyDir))).toMatchObject({
      ok: true,
      proven: audit.events.length,
      unproven: [],
    });
    // To stdout, and without proofs.
    const plain = JSON.parse(docket(data, 'export', fixture.caseNo, '--no-proofs').stdout);
    expect(plain.proofs).toBeUndefined();
    expect(plain.events).toHaveLength(audit.events.length);

    // Rotation: a new key signs (forced, the head is covered), the old checkpoint still verifies.
    const rotated = docket(data, 'checkpoint', 'key', '--rotate');
    expect(rotated.code).toBe(0);
    const newKeyId = /checkpoint key ([0-9a-f]{16})/.exec(rotated.stdout)![1]!;
    expect(newKeyId).not.toBe(keyId);
    // The checkpoint the old key signed still verifies: its public key stays in keys/.
    expect(docket(data, 'checkpoint', 'verify').code).toBe(0);
    // Forced, the new key signs the same head (the file of that size is replaced).
    expect(docket(data, 'checkpoint', 'sign', '--force').code).toBe(0);
    expect(readCheckpoints(join(data, 'checkpoints')).map((c) => c.keyId)).toEqual([newKeyId]);
    expect(docket(data, 'checkpoint', 'verify').code).toBe(0);

    // A changed event: verify names it, and so does the checkpoint.
    const db = new Database(join(data, 'ledger.db'));
    db.prepare(
      `UPDATE events SET data = replace(data, '复印件不清晰', '复印件清晰') WHERE data LIKE '%复印件不清晰%'`,
    ).run();
    const changed = db.prepare(`SELECT position FROM events WHERE data LIKE '%复印件清晰%'`).pluck().get();
    db.close();
    const failed = docket(data, 'checkpoint', 'verify');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`chain-broken at position ${changed}`);
    const refused = docket(data, 'checkpoint', 'sign');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refused to sign: the chain is broken at position ${changed}`);
  });

  it('export --html: the printable timeline', () => {
    const out = join(dir.path, 'case.html');
    expect(docket(dataDir, 'export', fixture.caseNo, '--html', '--out', out).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(fixture.caseNo);
    expect(html).not.toContain('<script>');
    expect(docket(dataDir, 'export', '20990101-NONE').code).toBe(1);
  });
});

describe('docket rebuild', () => {
  it('rebuilds every read model from position 0 to what the live runners had built', async () => {
    const data = copyOfDataDir('rebuilt');
    const before = Object.fromEntries(
      await Promise.all(READ_MODEL_SERVICES.map(async (s) => [s, await readModelSnapshot(data, s)] as const)),
    );
    // The fixture's read models are not empty: both cases, the long case's clock, cards, complaint, rating.
    const docs = (service: string, collection: string) =>
      ((before[service] as Record<string, string[]>)[collection] ?? []).length;
    expect(docs('intake', 'cases')).toBe(2);
    expect(docs('review', 'inbox')).toBeGreaterThan(0);
    expect(docs('monitoring', 'clocks')).toBe(2);
    expect(docs('monitoring', 'card_log')).toBeGreaterThan(0);
    expect(docs('supervision', 'complaints')).toBe(1);
    expect(docs('supervision', 'ratings')).toBe(1);
    const liveText = Object.fromEntries(READ_MODEL_SERVICES.map((s) => [s, storedText(data, s)] as const));
    expect(liveText.intake!.filter((row) => row.startsWith('rm_cases ')).length).toBe(2);
    const run = docket(data, 'rebuild');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^rebuilt \\d+ read models of intake, review, monitoring, supervision from ${fixture.headPosition} events .* events/s( \\(\\d+ worker threads\\))?\\n$`,
      ),
    );
    // Not a terminal here: plain progress lines, the last one at 100%.
    expect(run.stderr).toContain(`rebuild: 100%  ${fixture.headPosition}/${fixture.headPosition} events`);
    expect(run.stderr).not.toContain('\r');
    for (const service of READ_MODEL_SERVICES) {
      expect(await readModelSnapshot(data, service), service).toEqual(before[service]);
      // Byte for byte: the rebuild (pages, indexes built at the end) stores the very text the live
      // runners (batches of a few events) stored.
      expect(storedText(data, service), service).toEqual(liveText[service]);
    }
    expect(readdirSync(data).filter((f) => f.includes('.rebuild-'))).toEqual([]);

    const one = docket(data, 'rebuild', '--service', 'review');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('read models of review from');
    expect(await readModelSnapshot(data, 'review')).toEqual(before.review);
    expect(docket(data, 'rebuild', '--service', 'gateway').code).toBe(2);
  });

  it('refuses while another process has the data directory open', async () => {
    const data = copyOfDataDir('in-use');
    const ledger = openSqliteLedger({ path: join(data, 'ledger.db') });
    try {
      await ledger.head();
      const run = docket(data, 'rebuild');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('stop docket');
    } finally {
      await ledger.close();
    }
    expect(docket(data, 'rebuild').code).toBe(0);
  });
});

describe('the rebuild in worker threads', () => {
  // The compiled module: workers load the compiled entry, as the built CLI does.
  const { rebuildInWorkers } =
    require('../dist/rebuild-workers.js') as typeof import('../src/rebuild-workers');

  it('fails as a whole when a worker fails, naming its services, instead of reporting a partial rebuild', async () => {
    const data = copyOfDataDir('worker-fails');
    const failing = rebuildInWorkers({
      // A directory where the ledger should be: the worker cannot open it.
      ledgerPath: data,
      services: READ_MODEL_SERVICES.map((service) => ({
        service,
        path: join(data, `${service}.scratch.db`),
      })),
      upTo: BigInt(fixture.headPosition),
      timeZone: 'Asia/Shanghai',
      workers: 2,
    });
    await expect(failing).rejects.toThrow(/^rebuild of [a-z, ]+: /);
  });
});

describe('docket token', () => {
  it("signs a development token with the data directory's key; lists the users without one", () => {
    const data = join(dir.path, 'token-data');
    const run = docket(data, 'token', 'u-clerk-wang');
    expect(run.code).toBe(0);
    const [, payload] = run.stdout.trim().split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ sub: 'u-clerk-wang' });
    expect(readdirSync(data).length).toBeGreaterThan(0);
    expect(docket(data, 'token').stdout).toContain('u-auditor-wu');
    expect(docket(data, 'token', 'u-nobody').code).toBe(2);
  });
});
