// The evaluation core: read a labelled file, run it through a classifier, score it.
// Pure (no Node built-ins): the CLI's `eval` command and the browser console both use it.
export { parseLabelledFile, labelledFormatOf, LabelledFormat } from './labelled-file.js';
export { parseCsv } from './csv.js';
export { evaluate } from './run.js';
export { scoreResults, missedThresholds, isFlagged, EvalAction } from './score.js';
export type { EvalOutcome, EvalResult } from './score.js';
export { formatEvalReport } from './format.js';
export { LabelledFileError } from './errors.js';
