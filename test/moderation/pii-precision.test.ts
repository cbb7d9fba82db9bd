// PII precision and recall on the labelled fixture, and fast-check properties: dates,
// times, date-times, versions and other numbers are never redacted.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findPii, PiiEntity } from '../../src/moderation/pii/index.js';
import { pii } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';
import {
  DATE_TIME_TEXT,
  NEUTRAL_FRAME,
  PHONE_REGIONS,
  PII_NEGATIVES,
  PII_POSITIVES,
  REFERENCE_FRAME,
  REGION,
  SENTENCE_FRAME,
  TEN_DIGITS,
  VERSION,
} from './pii-fixture.js';

const ALL = new Set(Object.values(PiiEntity));
const found = (text: string, region: Parameters<typeof findPii>[2] = 'US') =>
  findPii(text, ALL, region).map((f) => `${f.entity}: ${text.slice(f.start, f.end)}`);

describe('pii() on the labelled fixture', () => {
  it('covers at least 10 regions, six phone formats each, and every other entity', () => {
    expect(PHONE_REGIONS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PII_POSITIVES.map((p) => p.entity))).toEqual(ALL);
  });

  it('recall >= 0.99: each positive is found, exactly its text, as its entity', () => {
    const missed = PII_POSITIVES.filter((p) => found(p.text).join('|') !== `${p.entity}: ${p.match}`).map(
      (p) => `${p.label} -> ${found(p.text).join(', ') || 'nothing'}`,
    );
    const recall = 1 - missed.length / PII_POSITIVES.length;
    expect({ recallAtLeast99: recall >= 0.99, missed }).toEqual({ recallAtLeast99: true, missed: expect.any(Array) });
    expect(missed).toEqual([]); // today every case is found; a miss is worth a look even above the floor
  });

  it.each(['US', 'GB', 'DE', 'FR', 'IN', 'BR', null] as const)(
    'no negative (dates, times, versions, orders, tickets, prices, durations, tracking) is redacted with defaultCountry %s',
    (region) => {
      const rule = pii({ defaultCountry: region });
      const redacted = PII_NEGATIVES.filter((n) => runSync(rule, n.text).kind !== 'pass').map(
        (n) => `${n.category}: ${n.text} -> ${found(n.text, region ?? undefined).join(', ')}`,
      );
      expect(redacted).toEqual([]);
    },
  );

  it('the reported cases: a date-time is not [PHONE]:00 and a version is not [IP]', () => {
    expect(runSync(pii(), 'standup 2026-11-25 10:00 UTC').kind).toBe('pass');
    expect(runSync(pii(), 'version 1.2.3.4').kind).toBe('pass');
    // ... while an address on a network still is one.
    expect(runSync(pii(), 'ping 1.2.3.4 now')).toMatchObject({ kind: 'edit', content: 'ping [IP] now' });
  });
});

describe('never redacted (fast-check)', () => {
  it('dates, times and date-times in ISO, US and European formats', () => {
    fc.assert(
      fc.property(DATE_TIME_TEXT, SENTENCE_FRAME, REGION, (written, frame, region) => {
        const text = frame.replace('{}', written);
        expect(found(text, region)).toEqual([]);
      }),
      { numRuns: 3000, seed: 25 },
    );
  });

  it('versions: any four-part number after a version word, small bare ones, and any three-part one', () => {
    fc.assert(
      fc.property(VERSION, NEUTRAL_FRAME, REGION, (v, frame, region) => {
        const text = frame.replace('{}', v);
        expect(found(text, region)).toEqual([]);
      }),
      { numRuns: 2000, seed: 26 },
    );
  });

  it('order, ticket, tracking and price numbers of any ten digits', () => {
    fc.assert(
      fc.property(REFERENCE_FRAME, TEN_DIGITS, (frame, n) => {
        expect(found(frame.replace('{}', n))).toEqual([]);
      }),
      { numRuns: 1000, seed: 27 },
    );
  });
});
