import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@docket/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateDataDir } from './data-dir';
import { docket } from './run-docket';

/**
 * Issue 14, defect 11: `docket verify` pointed at a file that is no readable ledger. Whatever the file,
 * the answer is typed: one line on stderr and exit code 3, or with --json one JSON object on stdout,
 * `{ ok: false, error: { code, message } }` — never a stack trace, never JSON missing.
 */
const dir = tempDir('docket-cli-files-');
const good = join(dir.path, 'good');
let goodLedger: Buffer;
let caseNo: string;

beforeAll(async () => {
  caseNo = (await populateDataDir(good)).caseNo;
  goodLedger = readFileSync(join(good, 'ledger.db'));
}, 120_000);
afterAll(() => dir.cleanup());

/** A data directory whose ledger.db is made by `make`. */
function dataDirWith(name: string, make: (ledger: string) => void): string {
  const data = join(dir.path, name);
  mkdirSync(data, { recursive: true });
  make(join(data, 'ledger.db'));
  return data;
}

const asRoot = process.getuid?.() === 0;

const cases: {
  name: string;
  code: string;
  message: RegExp;
  make: (ledger: string) => void;
  as?: 'nobody';
}[] = [
  {
    name: 'a text file',
    code: 'not-a-database',
    message: /ledger\.db is not a docket ledger: it is not an SQLite database file$/,
    make: (ledger) => writeFileSync(ledger, '这不是账本\n'.repeat(500)),
  },
  {
    name: 'a database cut in half',
    code: 'ledger-damaged',
    message: /ledger\.db is not a readable docket ledger: database disk image is malformed$/,
    make: (ledger) => {
      writeFileSync(ledger, goodLedger);
      truncateSync(ledger, Math.floor(goodLedger.length / 2));
    },
  },
  {
    name: 'a database whose last pages are gone',
    code: 'ledger-damaged',
    message: /ledger\.db is not a readable docket ledger: /,
    make: (ledger) => {
      writeFileSync(ledger, goodLedger);
      truncateSync(ledger, goodLedger.length - 3 * 4096);
    },
  },
  {
    name: 'an SQLite file of another application (a read-model file)',
    code: 'not-a-ledger',
    message: /ledger\.db is not a docket ledger: it is an SQLite database of another application/,
    make: (ledger) => copyFileSync(join(good, 'intake.read.db'), ledger),
  },
  {
    name: 'no file',
    code: 'ledger-missing',
    message: /^no ledger at .*ledger\.db \(is --data-dir \/ DOCKET_DATA_DIR right\?\)$/,
    make: () => {},
  },
  {
    name: 'a directory where the file should be',
    code: 'ledger-unreadable',
    message: /^cannot read .*ledger\.db: it is a directory$/,
    make: (ledger) => mkdirSync(ledger),
  },
  {
    name: 'a file its reader may not read',
    code: 'ledger-unreadable',
    message: /^cannot read .*ledger\.db: permission denied$/,
    // root reads everything: as root, the CLI runs as nobody against a file only root may read.
    make: (ledger) => {
      writeFileSync(ledger, goodLedger);
      chmodSync(ledger, asRoot ? 0o600 : 0o000);
      if (asRoot) {
        chmodSync(dir.path, 0o755);
        chmodSync(join(ledger, '..'), 0o755);
      }
    },
    as: 'nobody',
  },
];

describe('docket verify on a file that is no readable ledger', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.code}, one line, exit 3; --json gives the same as JSON`, () => {
      const data = dataDirWith(c.name.replace(/\W+/g, '-'), c.make);
      const before = statSync(join(data, 'ledger.db'), { throwIfNoEntry: false });
      const bytes =
        before?.isFile() && c.as === undefined ? readFileSync(join(data, 'ledger.db')) : undefined;
      const as = c.as === 'nobody' && asRoot ? { uid: 65534, gid: 65534 } : {};

      const plain = docket(data, ['verify'], as);
      expect(plain.code, plain.stderr).toBe(3);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(/^docket verify: [^\n]+\n$/);
      expect(plain.stderr.slice('docket verify: '.length).trimEnd()).toMatch(c.message);

      const json = docket(data, ['verify', '--json'], as);
      expect(json.code).toBe(3);
      expect(json.stderr).toBe('');
      const answer = JSON.parse(json.stdout);
      expect(answer).toEqual({ ok: false, error: { code: c.code, message: expect.any(String) } });
      expect(answer.error.message).toMatch(c.message);
      // Looking at a file that is no ledger leaves it as it was.
      if (bytes && c.code !== 'ledger-damaged') expect(readFileSync(join(data, 'ledger.db'))).toEqual(bytes);
    });
  }

  it('the other commands answer such a file the same way (one line, exit 3)', () => {
    const data = dataDirWith('text-for-others', (ledger) => writeFileSync(ledger, 'not a ledger'));
    for (const args of [
      ['history', caseNo],
      ['export', caseNo],
    ]) {
      const run = docket(data, args);
      expect(run.code, args.join(' ')).toBe(3);
      expect(run.stderr, args.join(' ')).toMatch(/^docket [a-z]+: [^\n]+ is not a docket ledger: [^\n]+\n$/);
    }
  });

  it('the good file still verifies', () => {
    expect(docket(good, ['verify']).code).toBe(0);
  });
});
