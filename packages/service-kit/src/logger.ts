/** What services log: one line per fact, to stderr, so stdout stays for what a command prints. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export function consoleLogger(
  service: string,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    write(
      `${new Date().toISOString()} ${level} [${service}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`,
    );
  return {
    info: (message, fields) => line('info', message, fields),
    warn: (message, fields) => line('warn', message, fields),
    error: (message, error, fields) =>
      line('error', error === undefined ? message : `${message}: ${describe(error)}`, fields),
  };
}

/** For tests and benchmarks that assert on nothing logged, or want silence. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
