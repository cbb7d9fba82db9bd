// Small helpers shared by the benchmark suites.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Prints rows as an aligned Markdown table (pasteable into the README). */
export function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of cells.slice(1)) console.log(line(row));
}

/** Checks a budget, prints the verdict, and returns whether it held. */
export function withinBudget(label: string, value: number, budget: number, unit = ''): boolean {
  const ok = value <= budget;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${label}: ${value.toFixed(3)}${unit} (budget <= ${budget}${unit})`);
  return ok;
}

/**
 * The load baseline: one RegExp pass over `text` that visits every word (`/[a-z]+/gi`),
 * the simplest scan any rule must at least do. Timed in the same run, interleaved with the
 * measured code, it slows down with the machine, so (rule time / baseline time) is a figure
 * a loaded machine barely moves.
 */
const WORDS = /[a-z]+/gi;
let baselineSink = 0;
export function baselineScan(text: string): number {
  WORDS.lastIndex = 0;
  let count = 0;
  while (WORDS.exec(text) !== null) count++;
  baselineSink += count;
  return baselineSink;
}

/**
 * The baseline scan's CPU time per 1 KB of chat on a quiet machine (us), measured with
 * `taskset -c 1` as the best median of several runs: the scale that turns a ratio to the
 * baseline back into microseconds for a load-adjusted verdict.
 */
export const QUIET_BASELINE_US_PER_KB = 6.2;

/**
 * Prints the absolute verdict and, beside it, the load-adjusted one (ratio to the baseline
 * measured in the same run, scaled by {@link QUIET_BASELINE_US_PER_KB}); returns whether the
 * load-adjusted figure is within the budget (a loaded machine slows both by the same factor).
 */
export function withinBudgetNormalised(label: string, us: number, baselineUs: number, budgetUs: number): boolean {
  const ratio = us / baselineUs;
  const adjusted = ratio * QUIET_BASELINE_US_PER_KB;
  withinBudget(label, us, budgetUs, ' us');
  const ok = adjusted <= budgetUs;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${label}, load-adjusted: ${ratio.toFixed(2)}x the baseline scan (${baselineUs.toFixed(2)} us this run) = ${adjusted.toFixed(2)} us at ${QUIET_BASELINE_US_PER_KB} us/KB (budget <= ${budgetUs} us)`,
  );
  return ok;
}
