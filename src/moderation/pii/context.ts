/**
 * What the text around a number says it is. A ten-digit run is a valid US phone number
 * one time in three, and a dotted quad of small numbers is as often a version as an
 * address, so the phone and IP detectors ask these questions before reporting.
 * Every check looks at a bounded window (at most {@link WINDOW} characters either side),
 * so a detector stays linear however many candidates a text holds.
 */

import {
  CURRENCY_WORDS,
  NETWORK_WORDS,
  NUMBER_WORDS,
  REFERENCE_WORDS,
  UNIT_WORDS,
  VERSION_WORDS,
} from './context-words.js';

const WINDOW = 32;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWordChar = (c: number) => isDigit(c) || isLetter(c) || c === 95;
/** Between a word and a number: spaces, `:`, `#`, `.`, `,`, `(`, `=`. */
const isGap = (c: number) =>
  c === 32 || c === 58 || c === 35 || c === 46 || c === 44 || c === 40 || c === 61 || c === 0xa0;

/** Currency symbols written before an amount: $ £ ¥ € ₹ ₩ ₽ ₺ ₫ ¢. */
const CURRENCY_SIGNS = new Set([0x24, 0xa3, 0xa5, 0x20ac, 0x20b9, 0x20a9, 0x20bd, 0x20ba, 0x20ab, 0xa2]);

/**
 * Whether one of the `count` words before `pos` (nearest first, within the window) is in
 * `set` (lower case). Stops at anything that is not a gap or a letter (a digit, a bracket,
 * a line break). No allocation unless a word is there to look up.
 */
function wordBeforeIn(text: string, pos: number, count: number, set: ReadonlySet<string>): boolean {
  const floor = Math.max(0, pos - WINDOW);
  let k = pos;
  for (let seen = 0; seen < count && k > floor; seen++) {
    while (k > floor && isGap(text.charCodeAt(k - 1))) k--;
    const end = k;
    while (k > floor && isLetter(text.charCodeAt(k - 1))) k--;
    if (k === end) return false;
    if (set.has(text.slice(k, end).toLowerCase())) return true;
  }
  return false;
}

/** Start of the word ending just before `pos` (after gaps), or -1 when none is there. */
function wordStartBefore(text: string, pos: number): number {
  const floor = Math.max(0, pos - WINDOW);
  let k = pos;
  while (k > floor && isGap(text.charCodeAt(k - 1))) k--;
  const end = k;
  while (k > floor && isLetter(text.charCodeAt(k - 1))) k--;
  return k === end ? -1 : k;
}

/** The word ending at `end` (found by {@link wordStartBefore}), lower case. */
function wordAt(text: string, from: number): string {
  let end = from;
  while (isLetter(text.charCodeAt(end))) end++;
  return text.slice(from, end).toLowerCase();
}

/**
 * What the two words before the number say: a reference when the nearest is a reference word
 * (`order 2015550123`, `ref: …`) or `no.`/`number` after one (`order no. …`, `tracking number …`);
 * a version or an amount when either is a version word or a currency. Only the nearest words
 * count: `ticket desk: 201-555-0123` is a phone number.
 */
function wordsSayNotAPhone(text: string, start: number): boolean {
  const first = wordStartBefore(text, start);
  if (first < 0) return false;
  const near = wordAt(text, first);
  if (REFERENCE_WORDS.has(near) || VERSION_WORDS.has(near) || CURRENCY_WORDS.has(near)) return true;
  const second = wordStartBefore(text, first);
  if (second < 0) return false;
  const far = wordAt(text, second);
  return (NUMBER_WORDS.has(near) && REFERENCE_WORDS.has(far)) || VERSION_WORDS.has(far) || CURRENCY_WORDS.has(far);
}

/** The word right after `pos` (one space allowed), lower case, or ''. */
function wordAfter(text: string, pos: number): string {
  let k = pos;
  if (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 0xa0) k++;
  const start = k;
  const ceiling = Math.min(text.length, pos + WINDOW);
  while (k < ceiling && isLetter(text.charCodeAt(k))) k++;
  return k > start && (k === text.length || !isWordChar(text.charCodeAt(k))) ? text.slice(start, k).toLowerCase() : '';
}

/** The character before `pos` skipping one space (NaN at the start). */
function signBefore(text: string, pos: number): number {
  const c = text.charCodeAt(pos - 1);
  return c === 32 || c === 0xa0 ? text.charCodeAt(pos - 2) : c;
}

/**
 * True when the number at `[start, end)` reads as something other than a phone number:
 * a reference (`order #…`, `ticket …`, `ref: …`, glued to a word with `-`, `_` or `/`), a version
 * (`version …`), an amount (`$…`, `… EUR`), a quantity (`… ms`, `… seconds`), or part of a
 * date or time (`2026-11-25 10:00`, `25.11.2026`, `11/25/2026`).
 */
