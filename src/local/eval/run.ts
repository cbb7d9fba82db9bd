import type { LabelledMessage } from './labelled-file.js';
import { type EvalOutcome, type EvalReport, type EvalResult, isFlagged, scoreResults } from './score.js';

/** Decides one message: a Lambda invocation (the CLI), a rule chain (a browser), a stub (a test). */
export type Classify = (text: string) => EvalOutcome | Promise<EvalOutcome>;

/**
 * Runs every labelled message through `classify`, one after the other (as one warm Lambda
 * container would), and scores the outcomes. Messages per second leave out the first message,
 * which pays the cold start. No I/O of its own: usable in a browser.
 *
 * @param messages labelled messages, e.g. from {@link parseLabelledFile}
 * @param classify what decides one message
 * @param now the clock for messages per second (default `performance.now`)
 * @returns the scored report
 * @example
 * const report = await evaluate(parseLabelledFile(text, 'jsonl'), (t) => ({ action: t.includes('@') ? 'update' : 'noChange' }));
 */
export async function evaluate(
  messages: readonly LabelledMessage[],
  classify: Classify,
  now: () => number = () => performance.now(),
): Promise<EvalReport> {
  const results: EvalResult[] = [];
  const first = now();
  let started = first;
  for (const message of messages) {
    const outcome = await classify(message.text);
    results.push({ ...message, outcome, predicted: isFlagged(outcome) });
    // The first message pays the cold start (imports, the SDK client): the rate is the warm one.
    if (results.length === 1 && messages.length > 1) started = now();
  }
  const end = now();
  const warm = messages.length > 1 ? messages.length - 1 : messages.length;
  return scoreResults(results, { elapsedMs: end - first, warmMs: end - started, warmMessages: warm });
}
