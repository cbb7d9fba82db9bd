import { followsIbanPrefix, type DigitRuns } from './digit-groups.js';
import type { PiiFinding } from './types.js';

/**
 * Luhn (mod 10) check over the first `length` digits of `digits`.
 *
 * @param digits - a string of ASCII digits only
 * @param length - how many leading digits to check (default all)
 * @returns true when the check digit is right
 * @example
 * luhnValid('4111111111111111'); // true
 */
export function luhnValid(digits: string, length = digits.length): boolean {
  let sum = 0;
  let double = false;
  for (let k = length - 1; k >= 0; k--) {
    let d = digits.charCodeAt(k) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Whether the first `len` digits fit an issuer's prefix and length (Visa,
 * Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro): a Luhn-valid number
 * outside them is more likely an order or tracking number than a card.
 */
function knownIssuer(d: string, len: number): boolean {
  const p2 = (d.charCodeAt(0) - 48) * 10 + (d.charCodeAt(1) - 48);
  const p3 = p2 * 10 + (d.charCodeAt(2) - 48);
  const p4 = p3 * 10 + (d.charCodeAt(3) - 48);
  const p6 = p4 * 100 + (d.charCodeAt(4) - 48) * 10 + (d.charCodeAt(5) - 48);
  if (d.charCodeAt(0) === 52) return len === 13 || len === 16 || len === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // Amex
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925))
    return len === 16 || len === 19; // Discover
  if (p4 >= 3528 && p4 <= 3589) return len >= 16; // JCB
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305) || p3 === 309) return len >= 14; // Diners
  if (p2 === 62 || p2 === 81) return len >= 16; // UnionPay
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return true; // Maestro, 12-19
  return false;
}

const MIN = 12;
const MAX = 19;

/**
 * Payment card numbers (12-19 digits, plain or grouped with spaces or dashes, passing
 * Luhn and matching an issuer) in one run of digit groups. The run must split entirely into valid cards
 * (one, or a list): a Luhn-valid window inside longer digit soup is a coincidence
 * (one in ten), not a card.
 */
function cardsInRun(text: string, runs: DigitRuns, first: number, last: number, out: PiiFinding[]): void {
  const { start, end, sep } = runs;
  // Fewer than 12 characters cannot hold 12 digits: most runs (dates, counts) stop here.
  if (end[last]! - start[first]! < MIN || followsIbanPrefix(text, start[first]!)) return;
  const found: PiiFinding[] = [];
  const totals: number[] = [];
  for (let g = first; g <= last; ) {
    let digits = '';
    totals.length = 0;
    for (let h = g; h <= last; h++) {
      if (h > g + 1 && sep[h] !== sep[g + 1]) break; // one separator style per number
      const length = end[h]! - start[h]!;
      if (digits.length + length > MAX) break;
      digits += text.slice(start[h]!, end[h]!);
      totals.push(digits.length);
    }
    let matched = -1;
    for (let k = totals.length - 1; k >= 0 && totals[k]! >= MIN; k--) {
      if (knownIssuer(digits, totals[k]!) && luhnValid(digits, totals[k]!)) {
        matched = g + k;
        break;
      }
    }
    if (matched < 0) return;
    found.push({ entity: 'card', start: start[g]!, end: end[matched]! });
    g = matched + 1;
  }
  out.push(...found);
}

export { cardsInRun };
