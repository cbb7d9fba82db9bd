// The middleware in users' own middy chains, on both supported majors of @middy/core (peer range ^6 || ^7).
import { describe, expect, it } from '@jest/globals';
import middy7 from '@middy/core';
import middy6 from '@middy/core-v6';
import { channelFlowCallback } from '../../src/middleware/channel-flow-callback.js';
import { validateProcessorOptions } from '../../src/middleware/options.js';
import { deny, noChange, update } from '../../src/decision/index.js';
import { ChannelFlowCallbackHandler } from '../../src/middleware/callback-handler.js';
import { defineRule, PASS } from '../../src/moderation/rule.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { lambdaContext } from '../../src/testing/index.js';
import { capturingLogger, mockedChime } from './harness.js';
import { standardEvent } from './fixtures.js';

const majors = [
  ['@middy/core 7', middy7],
  ['@middy/core 6', middy6],
] as const;

describe.each(majors)('channelFlowCallback() with %s', (_name, middy) => {
  it('turns the handler decision into one callback and resolves to the summary', async () => {
    const { client, calls } = mockedChime();
    const handler = (middy as typeof middy7)(
      async (event: { ChannelMessage: { Content: string } }) => update({ content: `${event.ChannelMessage.Content}?` }),
      {
        timeoutEarlyInMillis: 100,
      },
    ).use(channelFlowCallback({ client, logger: capturingLogger() }));
    const event = standardEvent();
    const summary = await handler(event as never, lambdaContext());
    expect(calls()).toHaveLength(1);
    expect(calls()[0]?.ChannelMessage?.Content).toBe(`${event.ChannelMessage.Content}?`);
    expect(summary).toMatchObject({ action: 'update', decidedBy: 'processor' });
  });

  it('answers a handler that outlives timeoutEarlyInMillis with the error policy', async () => {
    const { client, calls } = mockedChime();
    const handler = (middy as typeof middy7)(
      (_event: unknown, _context: unknown, { signal }: { signal: AbortSignal }) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(noChange()), 5_000);
          signal.addEventListener('abort', () => clearTimeout(timer));
        }),
      { timeoutEarlyInMillis: 150 },
    ).use(channelFlowCallback({ client, logger: capturingLogger(), onError: 'deny' }));
    const summary = await handler(standardEvent() as never, lambdaContext({ timeoutMs: 350 }));
    expect(calls()[0]?.DeleteResource).toBe(true);
    expect(summary).toMatchObject({ decidedBy: 'policy', error: 'ProcessorTimeoutError' });
  });
});

