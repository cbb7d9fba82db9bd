// What `dev` prints: results on stdout, one line per message; everything else (processor and
// emulator logs, headers, counts) on stderr, so `dev ... > results.txt` holds results only.
import type { ReportRow } from '../report/table.js';
import { shorten } from '../report/table.js';

/** Writes to the real stdout; see {@link claimStdout}. */
export type ResultWriter = (line: string) => void;

/**
 * Keeps stdout for results: returns a writer to the real stdout and sends every other write to
 * `process.stdout` (a processor's JSON logger, a stray console.log) to stderr instead.
 *
 * @returns the writer for result lines and a function that restores stdout
 * @example
 * const { write, restore } = claimStdout();
 * write('SENT    hello -> hello  [noChange]  4 ms');
 * restore();
 */
export function claimStdout(): { write: ResultWriter; restore: () => void } {
  const stdout = process.stdout;
  const original = stdout.write;
  const toStdout = original.bind(stdout);
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
  return {
    write: (line) => {
      toStdout(`${line}\n`);
    },
    restore: () => {
      stdout.write = original;
    },
  };
}

/** How a result line shows message text: cut to a column, or whole (`--wide`). */
export interface LineFormat {
  wide: boolean;
  /** Also show what was sent (piped input, where the message is not on the screen already). */
  showInput: boolean;
}

const COLUMN = 60;

/**
 * One result line: status, (input ->) delivered content, the decision, the latency.
 *
 * @param row - the outcome of one message
 * @param format - whole text or cut, with or without the input
 * @returns the line, without a newline
 * @example
 * resultLine(row, { wide: false, showInput: true }); // 'SENT    hello -> hello  [noChange]  4 ms'
 */
export function resultLine(row: ReportRow & { stuck?: boolean }, format: LineFormat): string {
  const text = (value: string) => (format.wide ? value.replace(/\r?\n/g, '\\n') : shorten(value, COLUMN));
  const ms = row.ms === undefined ? '' : `  ${Math.round(row.ms)} ms`;
  const input = format.showInput ? `${text(row.message)} -> ` : '-> ';
  return `${row.status.padEnd(7)} ${input}${text(row.delivered)}  [${row.decision}]${ms}`;
}

/**
 * The closing count, for stderr.
 *
 * @example
 * countsLine(rows); // '2 messages: 1 sent, 1 denied, 0 failed, 0 stuck (PENDING, no callback)'
 */
export function countsLine(rows: ReadonlyArray<ReportRow & { stuck?: boolean }>): string {
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  const stuck = rows.filter((row) => row.stuck).length;
  return `${rows.length} message${rows.length === 1 ? '' : 's'}: ${count('SENT')} sent, ${count('DENIED')} denied, ${count('FAILED')} failed, ${stuck} stuck (PENDING, no callback)`;
}
