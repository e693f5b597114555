import { COMMON_HELP, type Command, parseCommand } from './command';
import { checkpointCommand } from './commands/checkpoint';
import { exportCommand } from './commands/export';
import { historyCommand } from './commands/history';
import { personalDataCommand } from './commands/personal-data';
import { rebuildCommand } from './commands/rebuild';
import { tokenCommand } from './commands/token';
import { verifyCommand } from './commands/verify';
import { type DataDirLayout, UsageError } from './data-dir';
import { LEDGER_FILE_EXIT_CODE, ledgerFileError } from './ledger-file';
import type { Io } from './output';
import { RemoteError } from './remote';

export const COMMANDS: readonly Command[] = [
  verifyCommand,
  historyCommand,
  exportCommand,
  checkpointCommand,
  rebuildCommand,
  personalDataCommand,
  tokenCommand,
];

const usage = (): string =>
  `usage: docket <command> [options]

docket's command line, against a data directory (the embedded mode's: ledger.db, <service>.read.db,
checkpoints/, the development keys); verify, history and export also against a running deployment's
HTTP API (--url, --token).

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`).join('\n')}

${COMMON_HELP}
docket <command> --help describes each.
`;

/** Runs one command line (without `node` and the script); answers the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic === undefined ? usage() : `${topic.help}\n${COMMON_HELP}`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`docket: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  let layout: DataDirLayout | undefined;
  try {
    const parsed = parseCommand(command, rest, io);
    if (parsed === 'help') {
      io.out(`${command.help}\n${COMMON_HELP}`);
      return 0;
    }
    layout = parsed.layout;
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`docket ${command.name}: ${error.message}\n`);
      return 2;
    }
    // The ledger file turned out unreadable, at opening or halfway through a read: one line, not a trace.
    const file = layout === undefined ? undefined : ledgerFileError(error, layout.ledger);
    if (file !== undefined) {
      io.err(`docket ${command.name}: ${file.message}\n`);
      return LEDGER_FILE_EXIT_CODE;
    }
    if (error instanceof RemoteError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    io.err(
      `docket ${command.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
