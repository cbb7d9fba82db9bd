import type { BadLine } from './errors.js';

/** One CSV record and the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Parses RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas,
 * line breaks and `""` (one quote); CRLF or LF line ends; blank lines are skipped.
 * One pass over the text. Returns the records and the lines it could not read
 * (an unterminated quote, text after a closing quote, a quote inside an unquoted field).
 *
 * @param text the whole file
 * @returns records in order, and the bad lines
 * @example
 * parseCsv('text,flag\n"hi, there",false\n').records[1].fields; // ['hi, there', 'false']
 */
export function parseCsv(text: string): { records: CsvRecord[]; bad: BadLine[] } {
  const records: CsvRecord[] = [];
  const bad: BadLine[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    // Fields of one record.
    for (;;) {
      let field = '';
      if (text.charCodeAt(i) === QUOTE) {
        i++;
        let closed = false;
        let from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            field += text.slice(from, i);
            if (text.charCodeAt(i + 1) === QUOTE) {
              field += '"';
              i += 2;
              from = i;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === LF) line++;
          i++;
        }
        if (!closed) {
          problem = 'a quoted field is never closed (a missing `"`)';
          i = n;
        } else {
          const c = text.charCodeAt(i);
          const crlf = c === CR && text.charCodeAt(i + 1) === LF;
          if (i < n && c !== COMMA && c !== LF && !crlf)
            problem = 'text after a closing quote (write `""` for a quote)';
        }
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === COMMA || c === LF) break;
          if (c === QUOTE) problem ??= 'a `"` inside an unquoted field (quote the field and write `""`)';
          k++;
        }
        // CRLF ends the record: the CR is not part of the field.
        field = text.slice(i, text.charCodeAt(k) === LF && text.charCodeAt(k - 1) === CR && k > i ? k - 1 : k);
        i = k;
      }
      fields.push(field);
      if (problem !== undefined) {
        // Skip the rest of this physical line.
        while (i < n && text.charCodeAt(i) !== LF) i++;
        break;
      }
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i++;
    if (text.charCodeAt(i) === LF) i++;
    if (problem !== undefined) bad.push({ line: recordLine, problem });
    else if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    line++;
  }
  return { records, bad };
}
