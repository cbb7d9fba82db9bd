import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { InvalidOptionsError } from '../errors.js';
import { createJsonLogger, type Logger } from '../logging/logger.js';
import { DEFAULT_METRICS_NAMESPACE, serviceName } from '../metrics/emf.js';
import { type InvocationMetricsTarget, isMetricsRecorder, metricsTarget } from '../metrics/recorder.js';
import type { TracerLike } from './tracing.js';
import { knownKeys } from '../options.js';
import { isRecord } from '../values.js';
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
  /** Where each invocation's metrics go; undefined when metrics are off. */
  metrics: InvocationMetricsTarget | undefined;
  tracer: TracerLike | undefined;
  logErrorMessages: boolean;
}

const ON_ERROR_VALUES: readonly unknown[] = Object.values(OnError);
const isObject = isRecord;

/** Each option's check and what it must be, for the error message. */
const OPTION_RULES: ReadonlyArray<[keyof ProcessorOptions, (value: unknown) => boolean, string]> = [
  [
    'client',
    (client) => isObject(client) && typeof client.send === 'function',
    'a ChimeSDKMessagingClient (an object with send())',
  ],
  ['onError', (onError) => ON_ERROR_VALUES.includes(onError), `one of ${ON_ERROR_VALUES.join(', ')}`],
  [
    'deadlineMarginMs',
    (margin) => Number.isInteger(margin) && (margin as number) >= 0,
    'a whole number of milliseconds, 0 or more',
  ],
  [
    'logger',
    (logger) =>
      isObject(logger) && ['debug', 'info', 'warn', 'error'].every((level) => typeof logger[level] === 'function'),
    'an object with debug, info, warn and error methods',
  ],
  [
    'metrics',
    (metrics) => typeof metrics === 'boolean' || isObject(metrics),
    'true, false, { namespace } or a Powertools Metrics',
  ],
  [
    'tracer',
    (tracer) =>
      isObject(tracer) &&
      ['isTracingEnabled', 'getSegment', 'setSegment'].every((method) => typeof tracer[method] === 'function'),
    'a Powertools Tracer (isTracingEnabled, getSegment, setSegment)',
  ],
  ['logErrorMessages', (value) => typeof value === 'boolean', 'true or false'],
];

/** Every option name; `outerMiddlewares` belongs to channelFlowProcessor, which validates before taking it out. */
const KNOWN_KEYS: readonly string[] = [...OPTION_RULES.map(([name]) => name), 'outerMiddlewares'];

/**
 * Throws {@link InvalidOptionsError} for options that cannot work or that do not exist (a typo). Exported on its own so
 * tests and cold start validate, while the per-message path never does.
 *
 * @example
 * validateProcessorOptions({ onError: 'deny', deadlineMarginMs: 800 });
 */
export function validateProcessorOptions(options: ProcessorOptions): void {
  if (!isObject(options)) throw new InvalidOptionsError('options', 'must be an object');
  knownKeys('channelFlowProcessor', options, KNOWN_KEYS);
  for (const [name, valid, expected] of OPTION_RULES) {
    if (options[name] !== undefined && !valid(options[name]))
      throw new InvalidOptionsError(name, `must be ${expected}`);
  }
}

/** Validates and merges options with the defaults. */
export function resolveProcessorOptions(
  options: ProcessorOptions,
  defaultClient: () => ChimeSDKMessagingClient,
): ResolvedOptions {
  validateProcessorOptions(options);
  const { client } = options;
  return {
    client: client ? () => client : defaultClient,
    onError: options.onError ?? DEFAULT_OPTIONS.onError,
    deadlineMarginMs: options.deadlineMarginMs ?? DEFAULT_OPTIONS.deadlineMarginMs,
    logger: options.logger ?? createJsonLogger(),
    metrics: resolveMetrics(options.metrics),
    tracer: options.tracer,
    logErrorMessages: options.logErrorMessages === true,
  };
}

function resolveMetrics(option: ProcessorOptions['metrics']): InvocationMetricsTarget | undefined {
  if (!option) return undefined;
  if (isMetricsRecorder(option)) return metricsTarget(option);
  const namespace = (typeof option === 'object' && option.namespace) || DEFAULT_METRICS_NAMESPACE;
  return metricsTarget({ namespace, service: serviceName() });
}
