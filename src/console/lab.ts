import type { MessageOutcome } from '../local/flow/engine.js';
import { ChannelFlowError } from '../errors.js';
import type { ConsoleStatus, LabMetrics, LabResult, LabRow } from './api-types.js';
import type { ConsoleActions } from './actions.js';
import type { DetailsRecorder } from './details.js';

/** More lines than this are refused: the lab is for trying a policy, `eval` is for corpora. */
export const LAB_MAX_LINES = 1000;
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
 * Reads pasted lines or a dropped file: a line that is a JSON object with a string `text` is
 * labelled by its boolean `flag` (JSON Lines); any other non-blank line is a message as is.
 *
 * @param input the pasted text or the file's content
 * @returns the items in order
 * @throws {LabInputError} past {@link LAB_MAX_LINES} lines
 * @example
 * parseLabInput('hello\n{"text":"well darn it","flag":true}'); // [{ text: 'hello' }, { text: 'well darn it', flag: true }]
 */
export function parseLabInput(input: string): LabItem[] {
  const items: LabItem[] = [];
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    let item: LabItem = { text: raw };
    if (line.startsWith('{')) {
      try {
        const parsed = JSON.parse(line) as { text?: unknown; flag?: unknown };
        if (typeof parsed.text === 'string')
          item = typeof parsed.flag === 'boolean' ? { text: parsed.text, flag: parsed.flag } : { text: parsed.text };
      } catch {
        // Not JSON: the line is a message that starts with "{".
      }
    }
    if (item.text.trim() !== '') items.push(item);
  }
  if (items.length > LAB_MAX_LINES) throw new LabInputError(`${items.length} lines; at most ${LAB_MAX_LINES}`);
  return items;
}

/**
 * Precision and recall of "the processor flagged it" against the labels (labelled rows only).
 *
 * @param rows lab rows, some with `flag`
 * @returns the confusion matrix and rates, or undefined when no row is labelled
 * @example
 * labMetrics([{ flag: true, flagged: true }]); // { tp: 1, fp: 0, tn: 0, fn: 0, precision: 1, recall: 1 }
 */
export function labMetrics(rows: ReadonlyArray<Pick<LabRow, 'flag' | 'flagged'>>): LabMetrics | undefined {
  const labelled = rows.filter((row) => row.flag !== undefined);
  if (labelled.length === 0) return undefined;
  const count = (flag: boolean, flagged: boolean) =>
    labelled.filter((row) => row.flag === flag && row.flagged === flagged).length;
  const tp = count(true, true);
  const fp = count(false, true);
  const tn = count(false, false);
  const fn = count(true, false);
  return {
    tp,
    fp,
    tn,
    fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
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
  // Misclassified first, then input order (sort is stable).
  const ordered = metrics
    ? [...rows].sort((a, b) => Number(b.misclassified ?? false) - Number(a.misclassified ?? false))
    : rows;
  return { processor, rows: ordered, ...(metrics ? { metrics } : {}) };
}

async function tryOne(deps: LabDeps, channelArn: string, sender: string, item: LabItem): Promise<LabRow> {
  const label = item.flag === undefined ? {} : { flag: item.flag };
  const { messageId } = await deps.actions.send(channelArn, sender, item.text);
  let outcome: MessageOutcome;
  try {
    outcome = await deps.waitForOutcome(channelArn, messageId, deps.stuckAfterMs);
  } catch {
    const flagged = true;
    return { text: item.text, ...label, status: 'STUCK', flagged, ...misclassified(item, flagged) };
  }
  const rule = await ruleOf(deps.details, outcome.callbackId);
  const flagged = outcome.status !== 'SENT' || outcome.decision === 'update';
  return {
    text: item.text,
    ...label,
    status: outcome.status as ConsoleStatus,
    ...(outcome.content !== undefined ? { delivered: outcome.content } : {}),
    ...(rule ? { rule } : {}),
    decision: outcome.decision,
    latencyMs: outcome.latencyMs,
    flagged,
    ...misclassified(item, flagged),
  };
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
