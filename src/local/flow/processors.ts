import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { ProcessorLoadError } from '../errors.js';
import { WorkerFunction } from './function-runtime.js';

/** A Lambda handler as the emulator calls it: `(event, context) => Promise<unknown>`, e.g. made with `channelFlowProcessor`. */
export type LambdaHandler = (event: never, context: Context) => unknown;

/** `PATH[#EXPORT]` of a TypeScript or JavaScript module (export `handler` by default), or the handler itself. */
export type ProcessorSource = string | LambdaHandler;

const TS_FILE = /\.(c|m)?tsx?$/;

/**
 * Splits `NAME=PATH[#EXPORT]` (the CLI's `--processor` value) into its name and source.
 *
 * @example
 * parseProcessorArg('moderate=./handler.ts#handler'); // { name: 'moderate', source: './handler.ts#handler' }
 */
export function parseProcessorArg(arg: string): { name: string; source: string } {
  const index = arg.indexOf('=');
  if (index <= 0 || index === arg.length - 1) throw new ProcessorLoadError(arg, 'expected NAME=PATH[#EXPORT]');
  return { name: arg.slice(0, index), source: arg.slice(index + 1) };
}

/** Where a `PATH[#EXPORT]` source points: the module's absolute path and the export holding the handler. */
export interface ProcessorLocation {
  file: string;
  exportName: string;
}

/**
 * Resolves `PATH[#EXPORT]` against `cwd` (export `handler` by default) and checks the file exists.
 * Throws {@link ProcessorLoadError} naming the file when it does not.
 *
 * @param name - the processor's (Lambda function's) name, for the error
 * @param source - `PATH[#EXPORT]`
 * @param cwd - base of a relative PATH
 * @returns the absolute file and the export name
 * @throws {ProcessorLoadError} when the file does not exist
 * @example
 * locateProcessor('moderate', './handler.ts#main'); // { file: '/abs/handler.ts', exportName: 'main' }
 */
export function locateProcessor(name: string, source: string, cwd = process.cwd()): ProcessorLocation {
  const hash = source.lastIndexOf('#');
  const file = resolve(cwd, hash > 0 ? source.slice(0, hash) : source);
  const exportName = hash > 0 ? source.slice(hash + 1) : 'handler';
  if (!existsSync(file)) throw new ProcessorLoadError(name, 'module not found', { file, exportName });
  return { file, exportName };
}

/**
 * Loads a processor module in this process and returns its handler. TypeScript goes through the
 * running loader when there is one (jest, `--import tsx`), else through tsx's `tsImport`. The
 * emulator itself runs path sources isolated in a worker (see {@link checkProcessorLoads}).
 *
 * @param name - the processor's (Lambda function's) name, for errors
 * @param source - `PATH[#EXPORT]`, or the handler itself (returned as is)
 * @param cwd - base of a relative PATH
 * @returns the handler
 * @throws {ProcessorLoadError} for a missing file or export and for a crash at import
 * @example
 * const handler = await loadProcessor('moderate', './examples/profanity/handler.ts');
 */
export async function loadProcessor(
  name: string,
  source: ProcessorSource,
  cwd = process.cwd(),
): Promise<LambdaHandler> {
  if (typeof source === 'function') return source;
  const { file, exportName } = locateProcessor(name, source, cwd);
  let module: Record<string, unknown>;
  try {
    module = await importModule(file);
  } catch (cause) {
    throw new ProcessorLoadError(name, `import failed: ${firstLine(cause)}`, { cause, file, exportName });
  }
  const handler =
    module[exportName] ??
    (exportName === 'handler' ? (module.default as Record<string, unknown> | undefined)?.handler : undefined);
  if (typeof handler !== 'function')
    throw new ProcessorLoadError(name, `export "${exportName}" is not a function`, { file, exportName });
  return handler as LambdaHandler;
}

/**
 * Loads a processor exactly as the emulator will run it (in a worker thread of its own, TypeScript
 * through tsx) and reports why it cannot be loaded, without invoking it: a fail-fast check for a
 * CLI or a test before traffic arrives. A handler given as a function passes.
 *
 * @param name - the processor's (Lambda function's) name, for the error
 * @param source - `PATH[#EXPORT]` or a handler function
 * @param options - `cwd` for a relative PATH; `env` for the worker (default: this process's)
 * @returns nothing once the module loaded and its export is a function
 * @throws {ProcessorLoadError} with `file`, `exportName` and `problem` (the first line of the import error,
 *   `export "X" is not a function`, `module not found`, `init timed out after 10000 ms`)
 * @example
 * try {
 *   await checkProcessorLoads('moderate', './handler.ts');
 * } catch (error) {
 *   if (error instanceof ProcessorLoadError) console.error(error.message); // names file, export and cause
 * }
 */
export async function checkProcessorLoads(
  name: string,
  source: ProcessorSource,
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<void> {
  if (typeof source === 'function') return;
  const { file, exportName } = locateProcessor(name, source, options.cwd);
  const runtime = new WorkerFunction({ name, file, exportName, env: options.env ?? { ...process.env }, memoryMb: 256 });
  try {
    await runtime.ready();
  } finally {
    await runtime.close();
  }
}

/** The first line of an error's message: enough to name the cause, short enough for one log line. */
const firstLine = (error: unknown): string => {
  const text = (error as Error)?.message ?? String(error);
  return text.split('\n')[0]!.slice(0, 300);
};

async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (!TS_FILE.test(file)) return (await import(url)) as Record<string, unknown>;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  let tsx: { tsImport: (specifier: string, parent: string) => Promise<unknown> };
  try {
    tsx = (await import('tsx/esm/api')) as typeof tsx;
  } catch (cause) {
    throw new ProcessorLoadError(
      file,
      'TypeScript processors need the "tsx" package (npm i -D tsx), or pass a built .js file',
      { cause },
    );
  }
  return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
}

/**
 * Finds the local processor for a Lambda ARN: by full ARN, then by function name
 * (`arn:aws:lambda:us-east-1:123456789012:function:NAME[:QUALIFIER]`).
 *
 * @example
 * functionNameOf('arn:aws:lambda:us-east-1:123456789012:function:moderate:live'); // 'moderate'
 */
export function functionNameOf(arn: string): string {
  const parts = arn.split(':');
  return parts[6] ?? arn;
}
