import { onANetwork, versionShaped } from './context.js';
import type { DigitIndex } from './digit-index.js';
import type { PiiFinding } from './types.js';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isWordChar = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** The four numbers of the last quad read by {@link octetsAt} (reused: no array per candidate). */
const OCTETS = [0, 0, 0, 0];

/** Reads `a.b.c.d` over `text[from, to)` into OCTETS: four parts of 1-3 digits, each 0-255, no leading zero. */
function octetsAt(text: string, from: number, to: number): boolean {
  let part = 0;
  let value = 0;
  let length = 0;
  for (let k = from; k <= to; k++) {
    const c = k < to ? text.charCodeAt(k) : 46;
    if (c === 46) {
      if (length === 0 || value > 255 || part > 3) return false;
      OCTETS[part++] = value;
      value = 0;
      length = 0;
    } else {
      if (length > 0 && value === 0) return false; // leading zero
      value = value * 10 + (c - 48);
      if (++length > 3) return false;
    }
  }
  return part === 4;
}

/**
 * IPv4 dotted quads and IPv6 addresses. A dotted quad (each part 0-255, not inside a longer
 * dotted number) is an address when it is on a network (a network word before it, a port or
 * prefix length after it) or does not read as a version (see {@link versionShaped}).
 */
export function findIps(text: string, out: PiiFinding[], digits: DigitIndex): void {
  const n = text.length;
  // IPv4: runs of digits and dots.
  for (let i = 0; i < n; ) {
    // The next digit, from the shared index (a native jump per run, not a JS loop over every character).
    const next = digits.next(i);
    if (next < 0) break;
    i = next;
    if (i > 0 && (isWordChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46)) {
      while (i < n && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      continue;
    }
    let k = i;
    let dots = 0;
    while (k < n && (isDigit(text.charCodeAt(k)) || text.charCodeAt(k) === 46)) {
      if (text.charCodeAt(k) === 46) dots++;
      k++;
    }
    let end = k;
    while (end > i && text.charCodeAt(end - 1) === 46) {
      end--;
      dots--;
    }
    const after = k < n ? text.charCodeAt(k) : 32;
    // Only a run with exactly three dots can be a dotted quad (no split of a 64 KB `1.1.1...`).
    // A colon after it must start a port (`:8080`), not an IPv6 group or a time.
    const port = after === 58 && k + 1 < n && isDigit(text.charCodeAt(k + 1));
    if (dots === 3 && !isWordChar(after) && (after !== 58 || port)) {
      if (octetsAt(text, i, end) && (onANetwork(text, i, end) || !versionShaped(text, i, OCTETS)))
        out.push({ entity: 'ip', start: i, end });
    }
    i = k;
  }
  // IPv6: only around colons (English text is full of hex letters; colons are rare).
  let colon = text.indexOf(':');
  let scannedTo = 0;
  // Each next colon is searched from scannedTo, so it is never inside a run already walked.
  while (colon !== -1) {
    // The whole run of hex digits, colons and dots around this colon, walked once.
    let i = colon;
    while (i > 0 && (isHex(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 58 || text.charCodeAt(i - 1) === 46))
      i--;
    let k = colon;
    while (k < n && (isHex(text.charCodeAt(k)) || text.charCodeAt(k) === 58 || text.charCodeAt(k) === 46)) k++;
    let end = k;
    while (end > i && text.charCodeAt(end - 1) === 46) end--;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    // An address is at most 45 characters with 2 to 7 colons and groups of at most 4 hex digits.
    if (end - i <= 45 && !isWordChar(before) && (k >= n || !isWordChar(text.charCodeAt(k)))) {
      if (ipv6At(text, i, end)) out.push({ entity: 'ip', start: i, end });
    }
    scannedTo = Math.max(k, colon + 1);
    colon = text.indexOf(':', scannedTo);
  }
}

/**
 * RFC 4291 text form over `text[from, to)`: up to 8 groups of 1-4 hex digits, one
 * `::` standing for the missing ones, optionally a dotted IPv4 tail; at least one
 * digit (so `a::b` in code reads as code). Hand-written: no slice or regex per candidate.
 */
function ipv6At(text: string, from: number, to: number): boolean {
  let groups = 0;
  let groupLength = 0;
  let compressed = false;
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 58) {
      if (k + 1 < to && text.charCodeAt(k + 1) === 58) {
        if (compressed) return false;
        compressed = true;
        if (groupLength > 0) groups++;
        groupLength = 0;
        k++;
        continue;
      }
      if (groupLength === 0) return false; // a single colon needs a group before it
      groups++;
      groupLength = 0;
      if (k + 1 === to) return false;
    } else if (c === 46) {
      // Dotted IPv4 tail: the rest must be a.b.c.d, and it counts as two groups.
      const parts = text.slice(k - groupLength, to).split('.');
      if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
      groups += 2;
      return compressed ? groups <= 7 : groups === 8;
    } else {
      if (++groupLength > 4) return false;
      if (isDigit(c)) digits++;
    }
  }
  if (groupLength > 0) groups++;
  if (digits === 0) return false;
  return compressed ? groups <= 7 : groups === 8;
}
