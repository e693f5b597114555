import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  gmSuites,
  openDataDirVault,
  openExistingDataDirVault,
  openVault,
  type PersonalDataVault,
  VaultKeyMismatch,
  VaultMissing,
  vaultPlace,
} from '../src';
import { filesHolding } from './files';

const person = { kind: 'person', idType: 'resident_id', idNumber: '110101199003076517' } as const;
const other = { kind: 'person', idType: 'resident_id', idNumber: '310101199001011234' } as const;

describe('the personal-data vault', () => {
  let dir: ReturnType<typeof tempDir>;
  const open: PersonalDataVault[] = [];
  const vaultIn = (name = 'v') => {
    const vault = openVault({
      path: join(dir.path, `${name}.vault.db`),
      kekPath: join(dir.path, `${name}.kek`),
    });
    open.push(vault);
    return vault;
  };
  afterEach(() => {
    for (const vault of open.splice(0)) vault.close();
    dir?.cleanup();
  });

  it('makes one key per subject on first use, wrapped: the key file and the vault are the owner’s only', () => {
    dir = tempDir('docket-vault-');
    const vault = vaultIn();
    const first = vault.sealingKey(vault.subjectRef(person));
    expect(vault.sealingKey(vault.subjectRef(person)).keyId).toBe(first.keyId);
    expect(vault.sealingKey(vault.subjectRef(other)).keyId).not.toBe(first.keyId);
    expect(vault.key(first.keyId)?.equals(first.key)).toBe(true);
    expect(filesHolding(dir.path, first.key)).toEqual([]);
    expect(statSync(join(dir.path, 'v.kek')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir.path, 'v.vault.db')).mode & 0o777).toBe(0o600);
  });

  it('opens a 国密 vault for a reader configured for the standard suite (its wrapping is recorded)', () => {
    dir = tempDir('docket-vault-');
    const at = { path: join(dir.path, 'gm.vault.db'), kekPath: join(dir.path, 'gm.kek') };
    const made = openVault({ ...at, suites: gmSuites() });
    const ref = made.subjectRef(person);
    const sealing = made.sealingKey(ref);
    const expected = Buffer.from(sealing.key); // closing wipes the keys it held
    made.close();
    const reader = openVault(at);
    open.push(reader);
    expect(reader.key(sealing.keyId)?.equals(expected)).toBe(true);
    // Its subject references are HMAC-SM3, whatever the reader is configured for.
    expect(reader.keyedHashAlgorithm).toBe('sm3');
    expect(reader.subjectRef(person)).toBe(ref);
  });

  it('keeps SHA-256 references in a vault made before the keyed hash was recorded, 国密 or not', () => {
    dir = tempDir('docket-vault-');
    const at = { path: join(dir.path, 'old.vault.db'), kekPath: join(dir.path, 'old.kek') };
    const made = openVault({ ...at, suites: gmSuites() });
    expect(made.keyedHashAlgorithm).toBe('sm3');
    made.close();
    // As the vaults of yesterday were: no `keyed-hash` row.
    const raw = new Database(at.path);
    raw.prepare("DELETE FROM vault_meta WHERE name = 'keyed-hash'").run();
    raw.close();
    const reopened = openVault({ ...at, suites: gmSuites() });
    open.push(reopened);
    expect(reopened.keyedHashAlgorithm).toBe('sha256');
    expect(vaultIn('standard').keyedHashAlgorithm).toBe('sha256');
  });

  it('names subjects by a keyed hash, stable across openings, that holds no ID number', () => {
    dir = tempDir('docket-vault-');
    const ref = vaultIn().subjectRef(person);
    expect(ref).toMatch(/^person-[0-9a-f]{32}$/);
    expect(
      vaultIn().subjectRef({ ...person, idNumber: '11010119900307651 7'.replace(' ', '').toLowerCase() }),
    ).toBe(ref);
    expect(filesHolding(dir.path, person.idNumber)).toEqual([]);
    // Another vault (another secret) names the same person otherwise: a reference cannot be guessed.
    expect(vaultIn('w').subjectRef(person)).not.toBe(ref);
  });

  it('opens only with its own key file', () => {
    dir = tempDir('docket-vault-');
    vaultIn().close();
    writeFileSync(
      join(dir.path, 'v.kek'),
      `docket-personal-data-kek/1 ${Buffer.alloc(32, 7).toString('base64')}\n`,
    );
    expect(() => vaultIn()).toThrow(VaultKeyMismatch);
  });

  it('erasing destroys the subject’s key: no copy of it is left in the vault’s files, others stay', async () => {
    dir = tempDir('docket-vault-');
    const vault = vaultIn();
    const subject = vault.subjectRef(person);
    const { keyId } = vault.sealingKey(subject);
    const kept = vault.sealingKey(vault.subjectRef(other));
    vault.linkStream('application-1', subject);
    const raw = new Database(join(dir.path, 'v.vault.db'), { readonly: true });
    const wrapped = raw
      .prepare('SELECT wrapped FROM data_keys WHERE key_id = ?')
      .pluck()
      .get(keyId) as Buffer;
    raw.close();
    expect(filesHolding(dir.path, wrapped)).not.toEqual([]);
    expect(filesHolding(dir.path, keyId)).not.toEqual([]);

    expect(await vault.erase(subject)).toEqual({ keysDestroyed: 1, purged: true });

    expect(vault.key(keyId)).toBeUndefined();
    expect(vault.subjectOfStream('application-1')).toBeUndefined();
    expect(vault.key(kept.keyId)?.equals(kept.key)).toBe(true);
    expect(filesHolding(dir.path, wrapped)).toEqual([]);
    expect(filesHolding(dir.path, keyId)).toEqual([]);
    // The subject comes back: a new key, never the old one.
    expect(vault.sealingKey(subject).keyId).not.toBe(keyId);
  });

  it('an erasure in another process reaches what this one remembers', async () => {
    dir = tempDir('docket-vault-');
    const here = vaultIn();
    const there = vaultIn();
    const subject = here.subjectRef(person);
    const { keyId } = here.sealingKey(subject);
    expect(there.key(keyId)).toBeDefined();
    await there.erase(subject);
    expect(here.key(keyId)).toBeUndefined();
    expect(here.sealingKey(subject).keyId).not.toBe(keyId);
  });
});

describe('where a data directory’s vault is', () => {
  it('outside the data directory, named by the data directory, made once; a vault gone missing is refused', () => {
    const root = tempDir('docket-vault-place-');
    try {
      const dataDir = join(root.path, 'data');
      const env = { XDG_CONFIG_HOME: join(root.path, 'config') };
      expect(openExistingDataDirVault(dataDir, { env })).toBeUndefined();
      const vault = openDataDirVault(dataDir, { env });
      const place = vaultPlace(dataDir, { env });
      expect(place.keyDir).toBe(join(root.path, 'config', 'docket', 'personal-data'));
      expect(place.insideDataDir).toBe(false);
      expect(vault.path).toBe(place.path);
      const ref = vault.subjectRef(person);
      vault.close();
      const again = openDataDirVault(dataDir, { env });
      expect(again.subjectRef(person)).toBe(ref);
      again.close();
      const elsewhere = { DOCKET_PERSONAL_DATA_KEY_DIR: join(root.path, 'moved') };
      expect(() => openDataDirVault(dataDir, { env: elsewhere })).toThrow(VaultMissing);
    } finally {
      root.cleanup();
    }
  });
});
