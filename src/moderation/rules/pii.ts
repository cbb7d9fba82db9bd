import { defineRule, PASS } from '../rule.js';
import { knownKeys, oneOf, optionsObject } from '../options.js';
import { findPii, PiiEntity } from '../pii/index.js';
import { isSupportedCountry, type CountryCode } from '../pii/phone.js';
import { maskAlnum, replaceRanges } from '../text/mask.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export { PiiEntity };

export interface PiiOptions extends CommonRuleOptions {
  /** What to find; default all: email, phone, card, iban, ssn, ip, awsKey. */
  entities?: PiiEntity[];
  /** `redact` (default) rewrites each finding; `deny` denies the message. */
  action?: 'redact' | 'deny';
  /** `label` (default) writes `[EMAIL]`, `[PHONE]`...; `mask` replaces letters and digits with `*`, keeping the length. */
  style?: 'mask' | 'label';
  /** Region for numbers written without a country code (ISO 3166 alpha-2). Default `US`; `null` for international numbers only. */
  defaultCountry?: CountryCode | null;
}

const LABELS: Record<PiiEntity, string> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  ssn: '[SSN]',
  ip: '[IP]',
  awsKey: '[AWS_KEY]',
};
const ALL = Object.values(PiiEntity);
const KEYS = ['entities', 'action', 'style', 'defaultCountry', 'annotate'] as const;

/**
 * Redacts (or denies) personal data: e-mail addresses, phone numbers (region-aware),
 * payment cards (Luhn), IBANs (mod 97), US SSNs, IP addresses, AWS access keys.
 * A number failing its checksum is never redacted.
 *
 * @param options - the entities to find, the default phone country and the action (`deny` by default)
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware)
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(pii()); // 'mail me at bob@example.com' -> 'mail me at [EMAIL]'
 * moderate(pii({ entities: ['card', 'iban'], style: 'mask', defaultCountry: 'GB' }));
 */
export function pii(options?: PiiOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('pii', opts, KEYS);
  const action = oneOf('pii.action', opts.action, ['redact', 'deny'] as const, 'redact');
  const style = oneOf('pii.style', opts.style, ['mask', 'label'] as const, 'label');
  const list = opts.entities ?? ALL;
  if (!Array.isArray(list) || list.length === 0 || list.some((e) => !(ALL as string[]).includes(e))) {
    throw new InvalidOptionsError('pii.entities', `must be a non-empty array of ${ALL.join(', ')}`);
  }
  const entities = new Set<PiiEntity>(list);
  const region = opts.defaultCountry === undefined ? 'US' : opts.defaultCountry;
  if (region !== null && (typeof region !== 'string' || !isSupportedCountry(region))) {
    throw new InvalidOptionsError(
      'pii.defaultCountry',
      'must be a supported ISO 3166 alpha-2 region code (e.g. US, GB, DE) or null',
    );
  }
  const defaultCountry = region ?? undefined;
  return defineRule(
    'pii',
    function piiCheck(draft) {
      const text = draft.content;
      const found = findPii(text, entities, defaultCountry);
      if (found.length === 0) return PASS;
      if (action === 'deny')
        return {
          kind: 'deny',
          reason: `pii (${[...new Set(found.map((f) => f.entity))].join(', ')})`,
          count: found.length,
        };
      const content = replaceRanges(
        text,
        found.map((f) => ({
          start: f.start,
          end: f.end,
          with: style === 'label' ? LABELS[f.entity] : maskAlnum(text.slice(f.start, f.end)),
        })),
      );
      return { kind: 'edit', content, count: found.length };
    },
    { annotate: opts.annotate },
  );
}
