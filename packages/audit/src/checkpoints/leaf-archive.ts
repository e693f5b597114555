import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { syncDirectory } from './atomic-file';
import { CheckpointError } from './errors';

/**
 * The leaf archive: the tree's leaf hash of every event the signer has seen (32 bytes each, in order),
 * kept beside the checkpoints (`leaves.bin`). It is not trusted: a verifier rebuilds the tree from it and believes it up
 * to a checkpoint only if that gives the signed root. What it buys is the position: when the ledger no
 * longer gives a signed root, the first leaf where the ledger and an authentic archive differ is the
 * first rewritten event. A root alone can only say that something in 1..size changed.
 */
export const LEAF_ARCHIVE_FILE = 'leaves.bin';
export const LEAF_BYTES = 32;
const CHUNK_LEAVES = 2048;

export function leafArchivePath(checkpointDir: string): string {
  return join(checkpointDir, LEAF_ARCHIVE_FILE);
}

/** Reads the archive front to back, a chunk at a time. */
export class LeafArchiveReader {
  private readonly fd: number | undefined;
  private readonly chunk = Buffer.alloc(CHUNK_LEAVES * LEAF_BYTES);
  private chunkStart = 0;
  private chunkLeaves = 0;
  readonly count: number;

  constructor(path: string) {
    this.fd = existsSync(path) ? openSync(path, 'r') : undefined;
    this.count = this.fd === undefined ? 0 : Math.floor(fstatSync(this.fd).size / LEAF_BYTES);
  }

  /** Leaf `index` (called with increasing indexes), or undefined past the end. */
  leaf(index: number): Buffer | undefined {
    if (this.fd === undefined || index >= this.count) return undefined;
    if (index < this.chunkStart || index >= this.chunkStart + this.chunkLeaves) {
      this.chunkStart = index;
      const bytes = readSync(this.fd, this.chunk, 0, this.chunk.length, index * LEAF_BYTES);
      this.chunkLeaves = Math.floor(bytes / LEAF_BYTES);
    }
    const offset = (index - this.chunkStart) * LEAF_BYTES;
    // A copy: the caller may keep it (in a tree) past the next chunk read, which reuses the buffer.
    return Buffer.from(this.chunk.subarray(offset, offset + LEAF_BYTES));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}

/** Writes a whole new archive beside the old one and renames it over it when complete. */
export class LeafArchiveRewrite {
  private readonly temp: string;
  private readonly fd: number;
  private readonly pending: Buffer[] = [];
  count = 0;

  constructor(private readonly path: string) {
    this.temp = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.temp, 'w');
  }

  add(leaf: Buffer): void {
    this.pending.push(leaf);
    this.count += 1;
    if (this.pending.length >= CHUNK_LEAVES) this.flush();
  }

  commit(): void {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.temp, this.path);
    syncDirectory(join(this.path, '..'));
  }

  /** Leaves the old archive as it was (the ledger did not verify: the archive is evidence). */
  abort(): void {
    closeSync(this.fd);
    rmSync(this.temp, { force: true });
  }

  private flush(): void {
    if (this.pending.length > 0) writeSync(this.fd, Buffer.concat(this.pending.splice(0)));
  }
}

/**
 * Appends leaves from `startIndex` on and fsyncs: what a crash left past that point (leaves written for
 * a checkpoint that was never stored) is cut first.
 */
export function appendToLeafArchive(path: string, startIndex: number, leaves: readonly Buffer[]): void {
  const fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
  try {
    const size = fstatSync(fd).size;
    const at = startIndex * LEAF_BYTES;
    if (size < at) {
      throw new CheckpointError(
        'LeafArchiveGap',
        `${path} holds ${Math.floor(size / LEAF_BYTES)} leaves; cannot append from leaf ${startIndex}`,
      );
    }
    if (size > at) ftruncateSync(fd, at);
    if (leaves.length > 0) writeSync(fd, Buffer.concat(leaves), 0, leaves.length * LEAF_BYTES, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
