import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { syncDirectory } from './atomic-file';
import type { SignedCheckpoint } from './checkpoint';
import { readCheckpointFile } from './checkpoint-store';
import { CheckpointError } from './errors';
import type { TrustedKeys } from './keys';
import { LEAF_BYTES } from './leaf-archive';
import type { CheckpointLedger } from './ledger-tree';
import { type CheckpointVerification, verifyAgainstCheckpoints } from './verify-checkpoints';
import type { CheckpointWitness } from './witness';

/**
 * A witness directory (`dir:<path>`: another disk, a mounted share, a write-once volume):
 *
 *     <size>-<digest>.json   each checkpoint as delivered (digest: 16 hex of the file's SHA-256);
 *                            never overwritten, so two of one size with different roots stay side by
 *                            side: the key signed two histories
 *     leaves.bin             the leaf archive up to the largest size delivered, only ever extended
 *
 * The leaves are what let `verifyAgainstWitness` name the first rewritten position when the signer's own
 * archive was rewritten along with the ledger; they are believed only up to a checkpoint whose signed
 * root they give, like any leaf archive.
 */
export const WITNESS_LEAVES_FILE = 'leaves.bin';
const WITNESS_NAME = /^(\d+)-[0-9a-f]{16}\.json$/;

export function dirWitness(dir: string): CheckpointWitness {
  return {
    name: `dir:${dir}`,
    async deliver(checkpoint, { leafArchive }) {
      mkdirSync(dir, { recursive: true });
      // Leaves first: a checkpoint in the witness then always has its leaves beside it.
      extendLeaves(join(dir, WITNESS_LEAVES_FILE), leafArchive, checkpoint.size);
      keepOnce(dir, `${JSON.stringify(checkpoint, null, 2)}\n`, checkpoint.size);
    },
  };
}

/** Writes the file under its content's name unless it is there: never replaces what a witness holds. */
function keepOnce(dir: string, text: string, size: number): void {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const path = join(dir, `${size}-${digest}.json`);
  if (existsSync(path)) return;
  const temp = join(dir, `.${size}-${digest}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o444);
  try {
    writeSync(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // link, not rename: it fails rather than replace a file of that name.
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  syncDirectory(dir);
}

/** Appends the signer's leaves past what the witness holds, up to `size` (a torn last leaf is cut first). */
function extendLeaves(path: string, leafArchive: string, size: number): void {
  const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
  try {
    const held = Math.floor(fstatSync(fd).size / LEAF_BYTES);
    if (fstatSync(fd).size !== held * LEAF_BYTES) ftruncateSync(fd, held * LEAF_BYTES);
    if (held >= size || !existsSync(leafArchive)) return;
    const source = openSync(leafArchive, 'r');
    try {
      const bytes = Buffer.alloc((size - held) * LEAF_BYTES);
      const read = readSync(source, bytes, 0, bytes.length, held * LEAF_BYTES);
      const whole = Math.floor(read / LEAF_BYTES) * LEAF_BYTES;
      if (whole > 0) writeSync(fd, bytes, 0, whole, held * LEAF_BYTES);
    } finally {
      closeSync(source);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every checkpoint a witness directory holds, by size (several of one size if the key signed a fork). */
export function readWitnessCheckpoints(dir: string): SignedCheckpoint[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => WITNESS_NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => {
      const checkpoint = readCheckpointFile(join(dir, match[0]));
      if (checkpoint.size !== Number(match[1])) {
        throw new CheckpointError(
          'MalformedCheckpoint',
          `${match[0]} holds the checkpoint of size ${checkpoint.size}`,
        );
      }
      return checkpoint;
    })
    .sort((a, b) => a.size - b.size);
}

/**
 * The ledger against every checkpoint a witness directory holds, with the witness's leaves (not the
 * signer's, which whoever rewrote the ledger may have rewritten too) to name the first rewritten position.
 */
export function verifyAgainstWitness(
  ledger: CheckpointLedger,
  dir: string,
  trusted: TrustedKeys,
  options: { ledgerId?: string } = {},
): Promise<CheckpointVerification> {
  const leaves = join(dir, WITNESS_LEAVES_FILE);
  return verifyAgainstCheckpoints(ledger, readWitnessCheckpoints(dir), trusted, {
    ...options,
    ...(existsSync(leaves) ? { leafArchive: leaves } : {}),
  });
}
