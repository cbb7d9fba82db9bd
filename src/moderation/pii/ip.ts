import { isIPv6 } from 'node:net';
import type { PiiFinding } from './types.js';

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isWordChar = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** IPv4 dotted quads (each part 0-255, not inside a longer dotted number) and IPv6 addresses. */
export function findIps(text: string, out: PiiFinding[]): void {
  const n = text.length;
  // IPv4: runs of digits and dots.
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (!isDigit(c) || (i > 0 && (isWordChar(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46))) {
      i++;
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
    if (dots === 3 && !isWordChar(after) && after !== 58) {
      const parts = text.slice(i, end).split('.');
      if (parts.length === 4 && parts.every((p) => p.length >= 1 && p.length <= 3 && Number(p) <= 255 && !(p.length > 1 && p[0] === '0'))) {
        out.push({ entity: 'ip', start: i, end });
      }
    }
    i = k;
  }
  // IPv6: only around colons (English text is full of hex letters; colons are rare).
  let colon = text.indexOf(':');
  let scannedTo = 0;
  while (colon !== -1) {
    if (colon < scannedTo) {
      colon = text.indexOf(':', scannedTo);
      continue;
    }
    let i = colon;
    while (i > 0 && colon - i < 45 && (isHex(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 58 || text.charCodeAt(i - 1) === 46)) i--;
    let k = colon;
    let colons = 0;
    let digits = 0;
    while (k < n && k - i <= 45) {
      const d = text.charCodeAt(k);
      if (d === 58) colons++;
      else if (isDigit(d)) digits++;
      else if (!(isHex(d) || d === 46)) break;
      k++;
    }
    for (let j = i; j < colon; j++) if (isDigit(text.charCodeAt(j))) digits++;
    let end = k;
    while (end > i && text.charCodeAt(end - 1) === 46) end--;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (colons >= 2 && digits > 0 && !isWordChar(before) && (k >= n || !isWordChar(text.charCodeAt(k))) && isIPv6(text.slice(i, end))) {
      out.push({ entity: 'ip', start: i, end });
    }
    scannedTo = Math.max(k, colon + 1);
    colon = text.indexOf(':', scannedTo);
  }
}
