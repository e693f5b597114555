import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (the -wal and -shm files included), as bytes: what a copy of the directory holds. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** The files under `dir` that hold `needle` (a UTF-8 string or raw bytes). */
export function filesHolding(dir: string, needle: string | Buffer): string[] {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  return filesUnder(dir)
    .filter((file) => file.bytes.includes(bytes))
    .map((file) => file.path);
}