describe.each(majors)('the safety net in a plain chain with %s (middy(handler, flow.plugin))', (_name, middy) => {
  it('answers a decision returned early by a before hook that ran ahead of channelFlowCallback()', async () => {
    // Prepare: the short-circuit comes first, so the package's before and after never run.
    const { client, calls } = mockedChime();
    const flow = channelFlowCallback({ client, logger: capturingLogger() });
    const handler = (middy as typeof middy7)(async () => noChange(), flow.plugin)
      .use({ before: () => deny('blocked upstream') })
      .use(flow);
    // Act
    await handler(standardEvent() as never, lambdaContext());
    // Assess
    expect(calls()).toHaveLength(1);
    expect(calls()[0]?.DeleteResource).toBe(true);
  });

  it('answers with the policy when a later before hook returns something that is not a decision', async () => {
    const { client, calls } = mockedChime();
    const flow = channelFlowCallback({ client, logger: capturingLogger(), onError: 'deny' });
    const handler = (middy as typeof middy7)(async () => noChange(), flow.plugin)
      .use(flow)
      .use({ before: () => ({ statusCode: 204 }) });
    await handler(standardEvent() as never, lambdaContext());
    expect(calls()).toHaveLength(1);
    expect(calls()[0]?.DeleteResource).toBe(true);
  });

  it('sends no callback for an early response that replays an earlier summary of the same CallbackId', async () => {
    // Prepare: what an idempotency store returns for a redelivery.
    const { client, calls } = mockedChime();
    const logger = capturingLogger();
    const flow = channelFlowCallback({ client, logger });
    const event = standardEvent();
    const stored = {
      messageId: event.ChannelMessage.MessageId,
      callbackId: event.CallbackId,
      action: 'noChange',
      decidedBy: 'processor',
      duplicate: false,
      durationMs: 3,
    };
    const handler = (middy as typeof middy7)(async () => noChange(), flow.plugin)
      .use({ before: () => stored })
      .use(flow);
    // Act
    const summary = await handler(event as never, lambdaContext());
    // Assess
    expect(summary).toEqual(stored);
    expect(calls()).toHaveLength(0);
    expect(logger.lines.filter((line) => /^Duplicate delivery/.test(line.message))).toHaveLength(1);
    expect(logger.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });

  it('gives middy the processor deadline: timeoutEarlyInMillis is deadlineMarginMs', () => {
    expect(channelFlowCallback({ deadlineMarginMs: 800 }).plugin.timeoutEarlyInMillis).toBe(800);
  });
});

describe('ChannelFlowCallbackHandler without middy', () => {
  it('parses, runs, answers and resolves to the summary', async () => {
    const { client, calls } = mockedChime();
    const flow = new ChannelFlowCallbackHandler({ client, logger: capturingLogger() });
    const summary = await flow.handle(standardEvent(), lambdaContext(), (message) =>
      update({ content: message.Content.toUpperCase() }),
    );
    expect(calls()).toHaveLength(1);
    expect(summary).toMatchObject({ action: 'update', decidedBy: 'processor', duplicate: false });
  });

  it('applies the error policy to a processor that throws', async () => {
    const { client, calls } = mockedChime();
    const flow = new ChannelFlowCallbackHandler({ client, logger: capturingLogger(), onError: 'deny' });
    const summary = await flow.handle(standardEvent(), lambdaContext(), () => {
      throw new RangeError('boom');
    });
    expect(calls()[0]?.DeleteResource).toBe(true);
    expect(summary).toMatchObject({ decidedBy: 'policy', error: 'RangeError' });
  });

  it('rejects an event that cannot be answered, sending nothing', async () => {
    const { client, calls } = mockedChime();
    const flow = new ChannelFlowCallbackHandler({ client, logger: capturingLogger() });
    await expect(flow.handle({ CallbackId: 'short' }, lambdaContext(), () => noChange())).rejects.toMatchObject({
      name: 'InvalidEventError',
    });
    expect(calls()).toHaveLength(0);
  });
});

describe('rules used as middlewares', () => {
  it('log through the logger configured on channelFlowCallback() in the same chain', async () => {
    // Prepare
    const { client } = mockedChime();
    const logger = capturingLogger();
    const chatty = defineRule('chatty', (_draft, ctx) => {
      ctx.logger.info('chatty rule looked', { rule: 'chatty' });
      return PASS;
    });
    const handler = middy7(async () => noChange())
      .use(channelFlowCallback({ client, logger }))
      .use(chatty);
    // Act
    await handler(standardEvent() as never, lambdaContext());
    // Assess
    expect(logger.lines.some((line) => line.message === 'chatty rule looked')).toBe(true);
  });
});

describe('validateProcessorOptions', () => {
  it.each([
    ['onError', { onError: 'ignore' }],
    ['deadlineMarginMs', { deadlineMarginMs: -1 }],
    ['deadlineMarginMs', { deadlineMarginMs: 1.5 }],
    ['client', { client: {} }],
    ['logger', { logger: { info() {} } }],
    ['metrics', { metrics: 'yes' }],
  ])('rejects a bad %s at build time with InvalidOptionsError', (option, options) => {
    expect(() => validateProcessorOptions(options as never)).toThrow(InvalidOptionsError);
    expect(() => channelFlowCallback(options as never)).toThrow(expect.objectContaining({ option }));
  });

  it('accepts the documented options', () => {
    expect(() =>
      validateProcessorOptions({
        onError: 'rethrow',
        deadlineMarginMs: 0,
        metrics: { namespace: 'X' },
        logger: capturingLogger(),
      }),
    ).not.toThrow();
  });
});
