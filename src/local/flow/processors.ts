import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { ProcessorLoadError } from '../errors.js';

/** A Lambda handler as the emulator calls it: `(event, context) => Promise<unknown>`, e.g. made with `channelFlowProcessor`. */
export type LambdaHandler = (event: any, context: Context) => unknown;

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

/**
 * Loads a processor module and returns its handler. TypeScript goes through the running
 * loader when there is one (jest, `--import tsx`), else through tsx's `tsImport`.
 * Throws {@link ProcessorLoadError} for a missing file or export and for a crash at import.
 *
 * @example
 * const handler = await loadProcessor('moderate', './examples/profanity/handler.ts');
 */
export async function loadProcessor(
  name: string,
  source: ProcessorSource,
  cwd = process.cwd(),
): Promise<LambdaHandler> {
  if (typeof source === 'function') return source;
  const hash = source.lastIndexOf('#');
  const file = resolve(cwd, hash > 0 ? source.slice(0, hash) : source);
  const exportName = hash > 0 ? source.slice(hash + 1) : 'handler';
  if (!existsSync(file)) throw new ProcessorLoadError(name, `module not found: ${file}`);
  let module: Record<string, unknown>;
  try {
    module = await importModule(file);
  } catch (cause) {
    throw new ProcessorLoadError(name, `import failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
  const handler =
    module[exportName] ??
    (exportName === 'handler' ? (module.default as Record<string, unknown> | undefined)?.handler : undefined);
  if (typeof handler !== 'function') throw new ProcessorLoadError(name, `export "${exportName}" is not a function`);
  return handler as LambdaHandler;
}

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
