// Every PII detector does linear work: a 64 KB adversarial input costs milliseconds.
// The bound here is deliberately generous (40x the documented 10 ms budget, run once after a
// warm-up) so it never fails on a loaded machine, while a quadratic scan (64 KB of `(` took
// 2.7 s in pii() and 3.3 s in phone detection alone) fails it by far. The 10 ms budget itself
// is measured and printed by `npm run bench -- moderation`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findPii, PiiEntity } from '../../src/moderation/pii/index.js';
import { pii } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';

const SIZE = 65536;
const GENEROUS_MS = 400;
const ENTITIES = Object.values(PiiEntity);
const fill = (unit: string, size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Adversarial units: runs of what starts, joins or ends a number, an address or a key. */
const ADVERSARIAL_UNITS: string[] = JSON.parse(
  readFileSync(new URL('../fixtures/moderation/pii-adversarial.json', import.meta.url), 'utf8'),
).units;

const cpuMs = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

describe('PII detectors run in linear time', () => {
  it.each(ADVERSARIAL_UNITS)('64 KB of %j: each detector well under the quadratic cost', (unit) => {
    // Prepare
    const text = fill(unit);
    const slow: string[] = [];
    // Act
    for (const entity of ENTITIES) {
      const only = new Set([entity]);
      findPii(text.slice(0, 1024), only, 'US'); // warm-up: JIT, libphonenumber metadata
      const ms = cpuMs(() => findPii(text, only, 'US'));
      if (ms > GENEROUS_MS) slow.push(`${entity}: ${ms.toFixed(0)} ms`);
    }
    // Assess
    expect(slow).toEqual([]);
  });

  it('the whole rule on 64 KB of `(` and `+(` (the reported inputs)', () => {
    const rule = pii();
    runSync(rule, '(((');
    for (const unit of ['(', '+(']) expect(cpuMs(() => runSync(rule, fill(unit)))).toBeLessThan(GENEROUS_MS);
  });

  it('fuzz: any repeated adversarial unit, 32 KB, all detectors: bounded cost and well-formed findings', () => {
    const unit = fc
      .array(fc.constantFrom(...'(+)1234567890 .-:/@#$aAZv,\u00a0'), { minLength: 1, maxLength: 8 })
      .map((chars) => chars.join(''));
    const all = new Set(ENTITIES);
    fc.assert(
      fc.property(unit, (u) => {
        const text = fill(u, 32768);
        let found: ReturnType<typeof findPii> = [];
        const ms = cpuMs(() => {
          found = findPii(text, all, 'US');
        });
        expect(ms).toBeLessThan(GENEROUS_MS);
        for (let k = 0; k < found.length; k++) {
          const f = found[k]!;
          expect(f.start).toBeGreaterThanOrEqual(k === 0 ? 0 : found[k - 1]!.end);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 40, seed: 9 },
    );
  });
});
