import type { EmulatorOptions } from './emulator.js';
import { EmulatorConfigError } from './errors.js';

/**
 * Rejects emulator options the emulator cannot run with, naming the option.
 *
 * @param options - what `startEmulator` was given
 * @param resolved - the options with their defaults applied
 * @throws {@link EmulatorConfigError} naming the first option out of range
 * @internal
 */
export function checkEmulatorOptions(
  options: EmulatorOptions,
  {
    functionTimeoutMs,
    memoryMb,
    retryDelaysMs,
  }: { functionTimeoutMs: number; memoryMb: number; retryDelaysMs: readonly number[] },
): void {
  if (!(functionTimeoutMs > 0)) throw new EmulatorConfigError('functionTimeoutMs', 'must be > 0');
  if (!(memoryMb >= 32)) throw new EmulatorConfigError('functionMemoryMb', 'must be >= 32');
  if (
    options.functionConcurrency !== undefined &&
    !(Number.isInteger(options.functionConcurrency) && options.functionConcurrency >= 1)
  )
    throw new EmulatorConfigError('functionConcurrency', 'must be an integer >= 1');
  if (retryDelaysMs.some((d) => !(d >= 0))) throw new EmulatorConfigError('retryDelaysMs', 'delays must be >= 0');
  if (options.pendingTimeoutMs !== undefined && !(options.pendingTimeoutMs > 0))
    throw new EmulatorConfigError('pendingTimeoutMs', 'must be > 0');
}
