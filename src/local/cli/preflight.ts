// `dev` and `emulator` check every processor once before serving, so a processor that cannot load
// stops the command with one plain sentence instead of a fallback per message and a JSON warning.
// The check loads it as the emulator runs it (checkProcessorLoads: a worker of its own, closed after),
// so nothing of the user's module runs in the CLI's own process.
import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { ChannelFlowError } from '../../errors.js';
import { ProcessorLoadError } from '../errors.js';
import { checkProcessorLoads } from '../flow/processors.js';

/** A processor that cannot load, explained for a person: where, what went wrong, how to fix it. */
class ProcessorPreflightError extends ChannelFlowError {
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

function split(source: string): { path: string; exportName: string } {
  const hash = source.lastIndexOf('#');
  return hash > 0
    ? { path: source.slice(0, hash), exportName: source.slice(hash + 1) }
    : { path: source, exportName: 'handler' };
}

const clip = (line: string) => (line.length > 240 ? `${line.slice(0, 239)}…` : line).replace(/\.$/, '');

/**
 * Where a module fails to parse, as `file:line:col: message`, or undefined when it parses (or esbuild,
 * which tsx brings along, is not installed). Parsing only: nothing runs.
 */
async function syntaxError(file: string, label = file): Promise<string | undefined> {
  let esbuild: { transform: (code: string, options: Record<string, unknown>) => Promise<unknown> };
  try {
    esbuild = (await import('esbuild')) as typeof esbuild;
  } catch {
    return undefined;
  }
  const extension = extname(file).replace(/^\.[cm]?/, '');
  const loader = extension === 'tsx' || extension === 'jsx' ? extension : TS_FILE.test(file) ? 'ts' : 'js';
  try {
    await esbuild.transform(readFileSync(file, 'utf8'), {
      loader,
      format: 'esm',
      sourcefile: file,
      logLevel: 'silent',
    });
    return undefined;
  } catch (error) {
    const [first] = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } }> })
      .errors ?? [{ text: 'it does not parse' }];
    const at = first?.location ? `:${first.location.line}:${first.location.column + 1}` : '';
    return `${label}${at}: ${first?.text ?? 'it does not parse'}`;
  }
}

/**
 * Checks that a processor (`PATH[#EXPORT]`) loads the way the emulator will run it, and turns any
 * failure into a {@link ProcessorPreflightError} whose message names the file, the export, the
 * error's first line and the fix.
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
  const fail = (reason: string, fix: string, cause?: unknown): ProcessorPreflightError =>
    new ProcessorPreflightError(shown, exportName, reason, fix, cause === undefined ? undefined : { cause });
  if (!existsSync(file)) throw fail('no such file', `check the path; it is read from ${cwd}`);
  try {
    await checkProcessorLoads('dev', source, { cwd });
  } catch (error) {
    if (!(error instanceof ProcessorLoadError)) throw error;
    const problem = error.problem;
    if (/^export ".*" is not a function/.test(problem))
      throw fail(
        `the module has no function exported as "${exportName}"`,
        `export it (export const ${exportName} = channelFlowProcessor(...)) or name the export: ${path}#NAME`,
        error,
      );
    if (/need the "tsx" package/.test(problem))
      throw fail(
        'TypeScript needs a loader and "tsx" is not installed',
        'install tsx to load .ts processors (npm install --save-dev tsx), or point at a built .js file',
        error,
      );
    const timedOut = /^init timed out after (\d+) ms/.exec(problem);
    if (timedOut)
      throw fail(
        `loading it took longer than ${timedOut[1]} ms`,
        'move slow work (network calls, large files) out of the module body, into the handler or a lazy helper',
        error,
      );
    const parse = await syntaxError(file, shown);
    if (parse !== undefined)
      throw fail(`it does not compile: ${clip(parse)}`, 'correct the syntax at the place named', error);
    throw fail(
      `importing it threw: ${clip(problem.replace(/^import failed: /, ''))}`,
      `make the module load without throwing (run it with node${TS_FILE.test(file) ? ' --import tsx' : ''} ${path} to see the whole error)`,
      error,
    );
  }
}

/** What `dev` prints for a message its processor never answered. */
export const NEVER_ANSWERED_HINT =
  'the processor ran but never sent a ChannelFlowCallback, so the message stays PENDING (on AWS, for up to 48 hours). ' +
  "Wrap the handler with channelFlowProcessor(...) from 'chime-channel-flow': it always answers, before the deadline.";
