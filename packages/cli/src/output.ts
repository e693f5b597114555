/** What a subcommand writes to; the process's streams in main.ts. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Is stderr a terminal (progress bars redraw in place) or a file or pipe (plain lines)? */
  readonly errIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
  env: process.env,
});

/** JSON with 64-bit numbers (bigint) as decimal strings, as the exports carry them. */
export const toJson = (value: unknown, indent = 2): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), indent);

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Columns a string takes in a terminal: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

const isWide = (cp: number): boolean =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0x303e) ||
  (cp >= 0x3041 && cp <= 0x33ff) ||
  (cp >= 0x3400 && cp <= 0x4dbf) ||
  (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0xa000 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

const padEnd = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A plain text table: columns padded by display width, a rule under the header, the last column unpadded. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padEnd(cell, widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/**
 * Progress on stderr. On a terminal: one line redrawn in place (bar, count, rate, ETA), at most ten
 * times a second. Otherwise (a log file, CI): a plain line every 10% or every 5 s, whichever comes first.
 */
export function progressReporter(io: Io, label: string) {
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done: number, total: number, elapsedMs: number) {
      const fraction = total === 0 ? 1 : Math.min(1, done / total);
      const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
      const etaSeconds = rate > 0 ? (total - done) / rate : Number.NaN;
      const eta = Number.isFinite(etaSeconds) ? formatDuration(etaSeconds) : '?';
      const figures = `${fmtInt(done)}/${fmtInt(total)} events  ${fmtInt(rate)} ev/s  ETA ${eta}`;
      if (io.errIsTty) {
        if (elapsedMs - lastDraw < 100 && done < total) return;
        lastDraw = elapsedMs;
        const width = 30;
        const filled = Math.round(fraction * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        io.err(`\r\x1b[2K${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${figures}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastTenth && elapsedMs - lastDraw < 5000) return;
      lastTenth = tenth;
      lastDraw = elapsedMs;
      io.err(`${label}: ${(fraction * 100).toFixed(0)}%  ${figures}\n`);
    },
    end() {
      if (drawn) io.err('\n');
    },
  };
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m < 60) return `${m} min ${s} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
