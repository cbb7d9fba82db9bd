import { ChannelFlowError } from '../errors.js';
import { errorNameOf, readSafely } from '../values.js';

/** What a log line may say about a thrown value (a type, not an interface: it is passed as log attributes). */
export type ErrorFields = {
  /** The error's `name` (`TypeError`, `ServiceUnavailableException`), or the thrown value's type. */
  errorName: string;
  /** Only for the package's own errors, or when `logErrorMessages` is on. */
  errorMessage?: string;
  /** The stack's `at ...` frames, without the first line (which repeats the message). */
  stack?: string;
};

const MAX_FRAMES = 10;
const FRAME = /^\s+at /;

/**
 * `instanceof` that a Proxy's getPrototypeOf trap cannot turn into a throw.
 *
 * @internal
 * @example
 * isInstanceSafely(error, ChannelFlowError);
 */
export function isInstanceSafely(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

function framesOf(error: unknown): string | undefined {
  const stack = readSafely(error, 'stack');
  if (typeof stack !== 'string') return undefined;
  const frames = stack
    .split('\n')
    .filter((line) => FRAME.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? frames.map((line) => line.trim()).join('\n') : undefined;
}

/**
 * What the package logs about a thrown value. Messages of built-in errors quote their
 * input (`JSON.parse`, `BigInt`), so by default only the package's own errors keep their
 * message; `logMessages` (the `logErrorMessages` option) keeps every message, for debugging.
 * Never throws, whatever was thrown (a throwing getter, a Proxy, a BigInt, a cycle).
 *
 * @example
 * logger.error('Processor failed', { ...errorFields(error, false) });
 *
 * @internal
 */
export function errorFields(error: unknown, logMessages: boolean): ErrorFields {
  const fields: ErrorFields = { errorName: errorNameOf(error) };
  if (logMessages || isInstanceSafely(error, ChannelFlowError)) {
    const message = readSafely(error, 'message');
    if (typeof message === 'string') fields.errorMessage = message;
  }
  const stack = framesOf(error);
  if (stack !== undefined) fields.stack = stack;
  return fields;
}
