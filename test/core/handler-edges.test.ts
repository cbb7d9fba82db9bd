// Edges of the handler that the main suites pass by: a traced processor that throws, a failed callback
// with metrics on, an early response for an event that does not parse, outer middlewares of the wrong type.
import { describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowCallback } from '../../src/middleware/channel-flow-callback.js';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { noChange } from '../../src/decision/index.js';
import { CallbackError, InvalidOptionsError } from '../../src/errors.js';
import type { TracerLike } from '../../src/middleware/tracing.js';
import { lambdaContext } from '../../src/testing/index.js';
import { capturingLogger, mockedChime, sdkError } from './harness.js';
import { standardEvent } from './fixtures.js';

/** A tracer that records what the package does with its segments. */
function recordingTracer() {
  const events: string[] = [];
  const segment = (name: string) => ({
    addNewSubsegment: (child: string) => {
      events.push(`open ${child}`);
      return {
        ...segment(child),
        addAnnotation: (key: string, value: unknown) => events.push(`annotate ${child} ${key}=${String(value)}`),
        addError: (error: Error) => events.push(`error ${child} ${error.message}`),
        close: () => events.push(`close ${child}`),
      };
    },
    name,
  });
  const root = segment('handler');
  let current: unknown = root;
  const tracer = {
    isTracingEnabled: () => true,
    getSegment: () => current,
    setSegment: (next: unknown) => {
      current = next;
    },
  } as unknown as TracerLike;
  return { tracer, events, current: () => current, root };
}

describe('the handler at its edges', () => {
  it.each([
    ['an Error', new Error('boom'), ['open ChannelFlowProcessor', 'error ChannelFlowProcessor boom']],
    ['a string', 'boom', ['open ChannelFlowProcessor']],
  ])(
    'records %s thrown by a traced processor on its subsegment, restores the segment, and still answers',
    async (_label, thrown, expected) => {
      // Prepare
      const { client, calls } = mockedChime();
      const { tracer, events, current, root } = recordingTracer();
      const handler = channelFlowProcessor(
        async () => {
          throw thrown;
        },
        { client, tracer, logger: capturingLogger() },
      );
      // Act
      const summary = await handler(standardEvent(), lambdaContext());
      // Assess
      expect(events.slice(0, expected.length)).toEqual(expected);
      expect(events).toContain('close ChannelFlowProcessor');
      expect(events).not.toContain('annotate ChannelFlowProcessor action=none');
      expect(current()).toBe(root);
      expect(calls()).toHaveLength(1);
      expect(summary).toMatchObject({ decidedBy: 'policy' });
    },
  );

  it('counts a callback that fails for good in the metrics and logs it at error', async () => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(sdkError('BadRequestException', 400, 'Invalid request'));
    const logger = capturingLogger();
    const recorded: Array<[string, number]> = [];
    const metrics = {
      addMetric: (name: string, _unit: string, value: number) => recorded.push([name, value]),
      publishStoredMetrics: () => {},
    };
    await expect(
      channelFlowProcessor(() => noChange(), { client, logger, metrics })(standardEvent(), lambdaContext()),
    ).rejects.toBeInstanceOf(CallbackError);
    expect(recorded).toContainEqual(['CallbackFailed', 1]);
    expect(logger.lines.find((line) => line.level === 'error')?.attributes).toMatchObject({
      errorName: 'BadRequestException',
      statusCode: 400,
    });
  });

  it('sends nothing when a middleware before ours answers early for an event that does not parse', async () => {
    const { client, calls } = mockedChime();
    const flow = channelFlowCallback({ client, logger: capturingLogger() });
    const handler = middy(async () => noChange(), flow.plugin)
      .use({ before: () => noChange() })
      .use(flow);
    await handler({ not: 'an event' } as never, lambdaContext());
    expect(calls()).toHaveLength(0);
  });

  it('rejects outerMiddlewares that is not an array, naming it', () => {
    expect(() => channelFlowProcessor(() => noChange(), { outerMiddlewares: {} as never })).toThrow(
      expect.objectContaining({ option: 'outerMiddlewares' }),
    );
    expect(() => channelFlowProcessor(() => noChange(), { outerMiddlewares: {} as never })).toThrow(
      InvalidOptionsError,
    );
  });
});
