// The evaluation core: read a labelled file, run it through a classifier, score it.
// Pure (no Node built-ins): the CLI's `eval` command and the browser console both use it.
export { parseLabelledFile, labelledFormatOf, LabelledFormat } from './labelled-file.js';
export type { LabelledMessage } from './labelled-file.js';
export { parseCsv } from './csv.js';
export type { CsvRecord } from './csv.js';
export { evaluate } from './run.js';
export type { Classify } from './run.js';
export { scoreResults, missedThresholds, isFlagged, EvalAction, MAX_MISCLASSIFIED } from './score.js';
export type {
  EvalOutcome,
  EvalReport,
  EvalResult,
  EvalThresholds,
  EvalTiming,
  Misclassified,
  RuleCounts,
} from './score.js';
export { formatEvalReport } from './format.js';
export { LabelledFileError, MAX_REPORTED_LINES } from './errors.js';
export type { BadLine } from './errors.js';
