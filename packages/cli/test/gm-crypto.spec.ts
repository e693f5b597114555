import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteLedger } from '@docket/event-store';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { docket } from './run-docket';

/**
 * A 国密 data directory (a ledger created with DOCKET_CRYPTO=gm: SM3 chain, SM2 checkpoints), handled by
 * the CLI with no configuration: every command reads the hash from the ledger's head.
 */
const dir = tempDir('docket-cli-gm-');
afterAll(() => dir.cleanup());

async function gmDataDir(name: string): Promise<string> {
  const data = join(dir.path, name);
  mkdirSync(data, { recursive: true });
  const ledger = openSqliteLedger({ path: join(data, 'ledger.db'), hashAlgorithm: 'sm3' });
  for (let i = 0; i < 12; i++) {
    await ledger.appendToStream(`application-2026-00${i % 4}`, [
      {
        type: 'StepRecorded',
        data: { i },
        occurredAt: '2026-03-02T09:30:00+08:00',
        actor: { id: 'u-1', name: '李四', roles: ['reviewer'] },
      },
    ]);
  }
  await ledger.close();
  return data;
}

const setMeta = (data: string, key: string, value: string) => {
  const db = new Database(join(data, 'ledger.db'));
  db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(value, key);
  db.close();
};

describe('docket on a 国密 ledger', { timeout: 120_000 }, () => {
  it('verify walks the chain with SM3, as the head records, whatever DOCKET_CRYPTO says', async () => {
    const data = await gmDataDir('verify');
    const json = docket(data, ['verify', '--json'], { env: { DOCKET_CRYPTO: 'standard' } });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, count: 12, hashAlgorithm: 'sm3' });
    const text = docket(data, ['verify']);
    expect(text.stdout).toContain('chain hash:    SM3');
    // The head made to say SHA-256: the chain no longer checks, from the first event.
    setMeta(data, 'chain_hash', 'sha256');
    const misread = docket(data, ['verify', '--json']);
    expect(misread.code).toBe(1);
    expect(JSON.parse(misread.stdout)).toMatchObject({ ok: false, position: '1', reason: 'hash mismatch' });
  });

  it('makes an SM2 key for it, signs SM2 checkpoints, and a flipped signature byte fails verification', async () => {
    const data = await gmDataDir('checkpoints');
    const key = docket(data, ['checkpoint', 'key']);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).toContain('SM2');
    const signed = docket(data, ['checkpoint', 'sign', '--ledger-id', '黄浦区政务服务中心']);
    expect(signed.code, signed.stderr).toBe(0);
    const file = join(
      data,
      'checkpoints',
      readdirSync(join(data, 'checkpoints')).find((f) => f === '12.json')!,
    );
    const checkpoint = JSON.parse(readFileSync(file, 'utf8'));
    expect(checkpoint).toMatchObject({
      hashAlgorithm: 'sm3',
      signatureAlgorithm: 'sm2-sm3',
      keyAlgorithm: 'sm2',
    });
    const verified = docket(data, ['checkpoint', 'verify']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const signature = Buffer.from(checkpoint.signature, 'base64');
    signature[signature.length - 1] = signature[signature.length - 1]! ^ 0x01;
    writeFileSync(file, JSON.stringify({ ...checkpoint, signature: signature.toString('base64') }));
    const broken = docket(data, ['checkpoint', 'verify']);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout + broken.stderr).toMatch(/signature/);
  });
});
