import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { parseCheckpoint, type SignedCheckpoint } from './checkpoint';
import { CheckpointError } from './errors';

/** `<dir>/<size>.json`, one file per checkpoint, so a listing orders them and a copy is one file. */
const CHECKPOINT_NAME = /^(\d+)\.json$/;

export function checkpointPath(dir: string, size: number): string {
  return join(dir, `${size}.json`);
}

/** Writes (atomically) and returns the file's path. A re-signed size (after rotation) replaces the file. */
export function writeCheckpointFile(dir: string, checkpoint: SignedCheckpoint): string {
  mkdirSync(dir, { recursive: true });
  const path = checkpointPath(dir, checkpoint.size);
  writeFileAtomically(path, `${JSON.stringify(checkpoint, null, 2)}\n`);
  return path;
}

export function readCheckpointFile(path: string): SignedCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CheckpointError('MalformedCheckpoint', `${path} is not JSON: ${(error as Error).message}`);
  }
  return parseCheckpoint(parsed, path);
}

/** Every checkpoint in the directory, by size. */
export function readCheckpoints(dir: string): SignedCheckpoint[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => CHECKPOINT_NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ size: Number(match[1]), name: match[0] }))
    .sort((a, b) => a.size - b.size)
    .map(({ size, name }) => {
      const checkpoint = readCheckpointFile(join(dir, name));
      if (checkpoint.size !== size) {
        throw new CheckpointError(
          'MalformedCheckpoint',
          `${name} holds the checkpoint of size ${checkpoint.size}`,
        );
      }
      return checkpoint;
    });
}

export function latestCheckpoint(dir: string): SignedCheckpoint | undefined {
  return readCheckpoints(dir).at(-1);
}
