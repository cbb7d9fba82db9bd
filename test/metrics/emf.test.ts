// The package's own CloudWatch EMF line: every counter present (0 or 1) so alarms read right, the Service
// dimension from the environment, and the namespace default.
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DEFAULT_METRICS_NAMESPACE,
  emitInvocationMetrics,
  invocationMetricValues,
  serviceName,
} from '../../src/metrics/emf.js';

describe('invocationMetricValues()', () => {
  it('counts a policy deny whose callback was forbidden and failed', () => {
    // Act
    const values = invocationMetricValues({
      action: 'deny',
      decidedBy: 'policy',
      callbackForbidden: true,
      callbackFailed: true,
      latencyMs: 12,
    });
    // Assess
    expect(values).toEqual([
      ['Updated', 'Count', 0],
      ['Denied', 'Count', 1],
      ['Unchanged', 'Count', 0],
      ['PolicyDecisions', 'Count', 1],
      ['Duplicates', 'Count', 0],
      ['CallbackForbidden', 'Count', 1],
      ['CallbackFailed', 'Count', 1],
      ['ProcessingLatency', 'Milliseconds', 12],
    ]);
  });

  it('counts a message left unchanged', () => {
    expect(invocationMetricValues({ action: 'noChange', latencyMs: 2 }).filter(([, , value]) => value === 1)).toEqual([
      ['Unchanged', 'Count', 1],
    ]);
  });

  it('keeps every counter at 0 for an invocation that decided nothing', () => {
    expect(invocationMetricValues({ latencyMs: 1 }).map(([name, , value]) => [name, value])).toEqual([
      ['Updated', 0],
      ['Denied', 0],
      ['Unchanged', 0],
      ['PolicyDecisions', 0],
      ['Duplicates', 0],
      ['CallbackForbidden', 0],
      ['CallbackFailed', 0],
      ['ProcessingLatency', 1],
    ]);
  });
});

describe('serviceName()', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['POWERTOOLS_SERVICE_NAME', 'AWS_LAMBDA_FUNCTION_NAME'] as const) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('takes POWERTOOLS_SERVICE_NAME, else the function name (also when the first is empty), else the package name', () => {
    // Prepare / Act / Assess, one environment at a time.
    process.env.POWERTOOLS_SERVICE_NAME = 'moderator';
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'fn';
    expect(serviceName()).toBe('moderator');
    process.env.POWERTOOLS_SERVICE_NAME = '';
    expect(serviceName()).toBe('fn');
    delete process.env.POWERTOOLS_SERVICE_NAME;
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    expect(serviceName()).toBe('chime-channel-flow');
  });
});

describe('emitInvocationMetrics()', () => {
  const emitted = (options: { namespace?: string }) => {
    const lines: string[] = [];
    emitInvocationMetrics(
      { action: 'update', decidedBy: 'processor', duplicate: true, latencyMs: 5 },
      { ...options, service: 'moderator', sink: (line) => lines.push(line) },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    return JSON.parse(lines[0]!) as {
      _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> };
      [name: string]: unknown;
    };
  };

  it('writes one EMF line in the default namespace with the Service dimension and every value', () => {
    // Act
    const line = emitted({});
    // Assess
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: DEFAULT_METRICS_NAMESPACE,
      Dimensions: [['Service']],
    });
    expect(line).toMatchObject({ Service: 'moderator', Updated: 1, Duplicates: 1, Denied: 0, ProcessingLatency: 5 });
  });

  it('uses the namespace given', () => {
    expect(emitted({ namespace: 'Chat' })._aws.CloudWatchMetrics[0]!.Namespace).toBe('Chat');
  });
});
