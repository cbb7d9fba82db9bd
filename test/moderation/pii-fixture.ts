// The labelled PII cases of test/fixtures/moderation/pii-labelled.json, expanded: each phone
// number written six ways. Shared by the tests and bench/moderation.bench.ts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateTime = fc.record({
  year: fc.integer({ min: 1990, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  millis: fc.integer({ min: 0, max: 999 }),
  zone: fc.constantFrom('', 'Z', '+01:00', '-0500', ' UTC', ' CET'),
});
type DateTime = typeof dateTime extends fc.Arbitrary<infer T> ? T : never;
/** Dates and times as ISO, US and European writers put them. */
const WRITE: Record<string, (d: DateTime) => string> = {
  isoDate: (d) => `${d.year}-${pad(d.month)}-${pad(d.day)}`,
  isoDateTime: (d) => `${d.year}-${pad(d.month)}-${pad(d.day)} ${pad(d.hour)}:${pad(d.minute)}`,
  isoSeconds: (d) =>
    `${d.year}-${pad(d.month)}-${pad(d.day)} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}${d.zone}`,
  isoT: (d) =>
    `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}.${pad(d.millis, 3)}${d.zone}`,
  isoSlashes: (d) => `${d.year}/${pad(d.month)}/${pad(d.day)} ${pad(d.hour)}:${pad(d.minute)}`,
  isoDots: (d) => `${d.year}.${pad(d.month)}.${pad(d.day)} ${pad(d.hour)}:${pad(d.minute)}`,
  us: (d) => `${d.month}/${d.day}/${d.year} ${(d.hour % 12) + 1}:${pad(d.minute)} ${d.hour < 12 ? 'AM' : 'PM'}`,
  usDashes: (d) => `${pad(d.month)}-${pad(d.day)}-${d.year} ${pad(d.hour)}:${pad(d.minute)}`,
  european: (d) => `${pad(d.day)}.${pad(d.month)}.${d.year} ${pad(d.hour)}:${pad(d.minute)}`,
  europeanComma: (d) => `${pad(d.day)}.${pad(d.month)}.${d.year}, ${pad(d.hour)}:${pad(d.minute)} Uhr`,
  europeanSlashes: (d) => `${pad(d.day)}/${pad(d.month)}/${d.year} ${pad(d.hour)}h${pad(d.minute)}`,
  europeanDashes: (d) => `${pad(d.day)}-${pad(d.month)}-${d.year} ${pad(d.hour)}:${pad(d.minute)}`,
  time: (d) => `${pad(d.hour)}:${pad(d.minute)}`,
  timeSeconds: (d) => `${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`,
  range: (d) => `${pad(d.hour)}:${pad(d.minute)} - ${pad((d.hour + 1) % 24)}:${pad(d.minute)}`,
};
/** Sentences a date or time sits in (some with network words: still never an IP). */
export const SENTENCE_FRAME = fc.constantFrom(
  'standup {} UTC',
  '{}',
  'from {} on',
  'due: {}.',
  '({})',
  'call at {}',
  'ping me {}',
);
/** Frames with no network word: a version there is never on a network. */
export const NEUTRAL_FRAME = fc.constantFrom('we ship {} today', '{}', 'due: {}.', '({})', 'is {} out?');
/** Default regions the properties run under. */
export const REGION = fc.constantFrom('US', 'GB', 'DE', 'FR', 'IN', 'JP', undefined);

/** A date, time or date-time written in one of the formats above. */
export const DATE_TIME_TEXT = fc
  .tuple(dateTime, fc.constantFrom(...Object.keys(WRITE)))
  .map(([d, format]) => WRITE[format]!(d));

const part = (max: number) => fc.integer({ min: 0, max });
/** Versions: any four-part number after a version word, small bare four-part ones, semver-like three-part ones. */
export const VERSION = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('version', 'v.', 'release', 'build', 'firmware', 'upgrade to', 'bump to'),
      part(255),
      part(255),
      part(9999),
      part(9999),
    )
    .map(([word, ...parts]) => `${word} ${parts.join('.')}`),
  fc.tuple(part(9), part(99), part(99), part(99)).map((parts) => parts.join('.')),
  fc.tuple(part(99), part(99), part(9999)).map((parts) => parts.join('.')),
);

/** Where a reference, an amount or a quantity is written. */
export const REFERENCE_FRAME = fc.constantFrom(
  'order #{}',
  'ticket {}',
  'invoice no. {}',
  'tracking number {}',
  'ref: {}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal dollar amount frame (`$` then the number), not a template
  '${}',
  '{} EUR',
  'took {} ms',
  'JIRA-{}',
);
/** Ten digits shaped like a North American number, grouped or not. */
export const TEN_DIGITS = fc.stringMatching(/^[2-9]\d{2}[ .-]?[2-9]\d{2}[ .-]?\d{4}$/);
