import { parseCsv } from './csv.js';
import { type BadLine, LabelledFileError } from './errors.js';

/** One labelled message: `flag` is true when the message should be changed or denied. */
export interface LabelledMessage {
  /** 1-based line of the file it came from. */
  line: number;
  text: string;
  flag: boolean;
}

/** The two file formats: JSON Lines (`{"text": "...", "flag": true}` a line) and CSV (`text,flag`). */
export const LabelledFormat = { Jsonl: 'jsonl', Csv: 'csv' } as const;
export type LabelledFormat = (typeof LabelledFormat)[keyof typeof LabelledFormat];

/**
 * The format a file name says (`.jsonl`/`.ndjson` or `.csv`), or `undefined`.
 *
 * @param fileName a path or a bare name
 * @returns the format, or undefined for another extension
 * @example
 * labelledFormatOf('data/chat.jsonl'); // 'jsonl'
 */
export function labelledFormatOf(fileName: string): LabelledFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return LabelledFormat.Jsonl;
  if (lower.endsWith('.csv')) return LabelledFormat.Csv;
  return undefined;
}

const CSV_FLAGS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

/** The Chime limit a message must fit to be sent at all: 1 character to 4096 UTF-8 bytes. */
const MAX_TEXT_BYTES = 4096;
const utf8 = new TextEncoder();

function textProblem(text: unknown): string | undefined {
  if (typeof text !== 'string') return '"text" must be a string';
  if (text.length === 0) return '"text" is empty (a channel message has at least 1 character)';
  if (text.length > MAX_TEXT_BYTES / 3 && utf8.encode(text).length > MAX_TEXT_BYTES)
    return `"text" is over ${MAX_TEXT_BYTES} UTF-8 bytes (the channel message limit)`;
  return undefined;
}

function parseJsonl(content: string, out: LabelledMessage[], bad: BadLine[]): void {
  const lines = content.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = k + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      bad.push({ line, problem: 'not valid JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      bad.push({ line, problem: 'expected an object {"text": "...", "flag": true|false}' });
      continue;
    }
    const { text, flag } = value as { text?: unknown; flag?: unknown };
    const problem = textProblem(text) ?? (typeof flag === 'boolean' ? undefined : '"flag" must be true or false');
    if (problem !== undefined) bad.push({ line, problem });
    else out.push({ line, text: text as string, flag: flag as boolean });
  }
}

function parseCsvFile(content: string, out: LabelledMessage[], bad: BadLine[]): void {
  const { records, bad: syntax } = parseCsv(content);
  bad.push(...syntax);
  let textColumn = 0;
  let flagColumn = 1;
  let first = 0;
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase());
  if (header?.includes('text') && header.includes('flag')) {
    textColumn = header.indexOf('text');
    flagColumn = header.indexOf('flag');
    first = 1;
  }
  for (let k = first; k < records.length; k++) {
    const { line, fields } = records[k]!;
    const text = fields[textColumn];
    const flagText = fields[flagColumn]?.trim().toLowerCase();
    const flag = flagText === undefined ? undefined : CSV_FLAGS[flagText];
    const problem =
      fields.length <= Math.max(textColumn, flagColumn)
        ? `expected the columns text,flag; got ${fields.length} field${fields.length === 1 ? '' : 's'} (quote a text that holds commas)`
        : (textProblem(text) ?? (flag === undefined ? 'flag must be true, false, 1, 0, yes or no' : undefined));
    if (problem !== undefined) bad.push({ line, problem });
    else out.push({ line, text: text!, flag: flag! });
  }
}

/**
 * Reads a labelled file into messages. JSONL: one `{"text": "...", "flag": true|false}` a
 * line (other fields ignored, blank lines skipped). CSV (RFC 4180 quoting): columns
 * `text,flag`, with an optional header naming them in any order; flag is true/false, 1/0
 * or yes/no. Pure: no I/O, usable in a browser.
 *
 * @param content the file's text
 * @param format `jsonl` or `csv`
 * @returns the messages in file order
 * @throws {LabelledFileError} listing every bad line with its line number
 * @example
 * parseLabelledFile('{"text":"call 555 0100","flag":true}\n', 'jsonl'); // [{ line: 1, text: 'call 555 0100', flag: true }]
 */
export function parseLabelledFile(content: string, format: LabelledFormat): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  const bad: BadLine[] = [];
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (format === LabelledFormat.Csv) parseCsvFile(text, out, bad);
  else parseJsonl(text, out, bad);
  if (bad.length > 0) {
    bad.sort((a, b) => a.line - b.line);
    throw new LabelledFileError(bad);
  }
  if (out.length === 0) throw new LabelledFileError([{ line: 1, problem: 'the file holds no labelled message' }]);
  return out;
}
