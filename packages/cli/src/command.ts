import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type DataDirLayout, dataDirLayout, defaultDataDir, UsageError } from './data-dir';
import type { Io } from './output';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  layout: DataDirLayout;
}

/** One subcommand: its help text, its options (besides --data-dir and --help), and what it does. */
export interface Command {
  name: string;
  summary: string;
  /** Usage line(s) and details, shown by --help. */
  help: string;
  options?: Options;
  /** How many positionals it takes at most (default 0). */
  maxPositionals?: number;
  run(parsed: Parsed, io: Io): Promise<number>;
}

export const COMMON_HELP = `common options:
  --data-dir <dir>   the data directory (default $DOCKET_DATA_DIR, else ./data)
  -h, --help         this help
exit code 3, of every command that opens the ledger: its file cannot be read (missing, unreadable, not
  an SQLite database, another application's database, a newer format, damaged); one line says which
`;

export function parseCommand(command: Command, argv: readonly string[], io: Io): Parsed | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...command.options,
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n(docket ${command.name} --help shows the options)`);
  }
  const values = parsed.values as Parsed['values'];
  if (values.help === true) return 'help';
  if (parsed.positionals.length > (command.maxPositionals ?? 0))
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[command.maxPositionals ?? 0])} (docket ${command.name} --help)`,
    );
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(io.env);
  const keyDir = typeof values['key-dir'] === 'string' ? values['key-dir'] : undefined;
  return { values, positionals: parsed.positionals, layout: dataDirLayout(dataDir, { keyDir, env: io.env }) };
}

/** A non-negative integer option (a position), or undefined when absent. */
export function positionOption(value: string | boolean | undefined, name: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new UsageError(
      `--${name} must be a position (a non-negative integer), not ${JSON.stringify(value)}`,
    );
  return BigInt(value);
}

export const stringOption = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
