#!/usr/bin/env node
import { runCli } from './cli';
import { processIo } from './output';

/** The `docket` command (bin of the root package and of @docket/cli). */
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `docket: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
