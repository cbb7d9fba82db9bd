import { readFile } from 'node:fs/promises';
import { formatEvalReport } from './format.js';
import { lambdaClassifier } from './lambda-classifier.js';
import { type LabelledFormat, parseLabelledFile } from './labelled-file.js';
import { evaluate } from './run.js';
import { type EvalReport, missedThresholds } from './score.js';

/** What `chime-channel-flow eval` was asked, validated by the CLI. */
export interface EvalCommand {
  file: string;
  format: LabelledFormat;
  /** `PATH[#EXPORT]` of the processor module. */
  processor: string;
  json: boolean;
  minRecall?: number;
  maxFalsePositiveRate?: number;
  functionTimeoutMs?: number;
}

/**
 * Runs the processor over the labelled file while whatever it prints goes to stderr,
 * so stdout carries only the report (`--json` stays parseable).
 */
async function runQuietly(command: EvalCommand, text: string): Promise<EvalReport> {
  const messages = parseLabelledFile(text, command.format);
  const lambda = await lambdaClassifier(command.processor, command.functionTimeoutMs);
  const stdoutWrite = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await evaluate(messages, lambda.classify);
  } finally {
    process.stdout.write = stdoutWrite;
    await lambda.close();
  }
}

/**
 * `chime-channel-flow eval`: scores a processor on a labelled file and prints the report
 * (text, or one JSON object with `--json`).
 *
 * @param command the validated arguments
 * @returns the exit code: 0, or 1 when a threshold is missed
 * @throws {LabelledFileError} for bad lines (with their numbers); {@link ProcessorLoadError} for a bad module
 * @example
 * process.exitCode = await runEvalCommand({ file: 'chat.jsonl', format: 'jsonl', processor: './handler.ts', json: true });
 */
export async function runEvalCommand(command: EvalCommand): Promise<number> {
  const text = await readFile(command.file, 'utf8');
  const report = await runQuietly(command, text);
  const missed = missedThresholds(report, {
    minRecall: command.minRecall,
    maxFalsePositiveRate: command.maxFalsePositiveRate,
  });
  if (command.json) {
    console.log(JSON.stringify({ ...report, passed: missed.length === 0, missedThresholds: missed }));
  } else {
    console.log(formatEvalReport(report));
  }
  for (const line of missed) console.error(`threshold missed: ${line}`);
  return missed.length === 0 ? 0 : 1;
}
