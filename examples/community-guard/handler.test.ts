import { beforeEach, describe, expect, it } from '@jest/globals';
import { runExample, stubCallbacks } from '../../test/deploy/example-harness.js';
import { handler } from './handler.js';

const messaging = stubCallbacks();
beforeEach(() => {
  messaging.resetHistory();
});

describe('community-guard example', () => {
  it('lets an ordinary message with a trusted link through', async () => {
    const content = 'the fix is in https://github.com/aws/aws-sdk-js-v3/pull/1 , please review';
    const { summary, callback } = await runExample(handler, messaging, { Content: content });
    expect(summary.action).toBe('noChange');
    expect(callback.ChannelMessage?.Content).toBe(content);
  });

  it.each([
    ['a link to an unknown site', 'great deals at https://totally-legit-deals.example/win'],
    ['a scam phrase', 'claim your FREE CRYPTO airdrop today'],
    ['a scam pattern', 'I can double your bitcoin in a week'],
    ['shouting', 'WHY IS NOBODY ANSWERING MY QUESTION ABOUT THE DEPLOY'],
    ['mass mentions', '@ann @bob @cyd @dee @eve @fay @gus please look'],
    ['a wall of text', 'lorem ipsum '.repeat(300)],
  ])('denies %s without logging the content', async (_, content) => {
    const { summary, callback, logs } = await runExample(handler, messaging, { Content: content });
    expect(summary.action).toBe('deny');
    expect(callback).toMatchObject({ DeleteResource: true, ChannelMessage: { MessageId: expect.any(String) } });
    expect(callback.ChannelMessage?.Content).toBeUndefined();
    expect(logs).not.toContain(content.slice(0, 20));
  });

  it('masks profanity instead of denying it', async () => {
    const { summary, callback } = await runExample(handler, messaging, { Content: 'that build was shit, rerunning' });
    expect(summary.action).toBe('update');
    expect(callback.ChannelMessage?.Content).not.toMatch(/shit/i);
    expect(callback.ChannelMessage?.Content).toMatch(/rerunning$/);
  });
});
