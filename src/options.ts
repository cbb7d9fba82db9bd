import { InvalidOptionsError } from './errors.js';
import { isRecord } from './values.js';

/**
 * The package's one set of option checks, run when a handler, rule or emulator is built (never per
 * message). Each throws {@link InvalidOptionsError} naming the option and what it must be, never the value.
 * @internal
 */

export function optionsObject<T extends object>(options: T | undefined, name = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (!isRecord(options)) throw new InvalidOptionsError(name, 'must be an object');
  return options;
}

export function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidOptionsError(option, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

export function stringList(option: string, value: unknown, { nonEmpty = false } = {}): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new InvalidOptionsError(option, 'must be an array of non-empty strings');
  }
  if (nonEmpty && value.length === 0) throw new InvalidOptionsError(option, 'must not be empty');
  return value as string[];
}

export function numberIn(
  option: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
  { integer = true } = {},
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new InvalidOptionsError(option, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

export function booleanOption(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidOptionsError(option, 'must be a boolean');
  return value;
}

/** Rejects option names `owner` does not know: a typo (`alow`) should fail at cold start, not be ignored. */
export function knownKeys(owner: string, options: object, keys: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!keys.includes(key))
      throw new InvalidOptionsError(`${owner}.${key}`, `is not an option of ${owner}() (known: ${keys.join(', ')})`);
  }
}
