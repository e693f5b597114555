import { resolve } from 'node:path';
import type { SignedCheckpoint } from './checkpoint';
import { CheckpointError } from './errors';
import { dirWitness } from './witness-dir';
import { httpWitness } from './witness-http';

/**
 * A witness keeps a copy of each signed checkpoint somewhere the holder of the data directory cannot
 * rewrite: another disk or machine (`dir:`), another party's server (`http(s)://`). A checkpoint left
 * only beside the ledger can be deleted along with the history it signed, and whoever has the key can
 * sign a forgery; the copies a witness took when they were made still show the history as it was.
 */
export interface CheckpointWitness {
  /** How the operator named it (`dir:/mnt/worm/docket`, the URL without its password): for logs and health. */
  readonly name: string;
  /**
   * Stores one signed checkpoint; resolves once it is kept there. Delivering the same checkpoint twice
   * is harmless. `leafArchive` is the signer's leaf archive, for a witness that keeps the leaves too
   * (with them, a verifier names the first rewritten position rather than a range).
   */
  deliver(checkpoint: SignedCheckpoint, from: { leafArchive: string }): Promise<void>;
}

/** `DOCKET_CHECKPOINT_WITNESS`: witnesses separated by commas; none when unset or empty. */
export const WITNESS_VARIABLE = 'DOCKET_CHECKPOINT_WITNESS';

export function parseWitnesses(spec: string | undefined): CheckpointWitness[] {
  if (spec === undefined) return [];
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseWitness);
}

/** One witness: `dir:<path>` (a directory on other storage) or an `http://` / `https://` URL (POST). */
export function parseWitness(spec: string): CheckpointWitness {
  if (spec.startsWith('dir:') && spec.length > 4) return dirWitness(resolve(spec.slice(4)));
  if (/^https?:\/\//.test(spec)) return httpWitness(spec);
  throw new CheckpointError(
    'BadWitness',
    `${JSON.stringify(spec)} is no checkpoint witness: dir:<path> or an http(s):// URL`,
  );
}
