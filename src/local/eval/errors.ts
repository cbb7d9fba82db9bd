import { ChannelFlowError } from '../../errors.js';

/** One unusable line of a labelled file: its 1-based line number and what is wrong (never its text). */
export interface BadLine {
  line: number;
  problem: string;
}

/**
 * A labelled file (`.jsonl` or `.csv`) has lines that cannot be read. Every bad line is
 * listed (up to {@link MAX_REPORTED_LINES}) with its 1-based line number.
 *
 * @example
 * try { parseLabelledFile('{"text":"hi"}', 'jsonl') } catch (e) { if (e instanceof LabelledFileError) console.log(e.lines) }
 */
export class LabelledFileError extends ChannelFlowError {
  /** The bad lines, first ones first. */
  declare readonly lines: readonly BadLine[];

  constructor(lines: readonly BadLine[], total = lines.length) {
    const shown = lines.slice(0, MAX_REPORTED_LINES);
    const more = total > shown.length ? `\n  ... and ${total - shown.length} more` : '';
    super(
      `Labelled file has ${total} bad line${total === 1 ? '' : 's'}:\n${shown.map((l) => `  line ${l.line}: ${l.problem}`).join('\n')}${more}`,
    );
    this.name = 'LabelledFileError';
    this.lines = shown;
  }
}

/** How many bad lines an error lists: enough to fix a file, not a wall of text. */
const MAX_REPORTED_LINES = 20;
