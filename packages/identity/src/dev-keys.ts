import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { DevKeyFileInvalid } from './errors';
import {
  type CryptoKey,
  exportSigningKeys,
  generateSigningKeys,
  importPrivateKey,
  importPublicKey,
  publicJwkOf,
} from './keys';

export const DEV_KEY_FILE = 'dev-signing-key.json';

export interface DevKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half, for a JWKS endpoint. */
  publicJwk: JWK;
  path: string;
  /** True when this call generated the key (first start of the embedded mode). */
  created: boolean;
}

/**
 * The embedded mode's signing key: generated on first use into `<dir>/dev-signing-key.json` (mode 0600,
 * readable by the owner only), read back on every later start so that issued tokens survive a restart.
 * Development only: production keys come from configuration (importKeys).
 */
export async function loadOrCreateDevKeys(dir: string): Promise<DevKeys> {
  const path = join(dir, DEV_KEY_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const existing = readIfPresent(path);
  if (existing !== undefined) return { ...(await keysFrom(path, existing)), path, created: false };

  const exported = await exportSigningKeys(await generateSigningKeys());
  const content = `${JSON.stringify({ privateJwk: exported.privateJwk }, null, 2)}\n`;
  try {
    // `wx`: two processes starting at once must not both write; the loser reads the winner's key.
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { ...(await keysFrom(path, readFileSync(path, 'utf8'))), path, created: false };
  }
  // The mode given to writeFile passes through the umask; set it explicitly.
  chmodSync(path, 0o600);
  return { ...(await keysFrom(path, content)), path, created: true };
}

function readIfPresent(path: string): string | undefined {
  try {
    statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return readFileSync(path, 'utf8');
}

async function keysFrom(path: string, text: string): Promise<Omit<DevKeys, 'path' | 'created'>> {
  let jwk: unknown;
  try {
    jwk = (JSON.parse(text) as { privateJwk?: unknown }).privateJwk;
  } catch {
    throw new DevKeyFileInvalid(path, 'not JSON');
  }
  if (!isEd25519PrivateJwk(jwk))
    throw new DevKeyFileInvalid(path, 'privateJwk is not an Ed25519 private JWK');
  const publicJwk = publicJwkOf(jwk);
  return {
    privateKey: await importPrivateKey(jwk),
    publicKey: await importPublicKey(publicJwk),
    publicJwk,
  };
}

function isEd25519PrivateJwk(value: unknown): value is JWK {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.d === 'string' && typeof jwk.x === 'string';
}
