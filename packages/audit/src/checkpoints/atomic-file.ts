import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a reader (or a crash) sees the old content or the new, never a part: a temp file
 * beside it, fsynced, renamed over it, and the directory fsynced so the rename itself is durable.
 */
let written = 0;

export function writeFileAtomically(path: string, content: string | Buffer, mode = 0o644): void {
  written += 1;
  const temp = `${path}.${process.pid}.${written}.tmp`;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncDirectory(dirname(path));
}

export function syncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; there a rename is as durable as the OS makes it.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
