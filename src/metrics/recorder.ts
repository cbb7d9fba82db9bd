import { emitInvocationMetrics, type InvocationMetrics, invocationMetricValues, type MetricUnitName } from './emf.js';

/**
 * What the package needs of a Powertools `Metrics` instance, taken structurally so the
 * package never imports Powertools: metrics added here go into the instance's buffer and leave
 * in the one EMF blob its `logMetrics` middleware (or `publishStoredMetrics()`) flushes.
 */
export interface MetricsRecorder {
  addMetric(name: string, unit: MetricUnitName, value: number): unknown;
  publishStoredMetrics(): unknown;
}

/** Where the package's metrics of one invocation go. */
export interface InvocationMetricsTarget {
  record(metrics: InvocationMetrics): void;
  /** Flush now: only for an invocation whose chain has already flushed (a middleware returned early). */
  flushLate(): void;
}

/**
 * True for an object that can take the package's metrics (a Powertools Metrics instance).
 *
 * @param value - the `metrics` option
 * @returns whether it has addMetric and publishStoredMetrics
 * @example
 * isMetricsRecorder(new Metrics({ namespace: 'Chat' })); // true
 */
export function isMetricsRecorder(value: unknown): value is MetricsRecorder {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MetricsRecorder).addMetric === 'function' &&
    typeof (value as MetricsRecorder).publishStoredMetrics === 'function'
  );
}

/**
 * The package's own EMF line (one per invocation) or a Powertools Metrics instance's buffer.
 *
 * @param option - `{ namespace, service }` for the EMF line, or a {@link MetricsRecorder}
 * @returns the target to record each invocation's metrics into
 * @example
 * const target = metricsTarget({ namespace: 'ChimeChannelFlow', service: 'moderator' });
 * target.record({ action: 'noChange', latencyMs: 3 });
 */
export function metricsTarget(
  option: { namespace: string; service: string } | MetricsRecorder,
): InvocationMetricsTarget {
  if (isMetricsRecorder(option)) {
    return {
      record(metrics) {
        for (const [name, unit, value] of invocationMetricValues(metrics)) option.addMetric(name, unit, value);
      },
      flushLate() {
        option.publishStoredMetrics();
      },
    };
  }
  return {
    record(metrics) {
      emitInvocationMetrics(metrics, option);
    },
    // The EMF line is written as it is recorded.
    flushLate() {},
  };
}
