import type { DigitIndex } from './digit-index.js';

/**
 * Splits the text into runs of digit groups joined by one space or dash
 * (`4111 1111-1111 1111`, `123-45-6789`), the shape card numbers and SSNs are
 * written in. One pass into reused typed arrays (no object per group: a 64 KB
 * `1 1 1 ...` has 32k groups), each run handed to `onRun` once.
 */
export interface DigitRuns {
  /** Group k spans `[start[k], end[k])`; `sep[k]` is the separator code before it (0 for a run's first). */
  start: Int32Array;
  end: Int32Array;
  sep: Uint8Array;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

let capacity = 0;
let buffers: DigitRuns = { start: new Int32Array(0), end: new Int32Array(0), sep: new Uint8Array(0) };

/**
 * Calls `onRun(runs, first, last)` for each run of groups (indices `first..last`)
 * that stands alone: no letter or digit glued to either end.
 */
export function forEachDigitRun(
  text: string,
  digits: DigitIndex,
  onRun: (runs: DigitRuns, first: number, last: number) => void,
): void {
  const n = text.length;
  const need = (n >> 1) + 2;
  if (need > capacity) {
    capacity = Math.max(need, 64);
    buffers = { start: new Int32Array(capacity), end: new Int32Array(capacity), sep: new Uint8Array(capacity) };
  }
  const { start, end, sep } = buffers;
  let i = 0;
  while (i < n) {
    // Jump to the next digit (found natively, once for all detectors): a JS loop over every character costs more.
    const next = digits.next(i);
    if (next < 0) return;
    i = next;
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      continue;
    }
    let count = 0;
    let separator = 0;
    for (;;) {
      start[count] = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      end[count] = i;
      sep[count++] = separator;
      const c = text.charCodeAt(i);
      if ((c === 32 || c === 45) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
        separator = c;
        i++;
        continue;
      }
      break;
    }
    // Glued to a letter (`123abc`): an identifier, not a number.
    if (i < n && isWordChar(text.charCodeAt(i))) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      continue;
    }
    onRun(buffers, 0, count - 1);
  }
}

const isUpper = (c: number) => c >= 65 && c <= 90;

/**
 * True when the digits at `runStart` continue an IBAN-shaped prefix (`DE44 5001 ...`):
 * the groups of a (broken) IBAN are not a card or a phone number.
 */
export function followsIbanPrefix(text: string, runStart: number): boolean {
  const p = runStart - 5;
  return (
    p >= 0 &&
    text.charCodeAt(runStart - 1) === 32 &&
    isUpper(text.charCodeAt(p)) &&
    isUpper(text.charCodeAt(p + 1)) &&
    isDigit(text.charCodeAt(p + 2)) &&
    isDigit(text.charCodeAt(p + 3)) &&
    (p === 0 || !isWordChar(text.charCodeAt(p - 1)))
  );
}
