import type { EvalReport } from './score.js';

const fixed = (value: number) => value.toFixed(3);
/** One line of a table cell: line breaks and tabs shown, long text cut. */
const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The report as text for a terminal: the confusion matrix, the scores, actions, per-rule
 * counts, the misclassified lines and the rate. Pure.
 *
 * @param report a scored evaluation
 * @returns the text, lines joined by `\n`
 * @example
 * console.log(formatEvalReport(await evaluate(messages, classify)));
 */
export function formatEvalReport(report: EvalReport): string {
  const out: string[] = [];
  out.push(`${report.total} messages`, '');
  out.push(
    ...table([
      ['', 'flagged', 'passed'],
      ['labelled flag', `TP ${report.truePositives}`, `FN ${report.falseNegatives}`],
      ['labelled pass', `FP ${report.falsePositives}`, `TN ${report.trueNegatives}`],
    ]),
    '',
  );
  out.push(
    ...table([
      ['precision', fixed(report.precision)],
      ['recall', fixed(report.recall)],
      ['F1', fixed(report.f1)],
      ['false-positive rate', fixed(report.falsePositiveRate)],
      ['accuracy', fixed(report.accuracy)],
    ]),
    '',
  );
  const { deny, update, noChange, noCallback } = report.actions;
  out.push(`actions: ${deny} denied, ${update} changed, ${noChange} unchanged, ${noCallback} without a callback`);
  const rules = Object.entries(report.rules).sort(([, a], [, b]) => b.flagged - a.flagged);
  if (rules.length > 0) {
    out.push('', 'per rule (messages it flagged):');
    out.push(
      ...table([
        ['rule', 'flagged', 'labelled flag', 'labelled pass'],
        ...rules.map(([name, c]) => [name, String(c.flagged), String(c.truePositives), String(c.falsePositives)]),
      ]).map((line) => `  ${line}`),
    );
  }
  if (report.misclassified.length > 0) {
    const missed = report.falseNegatives + report.falsePositives;
    out.push('', `misclassified (${report.misclassified.length} of ${missed}):`);
    for (const m of report.misclassified) {
      const what = m.flag ? `missed (${m.action})` : `false ${m.action}${m.rule ? ` by ${m.rule}` : ''}`;
      out.push(`  line ${m.line}: ${what}: ${oneLine(m.text, 100)}`);
    }
  }
  out.push(
    '',
    `${Math.round(report.messagesPerSecond)} messages/s after the first (cold) one; ${report.elapsedMs.toFixed(0)} ms in all`,
  );
  return out.join('\n');
}
