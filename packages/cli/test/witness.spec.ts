import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoints } from '@docket/audit';
import { forge, rehashFrom } from '@docket/event-store/forgery';
import { type HttpReceiver, startHttpReceiver, tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateDataDir } from './data-dir';
import { docket, docketAsync } from './run-docket';

/**
 * Issue 14, defect 10 (b): each signed checkpoint leaves the machine as it is made
 * (DOCKET_CHECKPOINT_WITNESS). Whoever holds the data directory, and even the key, can rewrite the
 * ledger and sign the forgery; the copies the witness took before still tell.
 */
const dir = tempDir('docket-cli-witness-');
const base = join(dir.path, 'base');
const CENTRE = '黄浦区政务服务中心';
let head: bigint;

beforeAll(async () => {
  head = (await populateDataDir(base)).headPosition;
}, 120_000);
afterAll(() => dir.cleanup());

function copyOfBase(name: string): string {
  const copy = join(dir.path, name);
  cpSync(base, copy, { recursive: true });
  return copy;
}

describe('a directory witness', () => {
  it('keeps a copy of each checkpoint; a forgery re-signed with the key fails against it, at the first rewritten position', () => {
    const data = copyOfBase('witnessed');
    const witness = join(dir.path, 'other-storage', 'witness');
    const env = { DOCKET_CHECKPOINT_WITNESS: `dir:${witness}` };
    expect(docket(data, ['checkpoint', 'key']).code).toBe(0);
    const signed = docket(data, ['checkpoint', 'sign', '--ledger-id', CENTRE], { env });
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toContain(`witness dir:${witness}: delivered checkpoint ${head}`);
    const copies = readdirSync(witness).filter((name) => name.endsWith('.json'));
    expect(copies).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(witness, copies[0]!), 'utf8'))).toEqual(
      readCheckpoints(join(data, 'checkpoints'))[0],
    );
    expect(docket(data, ['checkpoint', 'verify', '--witness', `dir:${witness}`]).code).toBe(0);

    // The attacker has the data directory and the key: an event changed, every hash after it recomputed,
    // the checkpoints signed before deleted, and the forgery signed (and even shipped to the witness).
    const changed = 12;
    forge(join(data, 'ledger.db'), (db) => {
      db.prepare(`UPDATE events SET data = json_set(data, '$.forged', 1) WHERE position = ?`).run(changed);
      rehashFrom(db, changed);
    });
    rmSync(join(data, 'checkpoints'), { recursive: true });
    const resigned = docket(data, ['checkpoint', 'sign', '--ledger-id', CENTRE], { env });
    expect(resigned.code, resigned.stderr).toBe(0);
    // Everything local agrees with the forgery.
    expect(docket(data, ['verify']).code).toBe(0);
    expect(docket(data, ['checkpoint', 'verify']).code).toBe(0);

    // The witness's copies do not.
    const caught = docket(data, ['checkpoint', 'verify', '--witness', `dir:${witness}`]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain(`FAILED against checkpoint ${head}: rewritten at position ${changed}: `);
    const json = JSON.parse(
      docket(data, ['checkpoint', 'verify', '--witness', `dir:${witness}`, '--json']).stdout,
    );
    expect(json).toMatchObject({ ok: false, problem: 'rewritten', position: String(changed) });
    // Two checkpoints of one size with different roots: the centre's key signed two histories.
    expect(readdirSync(witness).filter((name) => name.startsWith(`${head}-`))).toHaveLength(2);
  });

  it('refuses a witness it cannot compare against', () => {
    const data = copyOfBase('no-witness');
    expect(docket(data, ['checkpoint', 'key']).code).toBe(0);
    const empty = join(dir.path, 'empty-witness');
    const run = docket(data, ['checkpoint', 'verify', '--witness', `dir:${empty}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no checkpoints at witness dir:${empty}`);
    expect(docket(data, ['checkpoint', 'verify', '--witness', 'https://witness.example/']).code).toBe(2);
    expect(docket(data, ['checkpoint', 'sign', '--witness', 'ftp://x']).code).toBe(2);
  });
});

describe('an HTTP witness', () => {
  let receiver: HttpReceiver;
  let url: string;
  let answer = 503;
  const received: { method?: string; type?: string; body: string }[] = [];

  beforeAll(async () => {
    receiver = await startHttpReceiver((request) => {
      received.push({ method: request.method, type: request.headers['content-type'], body: request.body });
      return {
        status: answer,
        headers: { 'content-type': 'text/plain' },
        body: answer === 200 ? 'kept' : 'down',
      };
    }, '/checkpoints');
    url = receiver.url;
  });
  afterAll(() => receiver.close());

  it('receives each checkpoint as a JSON POST; when it is down, sign says so (exit 1) and it gets it at the next', async () => {
    const data = copyOfBase('posted');
    const env = { DOCKET_CHECKPOINT_WITNESS: url };
    expect((await docketAsync(data, ['checkpoint', 'key'])).code).toBe(0);

    answer = 503;
    const down = await docketAsync(data, ['checkpoint', 'sign', '--ledger-id', CENTRE], { env });
    expect(down.code).toBe(1);
    expect(down.stdout, down.stderr).toContain(`signed checkpoint ${head}`);
    expect(down.stderr).toContain(`witness ${url}: checkpoint ${head} not delivered: ${url} answered 503`);
    // The ledger is not stopped: the checkpoint is signed and kept locally.
    const [local] = readCheckpoints(join(data, 'checkpoints'));
    expect(local?.size).toBe(Number(head));

    answer = 200;
    const up = await docketAsync(data, ['checkpoint', 'sign'], { env });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('nothing to sign');
    expect(up.stdout).toContain(`witness ${url}: delivered checkpoint ${head}`);
    const last = received.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', type: 'application/json' });
    expect(JSON.parse(last.body)).toEqual(local);

    // Delivered once is delivered: the next sign does not post it again.
    const count = received.length;
    expect((await docketAsync(data, ['checkpoint', 'sign'], { env })).code).toBe(0);
    expect(received.length).toBe(count);
  });
});