export function notAPhone(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  // Glued to an identifier: JIRA-2015550123, build_2015550123, path/2015550123.
  if ((before === 45 || before === 95 || before === 47) && isWordChar(text.charCodeAt(start - 2))) return true;
  // A time or a date continues the run: `… 10:00`, `…/2026`, `12:…`.
  const after = text.charCodeAt(end);
  if ((after === 58 || after === 47) && isDigit(text.charCodeAt(end + 1))) return true;
  if ((before === 58 || before === 47) && isDigit(text.charCodeAt(start - 2))) return true;
  if (startsWithDate(text, start, end) || dottedNotAPhone(text, start, end) || continuesACode(text, start)) return true;
  const sign = signBefore(text, start);
  if (sign === 35 || CURRENCY_SIGNS.has(sign)) return true; // `#123…`, `$123…`
  if (wordsSayNotAPhone(text, start)) return true;
  const next = wordAfter(text, end);
  return next !== '' && (UNIT_WORDS.has(next) || CURRENCY_WORDS.has(next));
}

/**
 * A number written with dots only (no `+`, no parentheses) is a phone number when it starts
 * with a trunk `0` (`06.12.34.56.78`, `030.1234.5678`) or is grouped 3.3.4 (`201.555.0123`);
 * otherwise it is a version or a decimal (`10.0.1000`, `3.14159265`).
 */
function dottedNotAPhone(text: string, start: number, end: number): boolean {
  let groups = 0;
  let length = 0;
  let firstLength = 0;
  let shape = 0; // the lengths of the first three groups as digits: 334 for 201.555.0123
  for (let k = start; k <= end; k++) {
    const c = k < end ? text.charCodeAt(k) : 46;
    if (isDigit(c)) length++;
    else if (c === 46) {
      if (groups === 0) firstLength = length;
      if (groups < 3) shape = shape * 10 + Math.min(length, 9);
      groups++;
      length = 0;
    } else return false;
  }
  if (groups < 2 || (text.charCodeAt(start) === 48 && firstLength >= 2)) return false;
  return !(groups === 3 && shape === 334);
}

/** The number follows a code with letters and digits and one space: `1Z 999 AA1 01 2345 6784`. */
function continuesACode(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) !== 32) return false;
  let k = start - 1;
  const floor = Math.max(0, start - WINDOW);
  let letters = false;
  let digits = false;
  while (k > floor && isWordChar(text.charCodeAt(k - 1))) {
    const c = text.charCodeAt(--k);
    if (isDigit(c)) digits = true;
    else letters = true;
  }
  return letters && digits;
}

/** Digits of `text[from, to)` as a number (at most 5 digits are ever read here). */
function numberAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k++) value = value * 10 + (text.charCodeAt(k) - 48);
  return value;
}

/**
 * Whether the run starts with a calendar date: three groups joined by one `-`, `.` or `/`
 * with a four-digit year first (2026-11-25) or last (25.11.2026, 11/25/2026), month 1-12
 * and day 1-31 in either order. A two-digit year is not enough: `06.12.34.56.78` is a phone.
 */
function startsWithDate(text: string, start: number, end: number): boolean {
  let k = text.charCodeAt(start) === 40 ? start + 1 : start;
  let separator = 0;
  for (let group = 0; group < 3; group++) {
    const from = k;
    while (k < end && isDigit(text.charCodeAt(k)) && k - from < 5) k++;
    if (k === from) return false;
    DATE_PARTS[2 * group] = k - from;
    DATE_PARTS[2 * group + 1] = numberAt(text, from, k);
    if (group === 2) break;
    const c = text.charCodeAt(k);
    if (!(c === 45 || c === 46 || c === 47) || (separator !== 0 && c !== separator)) return false;
    separator = c;
    k++;
  }
  if (DATE_PARTS[0] === 4) return monthDay(1, 2);
  if (DATE_PARTS[4] === 4) return monthDay(1, 0) || monthDay(0, 1);
  return false;
}

/** Length and value of the three groups {@link startsWithDate} read (reused: no array per candidate). */
const DATE_PARTS = new Int32Array(6);

/** Group `m` can be a month (1-12) and group `d` a day (1-31), both of 1 or 2 digits. */
function monthDay(m: number, d: number): boolean {
  const month = DATE_PARTS[2 * m + 1]!;
  const day = DATE_PARTS[2 * d + 1]!;
  return DATE_PARTS[2 * m]! <= 2 && DATE_PARTS[2 * d]! <= 2 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * True when a dotted quad at `[start, end)` is on a network: a network word among the three
 * before it (`ip`, `ping`, `server`, `from`…), a scheme (`http://`), a port (`:8080`) or a
 * prefix length (`/24`) after it.
 */
export function onANetwork(text: string, start: number, end: number): boolean {
  const after = text.charCodeAt(end);
  if ((after === 58 || after === 47) && isDigit(text.charCodeAt(end + 1))) return true;
  if (text.charCodeAt(start - 1) === 47 && text.charCodeAt(start - 2) === 47) return true;
  return wordBeforeIn(text, start, 3, NETWORK_WORDS);
}

/**
 * True when a dotted quad reads as a version: a version word among the two before it
 * (`version`, `release`, `build`, `firmware`…), or small numbers (the first below 10, the
 * others below 100: 1.2.3.4, 2.10.0.1), which are versions far more often than addresses.
 */
export function versionShaped(text: string, start: number, parts: readonly number[]): boolean {
  if (parts[0]! < 10 && parts[1]! < 100 && parts[2]! < 100 && parts[3]! < 100) return true;
  return wordBeforeIn(text, start, 2, VERSION_WORDS);
}
