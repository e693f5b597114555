import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { demoUsers } from './demo';
import { DEV_KEY_FILE, loadOrCreateDevKeys } from './dev-keys';
import { DevKeyFileInvalid } from './errors';
import { createTokenIssuer, createTokenVerifier } from './tokens';

const dirs: Array<{ cleanup: () => void }> = [];
const fresh = () => {
  const dir = tempDir('docket-identity-');
  dirs.push(dir);
  return dir.path;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

describe('loadOrCreateDevKeys', () => {
  it('writes the key file once, readable by the owner only', async () => {
    const dir = join(fresh(), 'state');
    const first = await loadOrCreateDevKeys(dir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dir, DEV_KEY_FILE));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(first.path, 'utf8'));
    expect(stored.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(first.publicJwk.d).toBeUndefined();
  });

  it('reuses the same key later: a token issued before a restart still verifies', async () => {
    const dir = fresh();
    const first = await loadOrCreateDevKeys(dir);
    const before = readFileSync(first.path, 'utf8');
    const token = await createTokenIssuer({
      privateKey: first.privateKey,
      issuer: 'docket-dev',
      audience: 'docket',
      ttlSeconds: 600,
    }).issue(demoUsers.clerk);

    const second = await loadOrCreateDevKeys(dir);
    expect(second.created).toBe(false);
    expect(readFileSync(second.path, 'utf8')).toBe(before);
    expect(second.publicJwk).toEqual(first.publicJwk);
    const actor = await createTokenVerifier({
      publicKey: second.publicKey,
      issuer: 'docket-dev',
      audience: 'docket',
    }).verify(token);
    expect(actor.id).toBe('u-clerk-wang');
  });

  it('refuses a key file that holds no Ed25519 private key, without overwriting it', async () => {
    const dir = fresh();
    const path = join(dir, DEV_KEY_FILE);
    writeFileSync(path, '{"privateJwk":{"kty":"RSA"}}', { mode: 0o600 });
    await expect(loadOrCreateDevKeys(dir)).rejects.toBeInstanceOf(DevKeyFileInvalid);
    writeFileSync(path, 'not json', { mode: 0o600 });
    await expect(loadOrCreateDevKeys(dir)).rejects.toBeInstanceOf(DevKeyFileInvalid);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });
});
