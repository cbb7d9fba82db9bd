import type { LogSink } from '../logging/logger.js';

/** One invocation, as counted in metrics. */
export interface InvocationMetrics {
  action?: 'update' | 'deny' | 'noChange';
  decidedBy?: 'processor' | 'policy';
  duplicate?: boolean;
  /** A 403 on a CallbackId this container had not answered: maybe a missing IAM permission. */
  callbackForbidden?: boolean;
  /** The callback failed for good (refused with 400/401, or no answer by the deadline). */
  callbackFailed?: boolean;
  latencyMs: number;
}

export const DEFAULT_METRICS_NAMESPACE = 'ChimeChannelFlow';

/** The unit of each metric, named as CloudWatch (and Powertools' MetricUnit) name them. */
export type MetricUnitName = 'Count' | 'Milliseconds';

/**
 * The metrics of one invocation as (name, unit, value) triples: every counter is present (0 or 1),
 * so a Sum alarm and an average both read right.
 *
 * @param metrics - what happened in the invocation
 * @returns the metrics, in a fixed order
 * @example
 * invocationMetricValues({ action: 'deny', latencyMs: 12 }); // [['Updated', 'Count', 0], ['Denied', 'Count', 1], ...]
 */
export function invocationMetricValues(metrics: InvocationMetrics): Array<[string, MetricUnitName, number]> {
  return [
    ['Updated', 'Count', metrics.action === 'update' ? 1 : 0],
    ['Denied', 'Count', metrics.action === 'deny' ? 1 : 0],
    ['Unchanged', 'Count', metrics.action === 'noChange' ? 1 : 0],
    ['PolicyDecisions', 'Count', metrics.decidedBy === 'policy' ? 1 : 0],
    ['Duplicates', 'Count', metrics.duplicate ? 1 : 0],
    ['CallbackForbidden', 'Count', metrics.callbackForbidden ? 1 : 0],
    ['CallbackFailed', 'Count', metrics.callbackFailed ? 1 : 0],
    ['ProcessingLatency', 'Milliseconds', metrics.latencyMs],
  ];
}

/**
 * The `Service` dimension: `POWERTOOLS_SERVICE_NAME`, else the function name, else `chime-channel-flow`.
 * The same rule as the default logger's `service` field and the construct's alarms.
 *
 * @returns the service name
 * @example
 * serviceName(); // 'moderator' with POWERTOOLS_SERVICE_NAME=moderator
 */
export const serviceName = (): string =>
  process.env.POWERTOOLS_SERVICE_NAME || process.env.AWS_LAMBDA_FUNCTION_NAME || 'chime-channel-flow';

/**
 * Writes one CloudWatch Embedded Metric Format line: CloudWatch turns it into metrics
 * without an API call, so operators alarm on `CallbackForbidden` or `CallbackFailed`
 * rather than on function errors. Dimension: `Service` (see {@link serviceName}).
 *
 * @param metrics - what happened in the invocation
 * @param options - namespace (default `ChimeChannelFlow`), service, and where the line goes (stdout)
 * @example
 * emitInvocationMetrics({ action: 'deny', decidedBy: 'processor', latencyMs: 12 }, { service: 'moderator' });
 */
export function emitInvocationMetrics(
  metrics: InvocationMetrics,
  options: { namespace?: string; service: string; sink?: LogSink },
): void {
  const values = invocationMetricValues(metrics);
  const line: Record<string, unknown> = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: options.namespace ?? DEFAULT_METRICS_NAMESPACE,
          Dimensions: [['Service']],
          Metrics: values.map(([Name, Unit]) => ({ Name, Unit })),
        },
      ],
    },
    Service: options.service,
  };
  for (const [name, , value] of values) line[name] = value;
  (options.sink ?? ((text: string) => process.stdout.write(text)))(`${JSON.stringify(line)}\n`);
}
