import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { InvalidOptionsError } from '../errors.js';
import { createJsonLogger, type Logger } from '../logging/logger.js';
import { DEFAULT_METRICS_NAMESPACE } from '../metrics/emf.js';
import { OnError, type ProcessorOptions } from './types.js';

/** Defaults, in one place: fail open, keep 500 ms back for the callback. */
export const DEFAULT_OPTIONS = {
  onError: OnError.Allow,
  deadlineMarginMs: 500,
} as const;

/** Options after validation and defaults, merged once per handler, never per message. */
export interface ResolvedOptions {
  /** Resolved on first use, so a container that never answers never builds a client. */
  client: () => ChimeSDKMessagingClient;
  onError: OnError;
  deadlineMarginMs: number;
  logger: Logger;
  metrics: { namespace: string } | undefined;
}

const ON_ERROR_VALUES: readonly string[] = Object.values(OnError);
const LOGGER_METHODS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * Throws {@link InvalidOptionsError} for options that cannot work. Exported on its own so
 * tests and cold start validate, while the per-message path never does.
 *
 * @example
 * validateProcessorOptions({ onError: 'deny', deadlineMarginMs: 800 });
 */
export function validateProcessorOptions(options: ProcessorOptions): void {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionsError('options', 'must be an object');
  const { client, onError, deadlineMarginMs, logger, metrics } = options;
  if (client !== undefined && typeof (client as { send?: unknown }).send !== 'function') {
    throw new InvalidOptionsError('client', 'must be a ChimeSDKMessagingClient (an object with send())');
  }
  if (onError !== undefined && !ON_ERROR_VALUES.includes(onError)) {
    throw new InvalidOptionsError('onError', `must be one of ${ON_ERROR_VALUES.join(', ')}`);
  }
  if (deadlineMarginMs !== undefined && !(Number.isInteger(deadlineMarginMs) && deadlineMarginMs >= 0)) {
    throw new InvalidOptionsError('deadlineMarginMs', 'must be a whole number of milliseconds, 0 or more');
  }
  if (logger !== undefined && !LOGGER_METHODS.every((method) => typeof (logger as unknown as Record<string, unknown>)[method] === 'function')) {
    throw new InvalidOptionsError('logger', 'must have debug, info, warn and error methods');
  }
  if (metrics !== undefined && typeof metrics !== 'boolean' && (typeof metrics !== 'object' || metrics === null)) {
    throw new InvalidOptionsError('metrics', 'must be true, false or { namespace }');
  }
}

/** Validates and merges options with the defaults. */
export function resolveProcessorOptions(options: ProcessorOptions, defaultClient: () => ChimeSDKMessagingClient): ResolvedOptions {
  validateProcessorOptions(options);
  const { client } = options;
  return {
    client: client ? () => client : defaultClient,
    onError: options.onError ?? DEFAULT_OPTIONS.onError,
    deadlineMarginMs: options.deadlineMarginMs ?? DEFAULT_OPTIONS.deadlineMarginMs,
    logger: options.logger ?? createJsonLogger(),
    metrics: options.metrics ? { namespace: (typeof options.metrics === 'object' && options.metrics.namespace) || DEFAULT_METRICS_NAMESPACE } : undefined,
  };
}
