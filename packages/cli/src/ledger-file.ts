import { NotALedger } from '@docket/event-store';

/**
 * Why the CLI could not read the data directory's ledger file, as a stable code (the `error.code` of
 * `docket verify --json`, exit code 3):
 *
 * - `ledger-missing`: no file at the path (a wrong --data-dir, most often);
 * - `ledger-unreadable`: a file the CLI may not open (permissions), or a directory;
 * - `not-a-database`: not an SQLite database file at all;
 * - `not-a-ledger`: an SQLite database of another application (a read-model file, say);
 * - `ledger-too-new`: a ledger of a newer format than this docket reads;
 * - `ledger-damaged`: an SQLite ledger whose pages cannot be read (cut short, overwritten).
 */
export type LedgerFileProblem =
  | 'ledger-missing'
  | 'ledger-unreadable'
  | 'not-a-database'
  | 'not-a-ledger'
  | 'ledger-too-new'
  | 'ledger-damaged';

export const LEDGER_FILE_EXIT_CODE = 3;

export class LedgerFileError extends Error {
  constructor(
    readonly code: LedgerFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerFileError';
  }
}

const FROM_KIND = {
  'not-a-database': 'not-a-database',
  'not-a-ledger': 'not-a-ledger',
  'newer-format': 'ledger-too-new',
  damaged: 'ledger-damaged',
} as const satisfies Record<NotALedger['kind'], LedgerFileProblem>;

/** Node's and SQLite's words for a file that cannot be opened, in the operator's. */
const UNREADABLE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  SQLITE_CANTOPEN: 'SQLite cannot open it',
  SQLITE_PERM: 'permission denied',
  SQLITE_AUTH: 'permission denied',
};

/**
 * The problem an error thrown while opening or reading the ledger at `path` shows, or undefined when it
 * is something else (a bug, which keeps its stack trace). SQLite reports damage found mid-read (a page
 * past the end of a file cut short) as SQLITE_CORRUPT or SQLITE_IOERR_SHORT_READ, at whatever statement
 * met it: those are the ledger's file too.
 */
export function ledgerFileError(error: unknown, path: string): LedgerFileError | undefined {
  if (error instanceof LedgerFileError) return error;
  if (error instanceof NotALedger) return new LedgerFileError(FROM_KIND[error.kind], error.message);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'ENOENT') return missingLedger(path);
  const why = UNREADABLE[code];
  if (why !== undefined) return new LedgerFileError('ledger-unreadable', `cannot read ${path}: ${why}`);
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB')
    return new LedgerFileError('not-a-database', `${path} is not a docket ledger: ${message}`);
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FORMAT')
    return new LedgerFileError('ledger-damaged', `${path} is not a readable docket ledger: ${message}`);
  return undefined;
}

export const missingLedger = (path: string): LedgerFileError =>
  new LedgerFileError('ledger-missing', `no ledger at ${path} (is --data-dir / DOCKET_DATA_DIR right?)`);
