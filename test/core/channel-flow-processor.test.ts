import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { deny, noChange, update } from '../../src/decision/index.js';
import { CallbackError, InvalidEventError, InvalidOptionsError } from '../../src/errors.js';
import type { OnError } from '../../src/middleware/types.js';
import { lambdaContext, newCallbackId } from '../../src/testing/index.js';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { capturingLogger, mockedChime, sdkError } from './harness.js';
import { standardEvent } from './fixtures.js';

afterEach(() => {
  jest.useRealTimers();
});

describe('channelFlowProcessor decisions', () => {
  it('noChange(): exactly one callback with the event ids and the original message, not deleted', async () => {
    // Prepare
    const { client, calls } = mockedChime();
    const event = standardEvent();
    const handler = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() });
    // Act
    const summary = await handler(event, lambdaContext());
    // Assess
    expect(calls()).toHaveLength(1);
    const [input] = calls();
    expect(input).toMatchObject({ CallbackId: event.CallbackId, ChannelArn: event.ChannelMessage.ChannelArn });
    expect(input?.DeleteResource).not.toBe(true);
    expect(input?.ChannelMessage).toMatchObject({
      MessageId: event.ChannelMessage.MessageId,
      Content: event.ChannelMessage.Content,
      Metadata: event.ChannelMessage.Metadata,
    });
    expect(summary).toMatchObject({
      messageId: event.ChannelMessage.MessageId,
      action: 'noChange',
      decidedBy: 'processor',
      duplicate: false,
    });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('noChange() on an elastic channel keeps the SubChannelId', async () => {
    const { client, calls } = mockedChime();
    const event = standardEvent();
    event.ChannelMessage.SubChannelId = 'sub-42';
    await channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(event, lambdaContext());
    expect(calls()[0]?.ChannelMessage?.SubChannelId).toBe('sub-42');
  });

  it('deny(reason): DeleteResource true; the reason is logged, never sent', async () => {
    const { client, calls } = mockedChime();
    const logger = capturingLogger();
    const summary = await channelFlowProcessor(() => deny('contains a banned link'), { client, logger })(
      standardEvent(),
      lambdaContext(),
    );
    expect(calls()[0]?.DeleteResource).toBe(true);
    expect(JSON.stringify(calls())).not.toContain('banned link');
    expect(logger.lines.some((line) => line.attributes?.reason === 'contains a banned link')).toBe(true);
    expect(summary.action).toBe('deny');
  });

  it('logs a routine clean message at debug and every moderation action at info, with the decision fields', async () => {
    // Prepare
    const { client } = mockedChime();
    const logger = capturingLogger();
    const decide = [noChange(), deny('spam', { rule: 'spam' }), update({ content: 'masked' })];
    const handler = channelFlowProcessor(() => decide.shift()!, { client, logger });
    // Act
    for (let i = 0; i < 3; i++) await handler(standardEvent(), lambdaContext());
    // Assess
    const sent = logger.lines.filter((line) => line.message === 'ChannelFlowCallback sent');
    expect(sent.map((line) => [line.level, line.attributes?.action])).toEqual([
      ['debug', 'noChange'],
      ['info', 'deny'],
      ['info', 'update'],
    ]);
    expect(sent[1]?.attributes).toMatchObject({
      decidedBy: 'processor',
      rule: 'spam',
      reason: 'spam',
      duplicate: false,
    });
    for (const line of sent)
      expect(Object.keys(line.attributes ?? {})).toEqual(
        expect.arrayContaining(['messageId', 'callbackId', 'durationMs']),
      );
  });

  it('logs a policy decision at info even when it lets the message through unchanged', async () => {
    const { client } = mockedChime();
    const logger = capturingLogger();
    await channelFlowProcessor(
      () => {
        throw new Error('boom');
      },
      { client, logger },
    )(standardEvent(), lambdaContext());
    expect(logger.lines.find((line) => line.message === 'ChannelFlowCallback sent')).toMatchObject({
      level: 'info',
      attributes: { action: 'noChange', decidedBy: 'policy', error: 'Error' },
    });
  });

  it('update(patch): only the patched fields change', async () => {
    const { client, calls } = mockedChime();
    const event = standardEvent();
    await channelFlowProcessor((message) => update({ content: message.Content.toUpperCase() }), {
      client,
      logger: capturingLogger(),
    })(event, lambdaContext());
    expect(calls()[0]?.ChannelMessage).toMatchObject({
      Content: event.ChannelMessage.Content.toUpperCase(),
      Metadata: event.ChannelMessage.Metadata,
    });
  });

  it('an update equal to the original is sent and reported as no-change', async () => {
    const { client, calls } = mockedChime();
    const event = standardEvent();
    const summary = await channelFlowProcessor((message) => update({ content: message.Content }), {
      client,
      logger: capturingLogger(),
    })(event, lambdaContext());
    expect(summary.action).toBe('noChange');
    expect(calls()[0]?.ChannelMessage?.Content).toBe(event.ChannelMessage.Content);
  });

  it('gives the processor the parsed message, the event, the context, an abort signal and the logger', async () => {
    const { client } = mockedChime();
    const logger = capturingLogger();
    const event = standardEvent();
    const context = lambdaContext();
    const seen: unknown[] = [];
    await channelFlowProcessor(
      (message, ctx) => {
        seen.push(message, ctx.event, ctx.context, ctx.signal instanceof AbortSignal, ctx.logger);
        return noChange();
      },
      { client, logger },
    )(event, context);
    expect(seen).toEqual([event.ChannelMessage, event, context, true, logger]);
  });

  it("keeps .use() for the user's own middlewares, whose after hooks see the decision first", async () => {
    const { client, calls } = mockedChime();
    const handler = channelFlowProcessor(() => update({ content: 'from processor' }), {
      client,
      logger: capturingLogger(),
    }).use({
      after: (request) => {
        request.response = update({
          content: `${(request.response as { patch: { content: string } }).patch.content} + middleware`,
        });
      },
    });
    await handler(standardEvent(), lambdaContext());
    expect(calls()[0]?.ChannelMessage?.Content).toBe('from processor + middleware');
  });

  it('answers even when a user middleware returns early from before (no message left PENDING)', async () => {
    const { client, calls } = mockedChime();
    const handler = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() }).use({
      before: () => deny('blocked by a before hook'),
    });
    await handler(standardEvent(), lambdaContext());
    expect(calls()).toHaveLength(1);
    expect(calls()[0]?.DeleteResource).toBe(true);
  });
});

