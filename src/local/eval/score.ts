import type { LabelledMessage } from './labelled-file.js';

/**
 * What the processor did with one message, read from its ChannelFlowCallback:
 * `deny` (DeleteResource), `update` (the content changed), `noChange`, or `noCallback`
 * (the invocation failed without answering: the message would stay PENDING).
 */
export const EvalAction = { Deny: 'deny', Update: 'update', NoChange: 'noChange', NoCallback: 'noCallback' } as const;
export type EvalAction = (typeof EvalAction)[keyof typeof EvalAction];

/** The outcome of one message. */
export interface EvalOutcome {
  action: EvalAction;
  /** The rule (or rules, comma-separated) that decided, when the processor says. */
  rule?: string;
  /** The content delivered, for an update. */
  content?: string;
}

/** A message, its label and what the processor did. */
export interface EvalResult extends LabelledMessage {
  outcome: EvalOutcome;
  /** The processor changed or denied it. */
  predicted: boolean;
}

/** Per rule: messages it decided, and how many of those were labelled flag / not flag. */
interface RuleCounts {
  flagged: number;
  truePositives: number;
  falsePositives: number;
}

/** One line the processor got wrong. */
interface Misclassified {
  line: number;
  text: string;
  flag: boolean;
  action: EvalAction;
  rule?: string;
  content?: string;
}

/** The scores of one evaluation. Ratios with an empty denominator are 1 (precision, recall) or 0 (false-positive rate). */
export interface EvalReport {
  total: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  accuracy: number;
  actions: Record<EvalAction, number>;
  rules: Record<string, RuleCounts>;
  /** The first {@link MAX_MISCLASSIFIED} misclassified lines, in file order. */
  misclassified: Misclassified[];
  /** Wall time of the whole run, first (cold) message included. */
  elapsedMs: number;
  /** Messages per second after the first message. */
  messagesPerSecond: number;
}

const MAX_MISCLASSIFIED = 20;

/** Wall time of a run: all of it, and the warm part after the first (cold) message. */
export interface EvalTiming {
  elapsedMs: number;
  warmMs: number;
  warmMessages: number;
}

/** Whether an outcome counts as flagged: the message was denied or its content changed. */
export const isFlagged = (outcome: EvalOutcome): boolean =>
  outcome.action === EvalAction.Deny || outcome.action === EvalAction.Update;

const ratio = (numerator: number, denominator: number, empty: number) =>
  denominator === 0 ? empty : numerator / denominator;

/**
 * Scores results against their labels: the confusion matrix, precision, recall, F1,
 * false-positive rate, per-rule counts and the first misclassified lines. Pure.
 *
 * @param results one per labelled message, in file order
 * @param timing how long the run took, and its warm part (for messages per second)
 * @returns the report
 * @example
 * const report = scoreResults(results, { elapsedMs: 130, warmMs: 120, warmMessages: 99 });
 * console.log(report.recall, report.falsePositiveRate);
 */
export function scoreResults(results: readonly EvalResult[], timing: EvalTiming): EvalReport {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const actions: Record<EvalAction, number> = { deny: 0, update: 0, noChange: 0, noCallback: 0 };
  const rules = new Map<string, RuleCounts>();
  const misclassified: Misclassified[] = [];
  for (const result of results) {
    const { flag, predicted, outcome } = result;
    actions[outcome.action]++;
    if (predicted && flag) tp++;
    else if (predicted) fp++;
    else if (flag) fn++;
    else tn++;
    if (predicted && outcome.rule !== undefined) {
      for (const name of outcome.rule.split(',')) {
        const rule = name.trim();
        if (rule === '') continue;
        let counts = rules.get(rule);
        if (counts === undefined) {
          counts = { flagged: 0, truePositives: 0, falsePositives: 0 };
          rules.set(rule, counts);
        }
        counts.flagged++;
        if (flag) counts.truePositives++;
        else counts.falsePositives++;
      }
    }
    if (predicted !== flag && misclassified.length < MAX_MISCLASSIFIED) {
      const wrong: Misclassified = { line: result.line, text: result.text, flag, action: outcome.action };
      if (outcome.rule !== undefined) wrong.rule = outcome.rule;
      if (outcome.content !== undefined) wrong.content = outcome.content;
      misclassified.push(wrong);
    }
  }
  const precision = ratio(tp, tp + fp, 1);
  const recall = ratio(tp, tp + fn, 1);
  return {
    total: results.length,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall, 0),
    falsePositiveRate: ratio(fp, fp + tn, 0),
    accuracy: ratio(tp + tn, results.length, 1),
    actions,
    // fromEntries defines own properties: a rule named `__proto__` stays a plain key.
    rules: Object.fromEntries(rules),
    misclassified,
    elapsedMs: timing.elapsedMs,
    messagesPerSecond: timing.warmMs > 0 ? timing.warmMessages / (timing.warmMs / 1000) : 0,
  };
}

/** Thresholds for CI: the run fails when recall is below or the false-positive rate above. */
export interface EvalThresholds {
  minRecall?: number;
  maxFalsePositiveRate?: number;
}

/**
 * The thresholds a report misses, as sentences (empty when all hold).
 *
 * @param report a scored evaluation
 * @param thresholds the floors and ceilings to check
 * @returns one line per missed threshold
 * @example
 * missedThresholds(report, { minRecall: 0.95, maxFalsePositiveRate: 0.01 }); // ['recall 0.900 < 0.95']
 */
export function missedThresholds(report: EvalReport, thresholds: EvalThresholds): string[] {
  const missed: string[] = [];
  if (thresholds.minRecall !== undefined && report.recall < thresholds.minRecall)
    missed.push(`recall ${report.recall.toFixed(3)} < ${thresholds.minRecall} (--min-recall)`);
  if (thresholds.maxFalsePositiveRate !== undefined && report.falsePositiveRate > thresholds.maxFalsePositiveRate)
    missed.push(
      `false-positive rate ${report.falsePositiveRate.toFixed(3)} > ${thresholds.maxFalsePositiveRate} (--max-fpr)`,
    );
  return missed;
}
