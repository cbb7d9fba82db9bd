import type { MessageOutcome } from '../local/flow/engine.js';
import { ChannelFlowError } from '../errors.js';
import type { ConsoleStatus, LabMetrics, LabResult, LabRow } from './api-types.js';
import type { ConsoleActions } from './actions.js';
import { EvalAction, isFlagged, LabelledFormat, parseLabelledFile, scoreResults } from '../local/eval/index.js';
import type { EvalOutcome, EvalResult } from '../local/eval/index.js';
import type { DetailsRecorder } from './details.js';

/** More lines than this are refused: the lab is for trying a policy, `eval` is for corpora. */
const LAB_MAX_LINES = 1000;
const PARALLEL = 8;

/** The lab's input cannot be used (too many lines, unknown processor). */
export class LabInputError extends ChannelFlowError {
  constructor(problem: string) {
    super(`Policy lab: ${problem}`);
    this.name = 'LabInputError';
  }
}

/** One line to try, with its label when the input has one. */
export interface LabItem {
  text: string;
  flag?: boolean;
}

/**
 * Reads pasted lines or a dropped file: JSON Lines of `{"text","flag"}` (every non-blank line
 * starts with `{`) go through the eval command's parser, so both faces read files the same way;
 * anything else is one message per non-blank line, unlabelled.
 *
 * @param input the pasted text or the file's content
 * @returns the items in order
 * @throws {LabInputError} past {@link LAB_MAX_LINES} lines
 * @throws {LabelledFileError} for JSON Lines with bad lines (listed by number)
 * @example
 * parseLabInput('hello\nwell darn it'); // [{ text: 'hello' }, { text: 'well darn it' }]
 */
export function parseLabInput(input: string): LabItem[] {
  const lines = input.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > LAB_MAX_LINES) throw new LabInputError(`${lines.length} lines; at most ${LAB_MAX_LINES}`);
  if (lines.length > 0 && lines.every((line) => line.trimStart().startsWith('{')))
    return parseLabelledFile(input, LabelledFormat.Jsonl).map(({ text, flag }) => ({ text, flag }));
  return lines.map((text) => ({ text }));
}

/** What the flow did, in the eval core's terms (a FAILED or STUCK message was never answered). */
function evalOutcome(row: LabRow): EvalOutcome {
  const action =
    row.status === 'DENIED'
      ? EvalAction.Deny
      : row.status === 'SENT'
        ? row.decision === 'update'
          ? EvalAction.Update
          : EvalAction.NoChange
        : EvalAction.NoCallback;
  return {
    action,
    ...(row.rule ? { rule: row.rule } : {}),
    ...(row.delivered !== undefined ? { content: row.delivered } : {}),
  };
}

/**
 * Precision, recall and the confusion matrix of the labelled rows, scored by the eval core
 * (`scoreResults`, the same code as `chime-channel-flow eval`).
 *
 * @param rows lab rows, some labelled
 * @returns the metrics, or undefined when no row is labelled
 * @example
 * labMetrics(rows)?.recall;
 */
export function labMetrics(rows: readonly LabRow[]): LabMetrics | undefined {
  const results: EvalResult[] = [];
  rows.forEach((row, index) => {
    if (row.flag === undefined) return;
    const outcome = evalOutcome(row);
    results.push({ line: index + 1, text: row.text, flag: row.flag, outcome, predicted: isFlagged(outcome) });
  });
  if (results.length === 0) return undefined;
  const report = scoreResults(results, { elapsedMs: 0, warmMs: 0, warmMessages: 0 });
  return {
    tp: report.truePositives,
    fp: report.falsePositives,
    tn: report.trueNegatives,
    fn: report.falseNegatives,
    precision: report.precision,
    recall: report.recall,
    f1: report.f1,
    falsePositiveRate: report.falsePositiveRate,
  };
}

/** What the lab needs from the emulator. */
export interface LabDeps {
  actions: ConsoleActions;
  details: DetailsRecorder;
  /** A channel (made once per processor) whose flow runs `processor`, and the user that sends to it. */
  labChannel(processor: string): Promise<{ channelArn: string; sender: string }>;
  waitForOutcome(channelArn: string, messageId: string, timeoutMs: number): Promise<MessageOutcome>;
  processors(): string[];
  /** Past this a line is reported STUCK. */
  stuckAfterMs: number;
}

/**
 * Sends every line through the real flow path (SendChannelMessage on a lab channel of the chosen
 * processor), waits for each outcome, and reports them with the rule that decided; labelled
 * input gets precision, recall and the confusion matrix, misclassified lines first.
 *
 * @param deps the emulator side
 * @param processor a mapped processor name
 * @param input pasted lines or a `.txt` / `.jsonl` file's content
 * @returns rows and metrics
 * @throws {LabInputError} for an unknown processor or too many lines
 * @example
 * const result = await runLab(deps, 'sample', 'well darn it');
 */
export async function runLab(deps: LabDeps, processor: string, input: string): Promise<LabResult> {
  if (!deps.processors().includes(processor)) throw new LabInputError(`no processor named "${processor}"`);
  const items = parseLabInput(input);
  const { channelArn, sender } = await deps.labChannel(processor);
  const rows: LabRow[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      rows[index] = await tryOne(deps, channelArn, sender, items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  const metrics = labMetrics(rows);
  // Misclassified first, then input order (sort is stable). Metrics mean labelled JSON Lines, where
  // the parser requires every line's flag: each row then has `misclassified`.
  const ordered = metrics ? [...rows].sort((a, b) => Number(b.misclassified) - Number(a.misclassified)) : rows;
  return { processor, rows: ordered, ...(metrics ? { metrics } : {}) };
}

async function tryOne(deps: LabDeps, channelArn: string, sender: string, item: LabItem): Promise<LabRow> {
  const label = item.flag === undefined ? {} : { flag: item.flag };
  const { messageId } = await deps.actions.send(channelArn, sender, item.text);
  let outcome: MessageOutcome;
  try {
    outcome = await deps.waitForOutcome(channelArn, messageId, deps.stuckAfterMs);
  } catch {
    // Never answered: as the eval command counts a missing callback, not flagged.
    return { text: item.text, ...label, status: 'STUCK', flagged: false, ...misclassified(item, false) };
  }
  const rule = await ruleOf(deps.details, outcome.callbackId);
  const row: LabRow = {
    text: item.text,
    ...label,
    status: outcome.status as ConsoleStatus,
    ...(outcome.content !== undefined ? { delivered: outcome.content } : {}),
    ...(rule ? { rule } : {}),
    decision: outcome.decision,
    latencyMs: outcome.latencyMs,
    flagged: false,
  };
  row.flagged = isFlagged(evalOutcome(row));
  return { ...row, ...misclassified(item, row.flagged) };
}

const misclassified = (item: LabItem, flagged: boolean) =>
  item.flag === undefined ? {} : { misclassified: item.flag !== flagged };

/** The handler's summary lands just after its callback: wait for it briefly (1 s at most). */
async function ruleOf(details: DetailsRecorder, callbackId: string): Promise<string | undefined> {
  for (let waited = 0; waited < 1000; waited += 10) {
    const record = details.get(callbackId);
    if (record?.processorMs !== undefined || record?.decision === 'fallback') return record.rule;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return details.get(callbackId)?.rule;
}