describe('channelFlowProcessor error policy', () => {
  const failures: Array<[string, () => unknown]> = [
    [
      'throws',
      () => {
        throw new TypeError('boom');
      },
    ],
    ['rejects', async () => Promise.reject(new RangeError('async boom'))],
    ['returns undefined', () => undefined],
    ['returns a string', () => 'allow'],
  ];

  it.each(failures)(
    'a processor that %s gets exactly one callback chosen by onError: allow (the default)',
    async (_label, processor) => {
      const { client, calls } = mockedChime();
      const logger = capturingLogger();
      const event = standardEvent();
      const summary = await channelFlowProcessor(processor as never, { client, logger })(event, lambdaContext());
      expect(calls()).toHaveLength(1);
      expect(calls()[0]?.DeleteResource).toBe(false);
      expect(calls()[0]?.ChannelMessage?.Content).toBe(event.ChannelMessage.Content);
      expect(summary).toMatchObject({ action: 'noChange', decidedBy: 'policy' });
      const errorLine = logger.lines.find((line) => line.level === 'error');
      expect(errorLine?.attributes).toMatchObject({ errorName: summary.error, policy: 'allow' });
      // Messages of the processor's own errors stay out of the log (they may quote content); stack frames stay in.
      expect(typeof errorLine?.attributes?.stack).toBe('string');
    },
  );

  it.each(failures)('a processor that %s is denied with onError: deny', async (_label, processor) => {
    const { client, calls } = mockedChime();
    const summary = await channelFlowProcessor(processor as never, {
      client,
      logger: capturingLogger(),
      onError: 'deny',
    })(standardEvent(), lambdaContext());
    expect(calls()).toHaveLength(1);
    expect(calls()[0]?.DeleteResource).toBe(true);
    expect(summary).toMatchObject({ action: 'deny', decidedBy: 'policy' });
  });

  it('onError: rethrow sends no callback and fails the invocation with the cause', async () => {
    const { client, calls } = mockedChime();
    const handler = channelFlowProcessor(
      () => {
        throw new TypeError('boom');
      },
      { client, logger: capturingLogger(), onError: 'rethrow' },
    );
    await expect(handler(standardEvent(), lambdaContext())).rejects.toThrow(TypeError);
    expect(calls()).toHaveLength(0);
  });

  it('names DecisionLimitError in the summary when a decision breaks a limit', async () => {
    const { client } = mockedChime();
    const summary = await channelFlowProcessor(() => update({ content: 'a'.repeat(5000) }), {
      client,
      logger: capturingLogger(),
    })(standardEvent(), lambdaContext());
    expect(summary.error).toBe('DecisionLimitError');
  });

  it('an answerable event with a malformed field is answered by the policy without running the processor', async () => {
    const { client, calls } = mockedChime();
    const event = standardEvent() as Record<string, any>;
    event.ChannelMessage.Content = 12;
    const processor = jest.fn(() => noChange());
    const summary = await channelFlowProcessor(processor, { client, logger: capturingLogger(), onError: 'deny' })(
      event as never,
      lambdaContext(),
    );
    expect(processor).not.toHaveBeenCalled();
    expect(calls()[0]?.DeleteResource).toBe(true);
    expect(summary.error).toBe('InvalidEventError');
  });

  it.each([
    ['CallbackId', (e: Record<string, any>) => delete e.CallbackId],
    ['ChannelMessage.ChannelArn', (e: Record<string, any>) => delete e.ChannelMessage.ChannelArn],
    ['ChannelMessage.MessageId', (e: Record<string, any>) => (e.ChannelMessage.MessageId = 5)],
  ])('an event without a valid %s fails with InvalidEventError and sends nothing', async (field, mutate) => {
    const { client, calls } = mockedChime();
    const event = standardEvent() as Record<string, any>;
    mutate(event);
    const promise = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(
      event as never,
      lambdaContext(),
    );
    await expect(promise).rejects.toBeInstanceOf(InvalidEventError);
    await expect(promise).rejects.toMatchObject({ field });
    expect(calls()).toHaveLength(0);
  });
});

