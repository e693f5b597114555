import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { CheckpointError } from './errors';
import { loadSigningKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, TRUSTED_KEYS_DIR } from './keys';

export interface MovedKey {
  keyId: string;
  privateKeyPath: string;
  /** Public keys now in the destination's trusted set that came from the source. */
  trustedKeys: number;
}

/**
 * Moves the signing key and its trusted public keys out of one key directory (a data directory's
 * `keys/`) into another, then deletes them at the source: `docket checkpoint move-key`. The destination
 * is written completely (fsynced) and read back before anything is deleted, so a crash leaves the key in
 * one place or both, never in none; run again, it finishes. A destination holding another private key is
 * refused: that would replace one signing key with another behind the operator's back.
 */
export function moveCheckpointKey(from: string, to: string): MovedKey {
  if (!existsSync(join(from, PRIVATE_KEY_FILE))) {
    throw new CheckpointError('CheckpointKeyMissing', `No checkpoint key in ${from}`);
  }
  const source = loadSigningKey(from);
  if (existsSync(join(to, PRIVATE_KEY_FILE))) {
    const there = loadSigningKey(to);
    if (there.keyId !== source.keyId) {
      throw new CheckpointError(
        'CheckpointKeyExists',
        `${to} holds another checkpoint key (${there.keyId}); move key ${source.keyId} to a directory of its own`,
      );
    }
  }
  mkdirSync(join(to, TRUSTED_KEYS_DIR), { recursive: true, mode: 0o700 });
  const trustedFrom = join(from, TRUSTED_KEYS_DIR);
  const trusted = existsSync(trustedFrom) ? readdirSync(trustedFrom).filter((n) => n.endsWith('.pem')) : [];
  for (const name of trusted) {
    const target = join(to, TRUSTED_KEYS_DIR, name);
    if (!existsSync(target)) writeFileAtomically(target, readFileSync(join(trustedFrom, name)));
  }
  const privateKeyPath = join(to, PRIVATE_KEY_FILE);
  writeFileAtomically(privateKeyPath, readFileSync(join(from, PRIVATE_KEY_FILE)), 0o600);
  chmodSync(privateKeyPath, 0o600);
  if (existsSync(join(from, PUBLIC_KEY_FILE)))
    writeFileAtomically(join(to, PUBLIC_KEY_FILE), readFileSync(join(from, PUBLIC_KEY_FILE)));
  // Read back (and into the trusted set) before the source goes.
  if (loadSigningKey(to).keyId !== source.keyId) {
    throw new CheckpointError('CheckpointKeyInvalid', `${privateKeyPath} does not hold key ${source.keyId}`);
  }
  rmSync(join(from, PRIVATE_KEY_FILE));
  rmSync(join(from, PUBLIC_KEY_FILE), { force: true });
  for (const name of trusted) rmSync(join(trustedFrom, name));
  removeIfEmpty(trustedFrom);
  removeIfEmpty(from);
  return { keyId: source.keyId, privateKeyPath, trustedKeys: trusted.length };
}

function removeIfEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}
