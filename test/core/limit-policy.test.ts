// A decision that breaks a callback limit is never answered with the message as written
// (issue: a rule's labels pushed a 4096-byte message over the limit and the original went out).
import { describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import { channelFlowCallback } from '../../src/middleware/channel-flow-callback.js';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { fitCallback } from '../../src/callback/fit-decision.js';
import { CALLBACK_LIMITS, TRUNCATION_MARKER, fitContent } from '../../src/callback/limits.js';
import { noChange, update, type Decision } from '../../src/decision/index.js';
import { keywords, links, maxLength, moderate, pii, profanity, spam, type Rule } from '../../src/moderation/index.js';
import { lambdaContext } from '../../src/testing/index.js';
import { capturingLogger, mockedChime } from './harness.js';
import { standardEvent } from './fixtures.js';
import { PROFANE_BASE } from '../moderation/helpers.js';

const LIMIT = CALLBACK_LIMITS.contentMaxBytes;
const bytes = (text: string) => Buffer.byteLength(text);

/** `unit` repeated to the largest message within the limit (plus filler up to `total` bytes). */
function paddedWith(unit: string, total: number = LIMIT): string {
  const text = unit.repeat(Math.floor(total / bytes(unit)));
  return text + 'x'.repeat(total - bytes(text));
}

const swear = PROFANE_BASE.find((word) => /^[a-z]+$/.test(word))!;

/** Each rule, a text it edits, and text that must be gone from what is sent (when it redacts). */
const CASES: Array<[string, () => Rule, string, string | undefined]> = [
  ['links (redact)', () => links(), 'visit evil.io now ', 'evil.io'],
  ['pii (label)', () => pii(), 'a@b.co ', 'a@b.co'],
  ['pii (mask)', () => pii({ style: 'mask' }), 'mail a@b.co ', 'a@b.co'],
  ['profanity (mask)', () => profanity(), `${swear} `, swear],
  ['keywords (mask)', () => keywords({ words: ['frak'], action: 'mask' }), 'frak ', 'frak'],
  ['spam (clean)', () => spam({ maxRepeatedChars: 3, action: 'clean' }), 'nooooooo ', 'oooooooo'],
  ['maxLength (truncate)', () => maxLength({ chars: 100 }), 'a long line ', undefined],
];

/** What the one callback carried. */
function sentOnce(calls: () => unknown[]) {
  expect(calls()).toHaveLength(1);
  return calls()[0] as { DeleteResource: boolean; ChannelMessage: { Content?: string } };
}

function expectNeverTheOriginal(
  sent: { DeleteResource: boolean; ChannelMessage: { Content?: string } },
  original: string,
  gone: string | undefined,
) {
  if (sent.DeleteResource) return;
  const content = sent.ChannelMessage.Content ?? '';
  expect(content).not.toBe(original);
  expect(bytes(content)).toBeLessThanOrEqual(LIMIT);
  if (gone !== undefined) expect(content).not.toContain(gone);
}

describe('a rule whose edit breaks a limit never delivers the original', () => {
  for (const size of [LIMIT - 100, LIMIT]) {
    it.each(CASES)(`%s in moderate(), ${size}-byte message`, async (_label, rule, unit, gone) => {
      const { client, calls } = mockedChime();
      const event = standardEvent();
      event.ChannelMessage.Content = paddedWith(unit, size);
      const handler = channelFlowProcessor(moderate(rule()), { client, logger: capturingLogger() });
      await handler(event, lambdaContext());
      expectNeverTheOriginal(sentOnce(calls), event.ChannelMessage.Content, gone);
    });

    it.each(CASES)(`%s as a middleware in a middy chain, ${size}-byte message`, async (_label, rule, unit, gone) => {
      const { client, calls } = mockedChime();
      const event = standardEvent();
      event.ChannelMessage.Content = paddedWith(unit, size);
      const handler = middy(async (): Promise<Decision> => noChange())
        .use(channelFlowCallback({ client, logger: capturingLogger() }))
        .use(rule());
      await handler(event as never, lambdaContext());
      expectNeverTheOriginal(sentOnce(calls), event.ChannelMessage.Content, gone);
    });
  }

  it('the README order, moderate(profanity(), pii(), links()), on 585 copies of an address', async () => {
    const { client, calls } = mockedChime();
    const event = standardEvent();
    event.ChannelMessage.Content = 'a@b.co '.repeat(585);
    await channelFlowProcessor(moderate(profanity(), pii(), links()), { client, logger: capturingLogger() })(
      event,
      lambdaContext(),
    );
    const sent = sentOnce(calls);
    expectNeverTheOriginal(sent, event.ChannelMessage.Content, 'a@b.co');
    expect(sent.DeleteResource).toBe(false);
    expect(sent.ChannelMessage.Content?.endsWith(TRUNCATION_MARKER)).toBe(true);
  });
});

describe('an update over a limit, whatever onError says', () => {
  it.each(['allow', 'deny', 'rethrow'] as const)(
    'content over 4096 bytes is cut with a marker and sent (onError: %s)',
    async (onError) => {
      const { client, calls } = mockedChime();
      const logger = capturingLogger();
      const summary = await channelFlowProcessor(() => update({ content: 'é'.repeat(3000) }), {
        client,
        logger,
        onError,
      })(standardEvent(), lambdaContext());
      const content = (calls()[0]?.ChannelMessage?.Content ?? '') as string;
      expect(bytes(content)).toBeLessThanOrEqual(LIMIT);
      expect(content.endsWith(TRUNCATION_MARKER)).toBe(true);
      expect(summary).toMatchObject({ action: 'update', decidedBy: 'processor', error: 'DecisionLimitError' });
      expect(logger.lines.find((line) => line.level === 'warn')?.attributes).toMatchObject({
        field: 'ChannelMessage.Content',
      });
    },
  );

  it.each(['allow', 'deny', 'rethrow'] as const)(
    'any other broken limit denies the message (onError: %s)',
    async (onError) => {
      const { client, calls } = mockedChime();
      const summary = await channelFlowProcessor(
        () => update({ content: 'redacted', pushNotification: { title: 'x'.repeat(51) } }, { rule: 'mine' }),
        { client, logger: capturingLogger(), onError },
      )(standardEvent(), lambdaContext());
      expect(calls()).toHaveLength(1);
      expect(calls()[0]?.DeleteResource).toBe(true);
      expect(summary).toMatchObject({ action: 'deny', decidedBy: 'policy', error: 'DecisionLimitError', rule: 'mine' });
    },
  );

  it('an update that empties the content is denied', () => {
    const fitted = fitCallback(standardEvent(), update({ content: '' }));
    expect(fitted.action).toBe('deny');
    expect(fitted.fitted?.how).toBe('denied');
  });
});

describe('fitContent', () => {
  it('leaves content within the limit as it is', () => {
    const text = paddedWith('é');
    expect(fitContent(text)).toBe(text);
  });

  it.each(['x', 'é', '€', '😀', 'a😀'])('cuts "%s" repeated between code points, marker included', (unit) => {
    const fitted = fitContent(unit.repeat(5000));
    expect(bytes(fitted)).toBeLessThanOrEqual(LIMIT);
    expect(bytes(fitted)).toBeGreaterThan(LIMIT - 8);
    expect(fitted.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(fitted).not.toContain('\uFFFD');
  });
});
