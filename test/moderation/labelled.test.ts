// Precision and recall of links(), spam() and keywords() on the labelled fixture.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { keywords, links, spam, type Rule } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';

interface Labelled {
  flag: string[];
  pass: string[];
  config?: { words: string[]; patterns: string[] };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/moderation/labelled.json', import.meta.url), 'utf8')) as {
  rules: Record<string, Labelled>;
};

/** Flagged (edited or denied) by the rule. */
const flags = (rule: Rule, text: string) => runSync(rule, text).kind !== 'pass';

function precisionRecall(
  rule: Rule,
  labelled: Labelled,
): { precision: number; recall: number; missed: string[]; wrong: string[] } {
  const missed = labelled.flag.filter((text) => !flags(rule, text));
  const wrong = labelled.pass.filter((text) => flags(rule, text));
  const tp = labelled.flag.length - missed.length;
  return { precision: tp / Math.max(1, tp + wrong.length), recall: tp / labelled.flag.length, missed, wrong };
}

const keywordConfig = fixture.rules.keywords!.config!;
const RULES: Record<string, Rule> = { links: links(), spam: spam(), keywords: keywords(keywordConfig) };

describe.each(Object.entries(RULES))('%s on the labelled fixture', (name, rule) => {
  it('flags every "flag" message and none of the "pass" ones', () => {
    const result = precisionRecall(rule, fixture.rules[name]!);
    expect({ missed: result.missed, wrong: result.wrong }).toEqual({ missed: [], wrong: [] });
  });
});
