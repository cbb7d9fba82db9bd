// The labelled PII cases of test/fixtures/moderation/pii-labelled.json, expanded: each phone
// number written six ways. Shared by the tests and bench/moderation.bench.ts.
import { readFileSync } from 'node:fs';
import type { PiiEntity } from '../../src/moderation/index.js';

export interface PiiPositive {
  entity: PiiEntity;
  text: string;
  /** The exact text that must be redacted. */
  match: string;
  /** What the case is, e.g. `phone GB dots`. */
  label: string;
}
export interface PiiNegative {
  category: string;
  text: string;
}

/** How people write an international number, from its spaced form `+44 7400 123456`. */
export const PHONE_FORMATS: Record<string, (spaced: string) => string> = {
  e164: (s) => s.replaceAll(' ', ''),
  spaces: (s) => s,
  dashes: (s) => s.replaceAll(' ', '-'),
  dots: (s) => s.replaceAll(' ', '.'),
  parentheses: (s) => s.replace(/^(\+\d+) (\d+)/, '$1 ($2)'),
  '00 prefix': (s) => s.replace('+', '00'),
};

const SENTENCES = ['reach me on {} tonight', '{}', 'WhatsApp: {}.', 'call ({}) after 6'];

const raw = JSON.parse(readFileSync(new URL('../fixtures/moderation/pii-labelled.json', import.meta.url), 'utf8')) as {
  phones: Record<string, string>;
  positives: Array<{ entity: PiiEntity; text: string; match: string }>;
  negatives: PiiNegative[];
};

export const PII_POSITIVES: PiiPositive[] = [
  ...Object.entries(raw.phones).flatMap(([country, spaced], c) =>
    Object.entries(PHONE_FORMATS).map(([format, write], f) => {
      const match = write(spaced);
      const text = SENTENCES[(c + f) % SENTENCES.length]!.replace('{}', match);
      return { entity: 'phone' as const, text, match, label: `phone ${country} ${format}` };
    }),
  ),
  ...raw.positives.map((p) => ({ ...p, label: `${p.entity}: ${p.text}` })),
];

export const PII_NEGATIVES: PiiNegative[] = raw.negatives;

/** Regions with a phone number in the fixture. */
export const PHONE_REGIONS = Object.keys(raw.phones);
