import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A service secret (the key query codes are derived with): from the environment when the deployment
 * provides one, else a random one created once in the data directory (0600, never overwritten), so it
 * survives restarts. Two processes starting at once cannot both create it (exclusive create).
 */
export function loadOrCreateSecret(dataDir: string, name: string, fromEnv?: string): Buffer {
  if (fromEnv !== undefined && fromEnv.trim() !== '') return Buffer.from(fromEnv.trim(), 'utf8');
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `${name}.secret`);
  try {
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (secret.length < 16)
    throw new Error(`${path} holds no usable secret (expected 32 random bytes, base64)`);
  return secret;
}
