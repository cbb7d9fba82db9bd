/** One line of the outcome table the demo and `dev` print. */
export interface ReportRow {
  processor: string;
  message: string;
  status: string;
  delivered: string;
  decision: string;
  ms: number | undefined;
}

/**
 * Cuts text to `max` characters with an ellipsis, on one line (newlines become spaces).
 *
 * @example
 * shorten('a long message indeed', 10); // 'a long me…'
 */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

const width = (text: string): number => [...text].length;
const pad = (text: string, size: number): string => text + ' '.repeat(Math.max(0, size - width(text)));

/**
 * Renders rows as a plain-text table: processor | message -> status -> delivered | decision | ms.
 *
 * @example
 * console.log(formatTable([{ processor: 'sample', message: 'hi', status: 'SENT', delivered: 'hi', decision: 'noChange', ms: 4 }]));
 */
export function formatTable(rows: ReportRow[], columns = { message: 34, delivered: 34 }): string {
  const cells = rows.map((row) => [
    row.processor,
    shorten(row.message, columns.message),
    '->',
    row.status,
    '->',
    shorten(row.delivered, columns.delivered),
    row.decision,
    row.ms === undefined ? '-' : String(Math.round(row.ms)),
  ]);
  const header = ['processor', 'message', '', 'status', '', 'delivered content', 'decision', 'ms'];
  const sizes = header.map((title, i) => Math.max(width(title), ...cells.map((c) => width(c[i]!))));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v.padStart(sizes[i]!) : pad(v, sizes[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), sizes.map((s) => '-'.repeat(s)).join('  '), ...cells.map(line)].join('\n');
}
