import { describe, expect, it } from '@jest/globals';
import middy7 from '@middy/core';
import middy6 from '@middy/core-v6';
import { mockClient } from 'aws-sdk-client-mock';
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowCallback, channelFlowProcessor } from '../../src/middleware/index.js';
import { deny, noChange, update, type Decision } from '../../src/decision/index.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { channelFlowEvent, lambdaContext } from '../../src/testing/index.js';
import { defineRule, links, maxLength, moderate, pii, profanity, PASS, type Rule } from '../../src/moderation/index.js';
import { processorContext } from './helpers.js';

const message = (Content: string, Metadata?: string) => ({ ...channelFlowEvent().ChannelMessage, Content, Metadata });
const run = async (processor: ReturnType<typeof moderate>, content: string, metadata?: string) =>
  processor(message(content, metadata), processorContext());

/** A rule that records that it ran, then passes. */
function spy(name: string, calls: string[]): Rule {
  return defineRule(name, () => {
    calls.push(name);
    return PASS;
  });
}

describe('moderate()', () => {
  it('returns noChange() when no rule edits', async () => {
    expect(await run(moderate(profanity(), pii()), 'hello there')).toEqual(noChange());
  });

  it('accumulates edits of several rules into one update naming them in order', async () => {
    const decision = await run(moderate(profanity(), pii()), 'shit, mail bob@example.com');
    expect(decision).toEqual(update({ content: '****, mail [EMAIL]' }, { rule: 'profanity,pii' }));
  });

  it('lets each rule see the draft left by the rules before it', async () => {
    const seen: string[] = [];
    const look = defineRule('look', (draft) => {
      seen.push(draft.content);
      return PASS;
    });
    await run(moderate(pii(), look), 'mail bob@example.com');
    expect(seen).toEqual(['mail [EMAIL]']);
  });

  it('short-circuits on a deny: later rules do not run, the reason names the rule', async () => {
    const calls: string[] = [];
    const decision = await run(
      moderate(spy('first', calls), profanity({ action: 'deny' }), spy('after', calls)),
      'oh shit',
    );
    expect(calls).toEqual(['first']);
    expect(decision).toMatchObject({ action: 'deny', rule: 'profanity' });
    expect((decision as { reason: string }).reason).toMatch(/^profanity: /);
  });

  it('stays synchronous while every rule is', () => {
    const result = moderate(profanity(), pii())(message('hi'), processorContext());
    expect(result).not.toBeInstanceOf(Promise);
  });

  it('awaits asynchronous rules and keeps the order', async () => {
    const calls: string[] = [];
    const slow = defineRule('slow', async (draft) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push('slow');
      return { kind: 'edit', content: `${draft.content}!`, count: 1 };
    });
    const decision = await run(moderate(slow, spy('next', calls), maxLength({ chars: 5 })), 'abcdef');
    expect(calls).toEqual(['slow', 'next']);
    expect(decision).toEqual(update({ content: 'abcde' }, { rule: 'slow,maxLength' }));
  });

  it('treats edits that end where the message started as no change', async () => {
    const noop = defineRule('noop', (draft) => ({ kind: 'edit', content: draft.content, count: 0 }));
    expect(await run(moderate(noop), 'same')).toEqual(noChange());
    const bang = defineRule('bang', (draft) => ({ kind: 'edit', content: `${draft.content}!`, count: 1 }));
    expect(await run(moderate(bang, maxLength({ chars: 3 })), 'abc')).toEqual(noChange());
  });

  it('rejects something that is not a rule at build time', () => {
    expect(() => moderate(profanity(), {} as Rule)).toThrow(InvalidOptionsError);
    expect(() => defineRule('bad name!', () => PASS)).toThrow(InvalidOptionsError);
  });
});

