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

const METRIC_NAMES = [
  'Updated',
  'Denied',
  'Unchanged',
  'PolicyDecisions',
  'Duplicates',
  'CallbackForbidden',
  'CallbackFailed',
] as const;
const METRIC_DEFINITIONS = [
  ...METRIC_NAMES.map((Name) => ({ Name, Unit: 'Count' })),
  { Name: 'ProcessingLatency', Unit: 'Milliseconds' },
];

/**
 * Writes one CloudWatch Embedded Metric Format line: CloudWatch turns it into metrics
 * without an API call, so operators alarm on `CallbackForbidden` or `CallbackFailed`
 * rather than on function errors. Dimension: `Service` (the function name by default).
 *
 * @example
 * emitInvocationMetrics({ action: 'deny', decidedBy: 'processor', latencyMs: 12 }, { service: 'moderator' });
 */
export function emitInvocationMetrics(
  metrics: InvocationMetrics,
  options: { namespace?: string; service: string; sink?: LogSink },
): void {
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: options.namespace ?? DEFAULT_METRICS_NAMESPACE,
          Dimensions: [['Service']],
          Metrics: METRIC_DEFINITIONS,
        },
      ],
    },
    Service: options.service,
    Updated: metrics.action === 'update' ? 1 : 0,
    Denied: metrics.action === 'deny' ? 1 : 0,
    Unchanged: metrics.action === 'noChange' ? 1 : 0,
    PolicyDecisions: metrics.decidedBy === 'policy' ? 1 : 0,
    Duplicates: metrics.duplicate ? 1 : 0,
    CallbackForbidden: metrics.callbackForbidden ? 1 : 0,
    CallbackFailed: metrics.callbackFailed ? 1 : 0,
    ProcessingLatency: metrics.latencyMs,
  };
  (options.sink ?? ((text: string) => process.stdout.write(text)))(`${JSON.stringify(line)}\n`);
}