describe('channelFlowProcessor deadline', () => {
  it.each<[OnError, boolean]>([
    ['allow', false],
    ['deny', true],
  ])(
    'a processor still running at the deadline gets the %s policy, its signal aborts, and the handler returns before the timeout',
    async (onError, deleted) => {
      const { client, calls } = mockedChime();
      let aborted = false;
      const handler = channelFlowProcessor(
        (_message, { signal }) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => resolve(noChange()), 10_000);
            signal.addEventListener('abort', () => {
              aborted = true;
              clearTimeout(timer);
            });
          }),
        { client, logger: capturingLogger(), onError, deadlineMarginMs: 150 },
      );
      const context = lambdaContext({ timeoutMs: 400 });
      const summary = await handler(standardEvent(), context);
      expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
      expect(aborted).toBe(true);
      expect(calls()).toHaveLength(1);
      expect(calls()[0]?.DeleteResource).toBe(deleted);
      expect(summary).toMatchObject({ decidedBy: 'policy', error: 'ProcessorTimeoutError' });
    },
  );
});

describe('channelFlowProcessor duplicates and refused callbacks', () => {
  it.each([
    ['ConflictException (two callbacks racing)', sdkError('ConflictException', 409)],
    [
      'BadRequestException for a non-pending message',
      sdkError('BadRequestException', 400, 'Unable to complete processing of non-pending message for callback id abc'),
    ],
  ])('%s resolves as a duplicate with an info log, without retrying', async (_label, refusal) => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(refusal);
    const logger = capturingLogger();
    const summary = await channelFlowProcessor(() => noChange(), { client, logger })(standardEvent(), lambdaContext());
    expect(summary.duplicate).toBe(true);
    expect(mock.commandCalls(ChannelFlowCallbackCommand)).toHaveLength(1);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(0);
    expect(logger.lines.some((line) => line.level === 'info' && /duplicate/i.test(line.message))).toBe(true);
  });

  it('a 403 on a CallbackId this container never answered resolves but logs at error naming both causes', async () => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(sdkError('ForbiddenException', 403, 'Access denied'));
    const logger = capturingLogger();
    const event = standardEvent();
    event.CallbackId = newCallbackId(); // never answered by this container
    const summary = await channelFlowProcessor(() => noChange(), { client, logger })(event, lambdaContext());
    expect(summary.duplicate).toBe(true);
    const error = logger.lines.find((line) => line.level === 'error');
    expect(error?.message).toMatch(/already answered/);
    expect(error?.message).toMatch(/chime:ChannelFlowCallback/);
  });

  it('a 403 on a redelivery this container already answered is a quiet duplicate', async () => {
    const { client, mock } = mockedChime();
    const event = standardEvent();
    const handler = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() });
    await handler(structuredClone(event), lambdaContext());
    mock.on(ChannelFlowCallbackCommand).rejects(sdkError('ForbiddenException', 403, 'Access denied'));
    const logger = capturingLogger();
    const summary = await channelFlowProcessor(() => noChange(), { client, logger })(
      structuredClone(event),
      lambdaContext(),
    );
    expect(summary.duplicate).toBe(true);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(0);
  });

  it.each([
    ['BadRequestException (not a duplicate)', sdkError('BadRequestException', 400, 'Invalid content')],
    ['UnauthorizedClientException', sdkError('UnauthorizedClientException', 401)],
  ])('%s rejects the invocation with CallbackError: the message did not get through', async (_label, refusal) => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(refusal);
    const promise = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(
      standardEvent(),
      lambdaContext(),
    );
    await expect(promise).rejects.toBeInstanceOf(CallbackError);
    await expect(promise).rejects.toMatchObject({ errorName: refusal.name });
    expect(mock.commandCalls(ChannelFlowCallbackCommand)).toHaveLength(1);
  });
});

describe('channelFlowProcessor options', () => {
  it.each([
    ['client', { client: {} }],
    ['onError', { onError: 'dney' }],
    ['deadlineMarginMs', { deadlineMarginMs: -1 }],
    ['deadlineMarginMs', { deadlineMarginMs: 1.5 }],
    ['logger', { logger: { info() {} } }],
    ['metrics', { metrics: 'yes' }],
  ])('rejects a bad %s at build time with InvalidOptionsError naming it', (option, options) => {
    let error: unknown;
    try {
      channelFlowProcessor(() => noChange(), options as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect((error as InvalidOptionsError).option).toBe(option);
    expect((error as InvalidOptionsError).message).toMatch(new RegExp(`^Invalid option ${option}: must be `));
  });

  it('rejects options that are not an object, and accepts every valid one', () => {
    expect(() => channelFlowProcessor(() => noChange(), null as never)).toThrow(InvalidOptionsError);
    const { client } = mockedChime();
    expect(() =>
      channelFlowProcessor(() => noChange(), {
        client,
        onError: 'deny',
        deadlineMarginMs: 0,
        logger: capturingLogger(),
        metrics: { namespace: 'X' },
      }),
    ).not.toThrow();
  });
});