describe('annotate', () => {
  it('adds what the rule did to JSON metadata, keeping the sender JSON byte for byte', async () => {
    const decision = (await run(
      moderate(pii({ annotate: true })),
      'mail bob@example.com',
      '{ "client": "web" }',
    )) as Extract<Decision, { action: 'update' }>;
    expect(decision.patch.metadata).toBe('{ "client": "web" ,"moderation":[{"rule":"pii","action":"edit","count":1}]}');
    expect(JSON.parse(decision.patch.metadata!)).toEqual({
      client: 'web',
      moderation: [{ rule: 'pii', action: 'edit', count: 1 }],
    });
  });

  it('creates metadata when there is none and appends for each annotating rule', async () => {
    const decision = (await run(
      moderate(profanity({ annotate: true }), pii({ annotate: true })),
      'shit bob@example.com',
    )) as Extract<Decision, { action: 'update' }>;
    expect(JSON.parse(decision.patch.metadata!).moderation.map((a: { rule: string }) => a.rule)).toEqual([
      'profanity',
      'pii',
    ]);
  });

  it('leaves metadata alone when it is not a JSON object or the result would pass 1024 characters', async () => {
    const text = (await run(moderate(pii({ annotate: true })), 'bob@example.com', 'plain text metadata')) as Extract<
      Decision,
      { action: 'update' }
    >;
    expect(text.patch.metadata).toBeUndefined();
    const big = JSON.stringify({ pad: 'x'.repeat(1000) });
    const full = (await run(moderate(pii({ annotate: true })), 'bob@example.com', big)) as Extract<
      Decision,
      { action: 'update' }
    >;
    expect(full.patch.metadata).toBeUndefined();
    expect(full.patch.content).toBe('[EMAIL]');
  });
});

// Both supported majors of the @middy/core peer range.
describe.each([
  ['@middy/core 7', middy7],
  ['@middy/core 6', middy6 as unknown as typeof middy7],
] as const)('rules as middy middlewares with %s', (_major, middy) => {
  const mockChime = () => {
    const client = new ChimeSDKMessagingClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(ChannelFlowCallbackCommand).resolves({ ChannelArn: 'arn', CallbackId: 'cb' });
    return { client, sent: () => mock.commandCalls(ChannelFlowCallbackCommand).map((call) => call.args[0].input) };
  };
  const logger = createJsonLogger({ level: 'silent' });

  it('apply on top of the handler decision, after channelFlowCallback parses the event', async () => {
    const { client, sent } = mockChime();
    const handler = middy(
      async (): Promise<Decision> => update({ pushNotification: { title: 'hi', body: 'there', type: 'DEFAULT' } }),
    )
      .use(channelFlowCallback({ client, logger }))
      .use(pii())
      .use(profanity());
    const summary = await handler(channelFlowEvent({ Content: 'shit bob@example.com' }) as never, lambdaContext());
    expect(sent()[0]?.ChannelMessage?.Content).toBe('**** [EMAIL]');
    expect(sent()[0]?.ChannelMessage?.PushNotification?.Title).toBe('hi');
    // middy runs `after` hooks in reverse order of use(): profanity, then pii.
    expect(summary).toMatchObject({ action: 'update', rule: 'profanity,pii' });
  });

  it('turn a noChange into a deny, and never undo a handler deny', async () => {
    const { client, sent } = mockChime();
    const allow = middy(async () => noChange())
      .use(channelFlowCallback({ client, logger }))
      .use(links({ action: 'deny' }));
    await allow(channelFlowEvent({ Content: 'join discord.gg/abc' }) as never, lambdaContext());
    const denied = middy(async () => deny('handler said no'))
      .use(channelFlowCallback({ client, logger }))
      .use(profanity());
    await denied(channelFlowEvent({ Content: 'shit' }) as never, lambdaContext());
    expect(sent().map((input) => input.DeleteResource)).toEqual([true, true]);
  });

  it('compose with channelFlowProcessor(moderate(...)) end to end', async () => {
    const { client, sent } = mockChime();
    const handler = channelFlowProcessor(moderate(profanity(), pii()), { client, logger });
    const summary = await handler(channelFlowEvent({ Content: 'f.u.c.k, call +1 213-373-4253' }), lambdaContext());
    expect(sent()[0]?.ChannelMessage?.Content).toBe('*******, call [PHONE]');
    expect(summary).toMatchObject({ action: 'update', decidedBy: 'processor' });
  });
});
