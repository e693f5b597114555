import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chainHash,
  GENESIS_HASH,
  type HashAlgorithm,
  LedgerHashMismatch,
  NotALedger,
  parseCryptoProfile,
  recordStringOf,
} from '../src';
import { ensureBuilt, event, tempLedger } from './support';

/**
 * The ledger's hash (SHA-256, or SM3 for 国密 deployments) is chosen when the ledger is created, recorded
 * in its head (meta `chain_hash`), and from then on taken from there: by appends, by verify (also in
 * worker threads), by every reader. A configuration that asks for the other one is refused.
 */
const ledgers: ReturnType<typeof tempLedger>[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.done();
});

function fresh(hashAlgorithm?: HashAlgorithm) {
  const ledger = tempLedger(hashAlgorithm === undefined ? {} : { hashAlgorithm });
  ledgers.push(ledger);
  return ledger;
}

function meta(path: string): Record<string, unknown> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: unknown }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}

function setMeta(path: string, key: string, value: string | number | null): void {
  const db = new Database(path);
  if (value === null) db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  else db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  db.pragma('journal_mode = DELETE');
  db.close();
}

async function withEvents(hashAlgorithm?: HashAlgorithm, count = 6) {
  const ledger = fresh(hashAlgorithm);
  const store = ledger.open();
  for (let i = 0; i < count; i++) await store.appendToStream(`review-2026-${i % 3}`, [event('Step', { i })]);
  await store.close();
  return ledger;
}

describe('the hash a new ledger records', () => {
  it('is SHA-256 by default, in a format-1 head an older docket still opens', async () => {
    const { path } = await withEvents();
    expect(meta(path)).toMatchObject({ format: 'docket-ledger', version: 1, chain_hash: 'sha256' });
  });

  it('is SM3 when configured, in a format-2 head an older docket refuses instead of extending', async () => {
    const { path } = await withEvents('sm3');
    expect(meta(path)).toMatchObject({ format: 'docket-ledger', version: 2, chain_hash: 'sm3' });
  });
});

describe.each(['sha256', 'sm3'] as const)('a ledger chained with %s', (hashAlgorithm) => {
  const other: HashAlgorithm = hashAlgorithm === 'sha256' ? 'sm3' : 'sha256';

  it('links every event with that hash, and verifies with what its head records', async () => {
    const ledger = await withEvents(hashAlgorithm);
    const store = ledger.open({ hashAlgorithm: undefined });
    expect(store.hashAlgorithm).toBe(hashAlgorithm);
    let previous = GENESIS_HASH;
    for (const e of await store.readAll()) {
      expect(e.hash).toBe(chainHash(previous, recordStringOf(e), hashAlgorithm));
      expect(e.hash).not.toBe(chainHash(previous, recordStringOf(e), other));
      previous = e.hash;
    }
    expect(await store.verify()).toMatchObject({ ok: true, count: 6, headHash: previous });
  });

  it(`fails verification when its head is changed to say ${other}: the hash is read from the head`, async () => {
    const ledger = await withEvents(hashAlgorithm);
    setMeta(ledger.path, 'chain_hash', other);
    const store = ledger.open({ hashAlgorithm: undefined });
    expect(store.hashAlgorithm).toBe(other);
    expect(await store.verify()).toEqual({ ok: false, count: 0, position: 1n, reason: 'hash mismatch' });
  });

  it(`is refused, untouched, by a deployment configured for ${other}`, async () => {
    const ledger = await withEvents(hashAlgorithm);
    const before = readFileSync(ledger.path);
    let error: unknown;
    try {
      ledger.open({ hashAlgorithm: other });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LedgerHashMismatch);
    expect(error).toMatchObject({ code: 'LedgerHashMismatch', recorded: hashAlgorithm, configured: other });
    expect((error as Error).message).toMatch(`DOCKET_CRYPTO=${hashAlgorithm === 'sm3' ? 'gm' : 'standard'}`);
    // Nothing written: the file as it was, and no log of changes beside it (a read-only look at a file
    // in WAL mode may leave an empty -wal).
    expect(readFileSync(ledger.path).equals(before)).toBe(true);
    const wal = `${ledger.path}-wal`;
    expect(existsSync(wal) ? readFileSync(wal).length : 0).toBe(0);
    // The configuration that matches opens it and appends with its hash.
    const store = ledger.open({ hashAlgorithm });
    await store.appendToStream('review-2026-0', [event('Step')]);
    expect(await store.verify()).toMatchObject({ ok: true, count: 7 });
  });
});

describe('ledgers written before the choice existed', () => {
  it('are SHA-256: opened by a standard deployment, refused by a 国密 one', async () => {
    const ledger = await withEvents();
    setMeta(ledger.path, 'chain_hash', null);
    const store = ledger.open({ hashAlgorithm: 'sha256' });
    expect(store.hashAlgorithm).toBe('sha256');
    expect(await store.verify()).toMatchObject({ ok: true, count: 6 });
    await store.close();
    expect(() => ledger.open({ hashAlgorithm: 'sm3' })).toThrow(LedgerHashMismatch);
  });

  it('a hash this adapter does not know is a newer format, refused', async () => {
    const ledger = await withEvents();
    setMeta(ledger.path, 'chain_hash', 'sha3-256');
    expect(() => ledger.open()).toThrow(NotALedger);
    expect(() => ledger.open()).toThrow(/chained with "sha3-256".*Upgrade docket/);
  });
});

describe('DOCKET_CRYPTO', () => {
  it('is standard when unset, gm when asked, and nothing else', () => {
    expect(parseCryptoProfile(undefined)).toBe('standard');
    expect(parseCryptoProfile(' ')).toBe('standard');
    expect(parseCryptoProfile('gm')).toBe('gm');
    expect(() => parseCryptoProfile('sm')).toThrow(/'standard'.*'gm'/);
  });
});

describe('verify in worker threads', { timeout: 60_000 }, () => {
  it('reads the hash from the head as the calling thread does', async () => {
    ensureBuilt();
    const ledger = await withEvents('sm3', 30);
    const script = join(__dirname, 'fixtures', 'verify-in-workers.cjs');
    const inWorkers = () =>
      JSON.parse(execFileSync(process.execPath, [script, ledger.path], { encoding: 'utf8' }));
    expect(inWorkers()).toMatchObject({ ok: true, count: 30 });
    const db = new Database(ledger.path);
    db.prepare(`UPDATE events SET data = '{"i":0}' WHERE position = 25`).run();
    db.close();
    expect(inWorkers()).toMatchObject({ ok: false, position: '25', reason: 'hash mismatch' });
  });
});
