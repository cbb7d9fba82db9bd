// The `min` metadata build: country calling codes, national lengths and leading digits for
// every region, which is all redaction needs. `max` adds per-type patterns (mobile vs fixed
// line) at a bundle cost that every function carrying pii() would pay.
import {
  parsePhoneNumberFromString,
  isSupportedCountry as isSupportedCountryIn,
  type CountryCode,
} from 'libphonenumber-js/core';
// The metadata as a JS module: no JSON import (which jest's ESM mode is deprecating).
import metadata from 'libphonenumber-js/min/metadata';
import { notAPhone } from './context.js';
import { followsIbanPrefix } from './digit-groups.js';
import type { PiiFinding } from './types.js';

export type { CountryCode };
/** Whether libphonenumber knows the region (ISO 3166 alpha-2). */
export const isSupportedCountry = (country: string): boolean => isSupportedCountryIn(country as CountryCode, metadata);

/** E.164 bounds on the digits of a number (with country code). */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
/**
 * Parser calls per message. libphonenumber's own text finder is slow on digit soup and
 * each parse is costly, so candidates are cut here (one parse per number-like run) and
 * parsing stops at 40: a 64 KB digit flood stays within the rule's time budget (figures in
 * docs/benchmarks.md). A message with more than 40 number-like runs keeps the rest.
 */
const MAX_PARSES = 40;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Native jump to what can start a number: a digit, `+` or `(`. */
const NEXT_START = /[\d+(]/g;
const isWordChar = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 0x7f;
/** Joins digit groups inside one written number: `(213) 373-4253`, `+44 20.7946.0958`. */
const isJoiner = (c: number) => c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 0xa0;

/**
 * Whether `written` is a valid number: for the default region, or international. `00` is
 * the international prefix in most of the world but not in the US (`011`), so a number
 * written `0044 …` is also tried as `+44 …`.
 */
function validPhone(written: string, defaultCountry: CountryCode | undefined): boolean {
  const parsed = parsePhoneNumberFromString(written, defaultCountry ? { defaultCountry } : {}, metadata);
  if (parsed?.isValid()) return true;
  return (
    written.startsWith('00') && parsePhoneNumberFromString(`+${written.slice(2)}`, {}, metadata)?.isValid() === true
  );
}

/**
 * Phone numbers valid for their region (libphonenumber, `min` metadata): a run of
 * digit groups (an optional `+`, digits joined by single spaces, dashes, dots or
 * parentheses) of 7 to 15 digits, parsed whole. Numbers in a list need a separator
 * other than one space (`, `, ` or `).
 */
export function findPhones(text: string, out: PiiFinding[], defaultCountry: CountryCode | undefined): void {
  const n = text.length;
  let parses = 0;
  for (let i = 0; i < n && parses < MAX_PARSES; ) {
    NEXT_START.lastIndex = i;
    if (NEXT_START.exec(text) === null) return;
    i = NEXT_START.lastIndex - 1;
    const c = text.charCodeAt(i);
    const startsNumber =
      isDigit(c) ||
      ((c === 43 || c === 40) && i + 1 < n && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 40));
    if (!startsNumber || (i > 0 && (isWordChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 43))) {
      i++;
      continue;
    }
    // Walk the run of groups, counting digits (no array: most runs are a lone number).
    let k = i;
    let total = 0;
    let lastEnd = i;
    // Where the next scan may start: past any `+`/`(` prefix already walked, so a run of
    // them (64 KB of `(`) is walked once, not once per starting position.
    let resume = i + 1;
    // The candidate's first character: past a `(` that wraps the whole number.
    let from = i;
    for (;;) {
      const gs = k;
      let opens = false;
      for (let p = text.charCodeAt(k); k < n && (p === 43 || p === 40); p = text.charCodeAt(++k)) opens ||= p === 40;
      const ds = k;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      if (k === ds) {
        resume = Math.max(resume, ds);
        k = gs;
        break;
      }
      // A `(` before a group closes right after it (`(201) 555`, `(0)20`); one that does
      // not wraps the whole number (`(0044 7400 123456)`) and is left out of it.
      const closes = opens && k < n && text.charCodeAt(k) === 41;
      total += k - ds;
      if (closes) k++;
      else if (opens && gs === i && ds === i + 1) from = ds;
      lastEnd = k;
      // `(0)20 7946 0958`, `(201)555-0123`: a closing parenthesis may touch the next group.
      if (closes && k < n && isDigit(text.charCodeAt(k))) continue;
      // One joiner (or `) ` / `-(`) then a digit, `+` or `(` continues the run.
      let j = k;
      let joiners = 0;
      while (j < n && isJoiner(text.charCodeAt(j)) && joiners < 2) {
        j++;
        joiners++;
      }
      if (j > k && j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 40 || text.charCodeAt(j) === 43))
        k = j;
      else break;
    }
    const end = k;
    // The whole run is the candidate: a number inside longer digit soup (a broken
    // card or IBAN, a reference) is not read as a phone number.
    if (
      total >= MIN_DIGITS &&
      total <= MAX_DIGITS &&
      !(end < n && isWordChar(text.charCodeAt(end))) &&
      !followsIbanPrefix(text, i) &&
      !notAPhone(text, from, lastEnd)
    ) {
      // A `00` number may take a second parse (as `+…`): count both against the cap.
      parses += text.charCodeAt(from) === 48 && text.charCodeAt(from + 1) === 48 ? 2 : 1;
      if (validPhone(text.slice(from, lastEnd), defaultCountry))
        out.push({ entity: 'phone', start: from, end: lastEnd });
    }
    i = Math.max(end, resume);
  }
}
