import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files of a directory (not recursive: the data directory's ledger and read models) holding `value`. */
export const filesHolding = (dir: string, value: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && readFileSync(join(dir, entry.name)).includes(Buffer.from(value, 'utf8')),
    )
    .map((entry) => entry.name);
