// PII recall and precision for bench/moderation.bench.ts: the labelled fixture
// (test/fixtures/moderation/pii-labelled.json) and generated dates, times and versions.
import fc from 'fast-check';
import { pii, type PiiEntity, type Rule } from '../src/moderation/index.js';
import {
  DATE_TIME_TEXT,
  NEUTRAL_FRAME,
  PII_NEGATIVES,
  PII_POSITIVES,
  SENTENCE_FRAME,
  VERSION,
} from '../test/moderation/pii-fixture.js';
import { printTable, withinBudget } from './stats.js';

type Check = (rule: Rule, content: string) => unknown;
const REGIONS = ['US', 'GB', 'DE', 'FR', 'IN', 'BR', null] as const;

/** Prints the PII tables and verdicts; returns whether the budgets held. */
export function piiFigures(check: Check): boolean {
  const rule = pii({ style: 'mask' });
  const outcome = (r: Rule, text: string) => check(r, text) as { kind: string; content?: string };
  // Masking keeps positions: a positive is found when exactly its text (and nothing else) is masked.
  const exactlyMasked = (text: string, match: string) => {
    const result = outcome(rule, text);
    if (result.kind !== 'edit') return false;
    const at = text.indexOf(match);
    const expected = text.slice(0, at) + match.replace(/[\p{L}\p{N}]/gu, '*') + text.slice(at + match.length);
    return result.content === expected;
  };
  const byEntity = new Map<PiiEntity, { found: number; total: number }>();
  for (const p of PII_POSITIVES) {
    const row = byEntity.get(p.entity) ?? { found: 0, total: 0 };
    row.total++;
    if (exactlyMasked(p.text, p.match)) row.found++;
    byEntity.set(p.entity, row);
  }
  const found = [...byEntity.values()].reduce((sum, r) => sum + r.found, 0);
  const recall = found / PII_POSITIVES.length;
  console.log(
    `\nPII recall on test/fixtures/moderation/pii-labelled.json (exact span; phones: ${PII_POSITIVES.filter((p) => p.entity === 'phone').length} = 20 regions x 6 formats + national forms and phones next to dates, times and reference-like words)`,
  );
  printTable(
    ['entity', 'found', 'recall'],
    [
      ...[...byEntity].map(([entity, r]) => [entity, `${r.found}/${r.total}`, (r.found / r.total).toFixed(3)]),
      ['all', `${found}/${PII_POSITIVES.length}`, recall.toFixed(3)],
    ],
  );

  // Negatives: no personal data, under several default regions.
  const categories = new Map<string, { redacted: number; total: number }>();
  for (const region of REGIONS) {
    const regional = pii({ defaultCountry: region });
    for (const n of PII_NEGATIVES) {
      const row = categories.get(n.category) ?? { redacted: 0, total: 0 };
      row.total++;
      if (outcome(regional, n.text).kind !== 'pass') row.redacted++;
      categories.set(n.category, row);
    }
  }
  // Generated: the fast-check arbitraries of test/moderation/pii-precision.test.ts, sampled with fixed seeds.
  const generated = {
    'date-time (generated)': fc
      .sample(fc.tuple(DATE_TIME_TEXT, SENTENCE_FRAME), { numRuns: 5000, seed: 101 })
      .map(([written, frame]) => frame.replace('{}', written)),
    'version (generated)': fc
      .sample(fc.tuple(VERSION, NEUTRAL_FRAME), { numRuns: 3000, seed: 102 })
      .map(([written, frame]) => frame.replace('{}', written)),
  };
  for (const [category, texts] of Object.entries(generated)) {
    let redacted = 0;
    for (const region of REGIONS) {
      const regional = pii({ defaultCountry: region });
      for (const text of texts) if (outcome(regional, text).kind !== 'pass') redacted++;
    }
    categories.set(category, { redacted, total: texts.length * REGIONS.length });
  }
  console.log(`\nPII precision: texts without personal data, each under defaultCountry ${REGIONS.join(', ')}`);
  printTable(
    ['category', 'redacted', 'of'],
    [...categories].map(([category, r]) => [category, r.redacted, r.total]),
  );
  const datesTimesVersions = [...categories]
    .filter(([category]) => /date|time|version|duration/.test(category))
    .reduce((sum, [, r]) => sum + r.redacted, 0);
  const allNegatives = [...categories].reduce((sum, [, r]) => sum + r.redacted, 0);
  return [
    withinBudget('1 - PII recall on the labelled positives (<= 0.01 means recall >= 0.99)', 1 - recall, 0.01),
    withinBudget('dates, times, durations and versions redacted (count)', datesTimesVersions, 0),
    withinBudget('other texts without personal data redacted (count)', allNegatives - datesTimesVersions, 0),
  ].every(Boolean);
}
