import type { DigitIndex } from './digit-index.js';
import type { PiiFinding } from './types.js';

/** IBAN length per country (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 ' +
    'GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 ' +
    'MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 ' +
    'SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * ISO 7064 mod 97-10 over the rearranged IBAN (compact, upper case): valid when the remainder is 1.
 *
 * @param iban - the IBAN without spaces, country code first
 * @returns true when the mod-97 remainder is 1
 * @example
 * ibanValid('GB82WEST12345698765432'); // true
 */
export function ibanValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let k = 0; k < rearranged.length; k++) {
    const c = rearranged.charCodeAt(k);
    const value = isDigit(c) ? c - 48 : c - 55;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/**
 * The first `XX00` shape (two capitals, then two digits) at or after `i`, or -1: the start of a
 * run of two or more digits with two capitals before it. Each run is visited once per scan.
 */
function nextHead(text: string, digits: DigitIndex, i: number): number {
  for (let d = digits.next(i + 2); d >= 0; d = digits.next(digits.end())) {
    if (isUpper(text.charCodeAt(d - 2)) && isUpper(text.charCodeAt(d - 1)) && isDigit(text.charCodeAt(d + 1)))
      return d - 2;
  }
  return -1;
}

/**
 * IBANs, compact or grouped by spaces (`GB82 WEST 1234 5698 7654 32`): the
 * country's exact length and a mod-97 remainder of 1. A broken one is never reported.
 */
export function findIbans(text: string, out: PiiFinding[], digits: DigitIndex): void {
  const n = text.length;
  for (let i = 0; i + 4 <= n; i++) {
    i = nextHead(text, digits, i);
    if (i < 0) return;
    if (i > 0 && isAlnum(text.charCodeAt(i - 1))) continue;
    const length = IBAN_LENGTHS[text.slice(i, i + 2)];
    if (length === undefined) continue;
    let compact = 0;
    let k = i;
    while (k < n && compact < length) {
      const c = text.charCodeAt(k);
      if (isAlnum(c)) {
        compact++;
        k++;
      } else if (c === 32 && compact % 4 === 0 && k + 1 < n && isAlnum(text.charCodeAt(k + 1))) {
        k++;
      } else break;
    }
    if (compact !== length || (k < n && isAlnum(text.charCodeAt(k)))) continue;
    const iban = text.slice(i, k).replaceAll(' ', '').toUpperCase();
    if (!ibanValid(iban)) continue;
    out.push({ entity: 'iban', start: i, end: k });
    i = k - 1;
  }
}
