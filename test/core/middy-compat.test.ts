// The middleware in users' own middy chains, on both supported majors of @middy/core (peer range ^6 || ^7).
import { describe, expect, it } from '@jest/globals';
import middy7 from '@middy/core';
import middy6 from '@middy/core-v6';
import { channelFlowCallback } from '../../src/middleware/channel-flow-callback.js';
import { validateProcessorOptions } from '../../src/middleware/options.js';
import { noChange, update } from '../../src/decision/index.js';
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
