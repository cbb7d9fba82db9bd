// The evaluation core (src/local/eval): labelled-file parsing (JSONL, RFC 4180 CSV), scoring, thresholds.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  EvalAction,
  evaluate,
  formatEvalReport,
  LabelledFileError,
  labelledFormatOf,
  missedThresholds,
  parseCsv,
  parseLabelledFile,
  type EvalOutcome,
} from '../../src/local/eval/index.js';

const badLines = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabelledFileError);
    return (error as LabelledFileError).lines;
  }
  throw new Error('expected a LabelledFileError');
};

describe('parseLabelledFile (jsonl)', () => {
  it('reads text and flag a line, skips blank lines, keeps 1-based line numbers', () => {
    const messages = parseLabelledFile('{"text":"a","flag":true}\n\n{"text":"b","flag":false,"note":"x"}\r\n', 'jsonl');
    expect(messages).toEqual([
      { line: 1, text: 'a', flag: true },
      { line: 3, text: 'b', flag: false },
    ]);
  });

  it('lists every bad line with its number and problem, never its text', () => {
    const lines = badLines(() =>
      parseLabelledFile(
        '{"text":"ok","flag":true}\nsecret words\n{"text":"x","flag":"yes"}\n[1]\n{"text":"","flag":false}\n{"flag":true}\n',
        'jsonl',
      ),
    );
    expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6]);
    expect(lines[0]!.problem).toBe('not valid JSON');
    expect(lines[1]!.problem).toMatch(/flag/);
    expect(lines[4]!.problem).toMatch(/text/);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('refuses a text over the 4096-byte message limit and an empty file', () => {
    expect(
      badLines(() => parseLabelledFile(`{"text":"${'é'.repeat(2049)}","flag":true}`, 'jsonl'))[0]!.problem,
    ).toMatch(/4096/);
    expect(badLines(() => parseLabelledFile('\n\n', 'jsonl'))[0]!.problem).toMatch(/no labelled message/);
  });
});

describe('parseLabelledFile (csv)', () => {
  it('handles quoted commas, doubled quotes, line breaks inside quotes and a header in any order', () => {
    const csv = 'flag,text\r\ntrue,"call me, please"\nfalse,"she said ""hi"""\nno,"two\nlines"\n1,plain\n';
    expect(parseLabelledFile(csv, 'csv')).toEqual([
      { line: 2, text: 'call me, please', flag: true },
      { line: 3, text: 'she said "hi"', flag: false },
      { line: 4, text: 'two\nlines', flag: false },
      { line: 6, text: 'plain', flag: true },
    ]);
  });

  it('reads text,flag without a header', () => {
    expect(parseLabelledFile('hello,false\n"a,b",TRUE', 'csv')).toEqual([
      { line: 1, text: 'hello', flag: false },
      { line: 2, text: 'a,b', flag: true },
    ]);
  });

  it('reports the line numbers of an unterminated quote, a stray quote, a missing column and a bad flag', () => {
    const csv = 'text,flag\nok,true\nsays "hi",true\n"closed" x,false\nno flag here\nfine,maybe\n"never closed,true\n';
    const lines = badLines(() => parseLabelledFile(csv, 'csv'));
    expect(lines.map((l) => l.line)).toEqual([3, 4, 5, 6, 7]);
    expect(lines.map((l) => l.problem)).toEqual([
      expect.stringMatching(/inside an unquoted field/),
      expect.stringMatching(/after a closing quote/),
      expect.stringMatching(/columns text,flag/),
      expect.stringMatching(/flag must be/),
      expect.stringMatching(/never closed/),
    ]);
  });

  it('fuzz: any texts written with RFC 4180 quoting read back exactly', () => {
    const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.boolean()), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const csv = `text,flag${eol}${rows.map(([t, f]) => `${quote(t)},${f}`).join(eol)}${eol}`;
          const parsed = parseLabelledFile(csv, 'csv');
          expect(parsed.map((m) => [m.text, m.flag])).toEqual(rows);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });

  it('fuzz: parseCsv never throws and reports lines within the file', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' '), maxLength: 60 }), (text) => {
        const { records, bad } = parseCsv(text);
        const lines = text.split('\n').length;
        for (const { line } of [...records, ...bad]) expect(line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('evaluate and score', () => {
  const outcome = (text: string): EvalOutcome =>
    text.startsWith('deny')
      ? { action: EvalAction.Deny, rule: 'keywords' }
      : text.startsWith('edit')
        ? { action: EvalAction.Update, rule: 'pii,links', content: '[x]' }
        : { action: EvalAction.NoChange };

  it('counts the confusion matrix, the ratios, per-rule counts and the misclassified lines', async () => {
    const messages = parseLabelledFile(
      ['deny a,true', 'edit b,true', 'edit c,false', 'pass d,true', 'pass e,false', 'pass f,false'].join('\n'),
      'csv',
    );
    let clock = 0;
    const report = await evaluate(messages, outcome, () => (clock += 250));
    expect(report).toMatchObject({
      total: 6,
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 2,
      falseNegatives: 1,
      actions: { deny: 1, update: 2, noChange: 3, noCallback: 0 },
      rules: {
        keywords: { flagged: 1, truePositives: 1, falsePositives: 0 },
        pii: { flagged: 2, truePositives: 1, falsePositives: 1 },
        links: { flagged: 2, truePositives: 1, falsePositives: 1 },
      },
      // Clock reads: 250 at the start, 500 after the first (cold) message, 750 at the end.
      elapsedMs: 500,
      messagesPerSecond: 20,
    });
    expect(report.precision).toBeCloseTo(2 / 3);
    expect(report.recall).toBeCloseTo(2 / 3);
    expect(report.f1).toBeCloseTo(2 / 3);
    expect(report.falsePositiveRate).toBeCloseTo(1 / 3);
    expect(report.misclassified.map((m) => [m.line, m.action])).toEqual([
      [3, 'update'],
      [4, 'noChange'],
    ]);
    expect(missedThresholds(report, { minRecall: 0.6, maxFalsePositiveRate: 0.4 })).toEqual([]);
    expect(missedThresholds(report, { minRecall: 0.7, maxFalsePositiveRate: 0.3 })).toHaveLength(2);
    const text = formatEvalReport(report);
    expect(text).toMatch(/TP 2 +FN 1/);
    expect(text).toMatch(/line 3: false update by pii,links: edit c/);
  });

  it('keeps at most 20 misclassified lines, and vacuous ratios are 1 (precision, recall) and 0 (FPR)', async () => {
    const messages = Array.from({ length: 30 }, (_, k) => ({ line: k + 1, text: `pass ${k}`, flag: true }));
    const report = await evaluate(messages, outcome);
    expect(report.misclassified).toHaveLength(20);
    expect(report.precision).toBe(1);
    expect(report.recall).toBe(0);
    expect(report.falsePositiveRate).toBe(0);
  });

  it('a rule named __proto__ is counted as any other', async () => {
    const report = await evaluate([{ line: 1, text: 'x', flag: false }], () => ({
      action: EvalAction.Deny,
      rule: '__proto__',
    }));
    expect(Object.keys(report.rules)).toEqual(['__proto__']);
  });

  it('tells formats by extension', () => {
    expect([
      labelledFormatOf('a.JSONL'),
      labelledFormatOf('b.ndjson'),
      labelledFormatOf('c.csv'),
      labelledFormatOf('d.txt'),
    ]).toEqual(['jsonl', 'jsonl', 'csv', undefined]);
  });
});
