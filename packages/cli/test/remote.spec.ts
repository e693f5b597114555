import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DocketClient, desks, expectStatus, submit, users } from '@docket/e2e';
import { type Embedded, startEmbedded } from '@docket/embedded';
import { silentLogger } from '@docket/service-kit';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = resolve(__dirname, '../dist/main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI as a child process, asynchronously: the deployment it asks runs in this process. */
function docket(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { env: { ...process.env, DOCKET_URL: '', DOCKET_TOKEN: '', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A port nothing listens on (just released by the OS). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('docket --url: verify, history and export against a running deployment', () => {
  const dir = tempDir('docket-cli-remote-');
  let running: Embedded;
  let url: string;
  let auditor: string;
  let clerk: string;
  let caseNo: string;

  beforeAll(async () => {
    running = await startEmbedded({
      dataDir: join(dir.path, 'data'),
      // Beside the data directory in the temp dir, not the default under the home directory.
      checkpointKeyDir: join(dir.path, 'keys'),
      port: 0,
      logger: silentLogger,
      checkpointEveryEvents: 0,
      checkpointEveryMs: 0,
    });
    url = running.url;
    const client = new DocketClient(url);
    const d = desks(client);
    ({ caseNo } = await submit(d.clerk));
    expectStatus('accept', await d.clerk.post(`/api/applications/${caseNo}/acceptance`, {}), 200);
    auditor = await client.token(users.auditor);
    clerk = await client.token(users.clerk);
  });

  afterAll(async () => {
    await running?.close();
    dir.cleanup();
  });

  it('verify walks the deployment ledger and prints the head', async () => {
    const run = await docket(['verify', '--url', url, '--token', auditor]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^ok: \d+ events verified in [\d.]+ s\nhead position: \d+\nhead hash: {5}[0-9a-f]{64}\n$/,
    );
    const json = await docket(['verify', '--json', '--from', '1', '--to', '2'], {
      DOCKET_URL: url,
      DOCKET_TOKEN: auditor,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, count: 2, headPosition: '2' });
  });

  it("history lists the case's events, --json every field, --as-of the state as JSON", async () => {
    const run = await docket(['history', caseNo, '--url', url, '--token', auditor]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^case ${caseNo}: \\d+ events\\n`));
    expect(run.stdout).toContain('ApplicationSubmitted');
    expect(run.stdout).toContain('ApplicationAccepted');
    expect(run.stdout).toContain(users.clerk);

    const json = await docket(['history', caseNo, '--json', '--url', url, '--token', auditor]);
    const entries = JSON.parse(json.stdout) as { position: string; type: string; hash: string }[];
    expect(entries.map((e) => e.type)).toContain('ApplicationSubmitted');
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    const first = entries[0]!.position;
    const asOf = await docket(['history', caseNo, '--as-of', first, '--url', url, '--token', auditor]);
    expect(asOf.code).toBe(0);
    const state = JSON.parse(asOf.stdout) as {
      caseNo: string;
      asOf: { position: string };
      application: { status: string };
    };
    expect(state.asOf.position).toBe(first);
    expect(state.application.status).toBe('submitted');
  });

  it('export answers the docket-case-audit/1 file, to stdout or --out, or the HTML timeline', async () => {
    const run = await docket(['export', caseNo, '--url', url, '--token', auditor]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = JSON.parse(run.stdout) as { format: string; caseNo: string; events: unknown[] };
    expect(file).toMatchObject({ format: 'docket-case-audit/1', caseNo });
    expect(file.events.length).toBeGreaterThan(0);

    const out = join(dir.path, 'case.audit.json');
    const written = await docket(['export', caseNo, '--out', out, '--url', url, '--token', auditor]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`case ${caseNo}: ${file.events.length} events → ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'docket-case-audit/1' });

    const html = await docket(['export', caseNo, '--html', '--url', url, '--token', auditor]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/<html/i);
    expect(html.stdout).toContain(caseNo);
  });

  it("a clerk's token, no token, an unknown case: the problem on stderr, exit 1", async () => {
    for (const args of [['verify'], ['history', caseNo], ['export', caseNo]]) {
      const run = await docket([...args, '--url', url, '--token', clerk]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: 403 Forbidden: .+\n$/);
    }
    const anonymous = await docket(['verify', '--url', url]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/^error: 401 [^:]+: .+\n$/);
    const unknown = await docket(['history', '310101-NOPE-0000', '--url', url, '--token', auditor]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: (400|404) /);
  });

  it('a URL nothing answers at: exit 1 and says so; a malformed one is a usage error', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const run = await docket(['verify', '--url', nowhere, '--token', auditor]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: cannot reach ${nowhere}: ECONNREFUSED\n`);
    const bad = await docket(['history', caseNo, '--url', 'localhost:3000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--url must be an http(s) base URL');
  });

  it('--help of each remote command names --url and --token', async () => {
    for (const name of ['verify', 'history', 'export']) {
      const run = await docket([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('--url <base>');
      expect(run.stdout).toContain('$DOCKET_TOKEN');
    }
  });
});
