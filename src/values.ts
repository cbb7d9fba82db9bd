/**
 * Describing values that came from outside (events, options, thrown values) without
 * trusting them: used by error messages and log lines, which name a type, never a value.
 */

/**
 * `typeof`, telling null and arrays apart: what error messages say instead of the value.
 *
 * @internal
 * @example
 * typeName([]); // 'array'
 */
export const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * A non-null, non-array object.
 *
 * @internal
 * @example
 * isRecord({ a: 1 }); // true
 */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `key` of a value without trusting it: a getter may throw and a Proxy may trap
 * the read. Returns `undefined` instead of throwing.
 *
 * @internal
 * @example
 * readSafely(new Proxy({}, { get() { throw new Error('trap'); } }), 'name'); // undefined
 */
export function readSafely(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

const MAX_NAME = 100;

/**
 * The name of anything thrown: its `name` when that is a short string, else its type.
 * Never throws (a revoked Proxy makes even `Array.isArray` throw).
 *
 * @internal
 * @example
 * errorNameOf(new TypeError('x')); // 'TypeError'
 * errorNameOf(42);                 // 'number'
 */
export function errorNameOf(error: unknown): string {
  const name = readSafely(error, 'name');
  if (typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME) return name;
  try {
    return typeName(error);
  } catch {
    return typeof error;
  }
}

/**
 * The first line of a message with quoted runs cut out: service messages quote the
 * value they refused (`Value '...' at 'content'`), which may be user content.
 *
 * @internal
 * @example
 * firstLineOf("Value 'my secret' is invalid"); // "Value '…' is invalid"
 */
export function firstLineOf(message: unknown, max = 160): string {
  if (typeof message !== 'string') return '';
  const line = message.split('\n', 1)[0]!.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, (quoted) => `${quoted[0]}…${quoted[0]}`);
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
