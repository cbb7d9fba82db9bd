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
const DEFAULT_OPTIONS = {
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

type OptionRule = [check: (value: unknown) => boolean, expected: string];

const ON_ERROR_VALUES: readonly unknown[] = Object.values(OnError);

/** An object with these methods: the check and what the error message says it must be. */
const withMethods = (what: string, methods: readonly string[]): OptionRule => [
  (value) => isRecord(value) && methods.every((method) => typeof value[method] === 'function'),
  `${what} (with ${methods.join(', ')})`,
];

/** Each option's check and what it must be, for the error message. */
const OPTION_RULES: Record<keyof Omit<ProcessorOptions, 'outerMiddlewares'>, OptionRule> = {
  client: withMethods('a ChimeSDKMessagingClient', ['send']),
  onError: [(onError) => ON_ERROR_VALUES.includes(onError), `one of ${ON_ERROR_VALUES.join(', ')}`],
  deadlineMarginMs: [(margin) => Number.isInteger(margin) && (margin as number) >= 0, 'an integer >= 0'],
  logger: withMethods('a logger', ['debug', 'info', 'warn', 'error']),
  metrics: [(metrics) => typeof metrics === 'boolean' || isRecord(metrics), 'a boolean, { namespace } or Metrics'],
  tracer: withMethods('a Tracer', ['isTracingEnabled', 'getSegment', 'setSegment']),
  logErrorMessages: [(value) => typeof value === 'boolean', 'a boolean'],
};

/** Every option name; `outerMiddlewares` belongs to channelFlowProcessor, which validates before taking it out. */
const KNOWN_KEYS: readonly string[] = [...Object.keys(OPTION_RULES), 'outerMiddlewares'];

/**
 * Throws {@link InvalidOptionsError} for options that cannot work or that do not exist (a typo). Exported on its own so
 * tests and cold start validate, while the per-message path never does.
 *
 * @example
 * validateProcessorOptions({ onError: 'deny', deadlineMarginMs: 800 });
 */
export function validateProcessorOptions(options: ProcessorOptions): void {
  if (!isRecord(options)) throw new InvalidOptionsError('options', 'must be an object');
  knownKeys('channelFlowProcessor', options, KNOWN_KEYS);
  for (const [name, [valid, expected]] of Object.entries(OPTION_RULES)) {
    const value = options[name as keyof ProcessorOptions];
    if (value !== undefined && !valid(value)) throw new InvalidOptionsError(name, `must be ${expected}`);
  }
}

/** Validates and merges options with the defaults. */
export function resolveProcessorOptions(
  options: ProcessorOptions,
  defaultClient: () => ChimeSDKMessagingClient,
): ResolvedOptions {
  validateProcessorOptions(options);
  const { client, metrics } = options;
  return {
    client: client ? () => client : defaultClient,
    onError: options.onError ?? DEFAULT_OPTIONS.onError,
    deadlineMarginMs: options.deadlineMarginMs ?? DEFAULT_OPTIONS.deadlineMarginMs,
    logger: options.logger ?? createJsonLogger(),
    metrics: !metrics
      ? undefined
      : metricsTarget(
          isMetricsRecorder(metrics)
            ? metrics
            : {
                namespace: (typeof metrics === 'object' && metrics.namespace) || DEFAULT_METRICS_NAMESPACE,
                service: serviceName(),
              },
        ),
    tracer: options.tracer,
    logErrorMessages: options.logErrorMessages === true,
  };
}
