import { findAwsKeys } from './aws-key.js';
import { cardsInRun } from './card.js';
import { forEachDigitRun } from './digit-groups.js';
import { DigitIndex } from './digit-index.js';
import { findEmails } from './email.js';
import { findIbans } from './iban.js';
import { findIps } from './ip.js';
import { findPhones, type CountryCode } from './phone.js';
import { ssnInRun } from './ssn.js';
import type { PiiEntity, PiiFinding } from './types.js';

export { PiiEntity, type PiiFinding } from './types.js';

/** One index for every call: findPii runs to the end before the next call reads it. */
const DIGITS = new DigitIndex();
export { luhnValid } from './card.js';
export { ibanValid } from './iban.js';

/**
 * Finds the requested entities, in a fixed order where checksummed kinds come
 * first (IBAN, card, SSN) so a phone match overlapping them is dropped; returns
 * non-overlapping findings sorted by position.
 *
 * @param text - the message content to scan
 * @param entities - the kinds of PII to look for
 * @param defaultCountry - the country of phone numbers written without `+` (none: only international numbers)
 * @returns the findings, non-overlapping and sorted by `start`
 * @example
 * findPii('card 4111 1111 1111 1111', new Set(['card']), 'US'); // [{ entity: 'card', start: 5, end: 24 }]
 */
export function findPii(
  text: string,
  entities: ReadonlySet<PiiEntity>,
  defaultCountry: CountryCode | undefined,
): PiiFinding[] {
  const out: PiiFinding[] = [];
  const digits = DIGITS.index(text);
  if (entities.has('email')) findEmails(text, out);
  if (entities.has('awsKey')) findAwsKeys(text, out);
  if (entities.has('iban')) findIbans(text, out, digits);
  const cards = entities.has('card');
  const ssns = entities.has('ssn');
  // Cards and SSNs share one pass over the digit groups.
  if (cards || ssns) {
    forEachDigitRun(text, digits, (runs, first, last) => {
      if (cards) cardsInRun(text, runs, first, last, out);
      if (ssns) ssnInRun(text, runs, first, last, out);
    });
  }
  if (entities.has('ip')) findIps(text, out, digits);
  if (entities.has('phone')) findPhones(text, out, defaultCountry, digits);
  if (out.length <= 1) return out;
  // Earlier kinds win overlaps; push order is priority order, so an index is a rank.
  // One sort of indices (skipped when already in order) and one sweep: 8k findings stay linear-ish.
  let ordered = true;
  for (let k = 1; k < out.length && ordered; k++) ordered = out[k]!.start >= out[k - 1]!.start;
  const order = out.map((_, index) => index);
  if (!ordered) order.sort((a, b) => out[a]!.start - out[b]!.start || a - b);
  const kept: PiiFinding[] = [];
  let lastRank = -1;
  for (const index of order) {
    const finding = out[index]!;
    const last = kept[kept.length - 1];
    if (last === undefined || finding.start >= last.end) {
      kept.push(finding);
      lastRank = index;
    } else if (finding.entity === last.entity) {
      // One kind overlapping itself (an IPv6 address and its dotted IPv4 tail): the union is the finding.
      kept[kept.length - 1] = { ...last, end: Math.max(last.end, finding.end) };
    } else if (index < lastRank) {
      kept[kept.length - 1] = finding;
      lastRank = index;
    }
  }
  return kept;
}
