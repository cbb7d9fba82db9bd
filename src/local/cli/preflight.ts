// `dev` and `emulator` load every processor once before serving, so a processor that cannot load
// stops the command with one plain sentence instead of a fallback per message and a JSON warning.
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChannelFlowError } from '../../errors.js';
import { loadProcessor } from '../flow/processors.js';

/** A processor that cannot load, explained for a person: where, what went wrong, how to fix it. */
export class ProcessorPreflightError extends ChannelFlowError {
  readonly file: string;
  readonly exportName: string;

  constructor(file: string, exportName: string, reason: string, fix: string, options?: { cause?: unknown }) {
    super(`cannot load processor ${file} (export "${exportName}"): ${reason}. Fix: ${fix}.`, options);
    this.name = 'ProcessorPreflightError';
    this.file = file;
    this.exportName = exportName;
  }
}

const TS_FILE = /\.(c|m)?tsx?$/;

/** The first line of an error worth reading: esbuild/tsx put "Transform failed" above the real one. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Transform failed with \d+ errors?:?$/.test(line));
  const line = (lines[0] ?? (error instanceof Error ? error.name : 'unknown error')).replace(/\.$/, '');
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

function split(source: string): { path: string; exportName: string } {
  const hash = source.lastIndexOf('#');
  return hash > 0
    ? { path: source.slice(0, hash), exportName: source.slice(hash + 1) }
    : { path: source, exportName: 'handler' };
}

/** Where V8 found a syntax error: the first stack line of an ESM SyntaxError is `file:///path:LINE`. */
function syntaxPlace(error: unknown): string {
  const top = error instanceof SyntaxError ? (error.stack ?? '').split('\n')[0] : undefined;
  const match = top === undefined ? null : /^(file:\/\/\S+):(\d+)$/.exec(top);
  return match ? ` (line ${match[2]} of ${fileURLToPath(match[1] ?? '')})` : '';
}

/** The innermost cause of a load error: the processor's own error, not our wrapper. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof ChannelFlowError && current.cause !== undefined) current = current.cause;
  return current;
}

/**
 * Loads a processor (`PATH[#EXPORT]`) the way the emulator will, and turns any failure into a
 * {@link ProcessorPreflightError} whose message names the file, the export, the error's first line
 * and the fix.
 *
 * @param source - `PATH[#EXPORT]` as given on the command line
 * @param cwd - the folder relative paths start from
 * @returns resolves when the processor loads and its export is a function
 * @throws {ProcessorPreflightError} when it cannot load
 * @example
 * await preflightProcessor('examples/profanity-mask/handler.ts');
 */
export async function preflightProcessor(source: string, cwd = process.cwd()): Promise<void> {
  const { path, exportName } = split(source);
  const file = resolve(cwd, path);
  const shown = isAbsolute(path) ? file : relative(cwd, file) || path;
  if (!existsSync(file))
    throw new ProcessorPreflightError(shown, exportName, 'no such file', `check the path; it is read from ${cwd}`);
  try {
    await loadProcessor('dev', source, cwd);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause = rootCause(error);
    if (/is not a function/.test(message) && cause === error)
      throw new ProcessorPreflightError(
        shown,
        exportName,
        `the module has no function exported as "${exportName}"`,
        `export it (export const ${exportName} = channelFlowProcessor(...)) or name the export: ${path}#NAME`,
        { cause: error },
      );
    if (/need the "tsx" package/.test(message))
      throw new ProcessorPreflightError(
        shown,
        exportName,
        'TypeScript needs a loader and "tsx" is not installed',
        'install tsx to load .ts processors (npm install --save-dev tsx), or point at a built .js file',
        { cause: error },
      );
    const syntax = cause instanceof SyntaxError || /Transform failed|ERROR:/.test(message);
    throw new ProcessorPreflightError(
      shown,
      exportName,
      `${syntax ? 'it does not compile' : 'importing it threw'}: ${firstLine(cause)}${syntaxPlace(cause)}`,
      syntax
        ? 'correct the syntax at the place named'
        : `make the module load without throwing (run it with node${TS_FILE.test(file) ? ' --import tsx' : ''} ${path} to see the whole error)`,
      { cause },
    );
  }
}

/** What `dev` prints for a message its processor never answered. */
export const NEVER_ANSWERED_HINT =
  'the processor ran but never sent a ChannelFlowCallback, so the message stays PENDING (on AWS, for up to 48 hours). ' +
  "Wrap the handler with channelFlowProcessor(...) from 'chime-channel-flow': it always answers, before the deadline.";
