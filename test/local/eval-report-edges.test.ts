import { describe, expect, it } from '@jest/globals';
import { formatEvalReport } from '../../src/local/eval/format.js';
import { EvalAction, scoreResults } from '../../src/local/eval/score.js';
import type { EvalResult } from '../../src/local/eval/score.js';

// Edges of the eval report: a processor's rule list with empty parts, a run too short to time,
// and misclassified lines without a rule or with long multi-line text.
describe('eval report edges', () => {
  it('ignores empty names in a rule list and reports 0 messages per second when nothing was timed', () => {
    // Prepare
    const results: EvalResult[] = [
      { line: 1, text: 'bad', flag: true, predicted: true, outcome: { action: EvalAction.Deny, rule: 'keywords, ,' } },
    ];
    // Act
    const report = scoreResults(results, { elapsedMs: 0, warmMs: 0, warmMessages: 0 });
    // Assess
    expect(Object.keys(report.rules)).toEqual(['keywords']);
    expect(report.messagesPerSecond).toBe(0);
  });

  it('shows a false positive without a rule, and cuts long text to one line of 100 characters', () => {
    // Prepare
    const long = `first line\n${'x'.repeat(150)}`;
    const results: EvalResult[] = [
      { line: 7, text: long, flag: false, predicted: true, outcome: { action: EvalAction.Deny } },
    ];
    // Act
    const text = formatEvalReport(scoreResults(results, { elapsedMs: 10, warmMs: 10, warmMessages: 1 }));
    // Assess
    const line = text.split('\n').find((l) => l.startsWith('  line 7:'));
    expect(line).toBe(`  line 7: false deny: ${`first line\\n${'x'.repeat(150)}`.slice(0, 99)}…`);
  });
});
