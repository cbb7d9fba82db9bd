// A rule's middy `after` hook called as middy calls it, on the requests a user's own chain may hand it:
// responses that are not decisions, events without a message, passes, edits merged into the handler's
// patch (with annotations), and the options defineRule() refuses.
import { describe, expect, it } from '@jest/globals';
import { deny, noChange, update } from '../../src/decision/index.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { defineRule, PASS, type RuleContext, type RuleRequest } from '../../src/moderation/index.js';
import { channelFlowEvent, lambdaContext } from '../../src/testing/index.js';

const request = (response: unknown, event: unknown = channelFlowEvent({ Content: 'hello world' })): RuleRequest => ({
  event,
  context: lambdaContext(),
  response,
});

const shout = (options?: { annotate?: boolean }) =>
  defineRule('shout', (draft) => ({ kind: 'edit', content: draft.content.toUpperCase(), count: 1 }), options);

describe('a rule as a middy after hook', () => {
  it('leaves a response that is not a decision, and a deny, as they are', async () => {
    // Prepare
    const rule = shout();
    const notADecision = request({ statusCode: 200 });
    const denied = request(deny('handler said no'));
    const before = denied.response;
    // Act
    await rule.after(notADecision);
    await rule.after(denied);
    // Assess
    expect(notADecision.response).toEqual({ statusCode: 200 });
    expect(denied.response).toBe(before);
  });

  it('leaves the decision alone when the event carries no usable message', async () => {
    // Prepare
    const rule = shout();
    const events = [null, {}, { ChannelMessage: 'text' }, { ChannelMessage: { Content: 42 } }];
    const requests = events.map((event) => request(noChange(), event));
    // Act
    for (const each of requests) await rule.after(each);
    // Assess
    for (const each of requests) expect(each.response).toEqual(noChange());
  });

  it('leaves the decision alone when the rule passes', async () => {
    // Prepare
    const rule = defineRule('quiet', () => PASS);
    const handled = request(update({ content: 'changed by the handler' }, { rule: 'handler' }));
    const before = handled.response;
    // Act
    await rule.after(handled);
    // Assess
    expect(handled.response).toBe(before);
  });

  it("edits on top of the handler's patch, keeps its other fields, and appends the rule name", async () => {
    // Prepare
    const rule = shout();
    const handled = request(
      update({ content: 'from the handler', metadata: '{"a":1}' }, { rule: 'handler' }),
      channelFlowEvent({ Content: 'as written' }),
    );
    // Act
    await rule.after(handled);
    // Assess
    expect(handled.response).toEqual(
      update({ content: 'FROM THE HANDLER', metadata: '{"a":1}' }, { rule: 'handler,shout' }),
    );
  });

  it('annotates the metadata the handler set, or the message metadata', async () => {
    // Prepare
    const rule = shout({ annotate: true });
    const fromHandler = request(update({ metadata: '{"client":"web"}' }));
    const fromMessage = request(noChange(), channelFlowEvent({ Content: 'hi', Metadata: '{"m":1}' }));
    // Act
    await rule.after(fromHandler);
    await rule.after(fromMessage);
    // Assess
    const entry = '{"rule":"shout","action":"edit","count":1}';
    expect(fromHandler.response).toEqual(
      update({ content: 'HELLO WORLD', metadata: `{"client":"web","moderation":[${entry}]}` }, { rule: 'shout' }),
    );
    expect(fromMessage.response).toEqual(
      update({ content: 'HI', metadata: `{"m":1,"moderation":[${entry}]}` }, { rule: 'shout' }),
    );
  });

  it('gives the check one default logger outside a channelFlowCallback chain', async () => {
    // Prepare
    const loggers: RuleContext['logger'][] = [];
    const rule = defineRule('look', (_draft, ctx) => {
      loggers.push(ctx.logger);
      return PASS;
    });
    // Act
    await rule.after(request(noChange()));
    await rule.after(request(noChange()));
    // Assess
    expect(loggers).toHaveLength(2);
    expect(typeof loggers[0]?.info).toBe('function');
    expect(loggers[1]).toBe(loggers[0]);
  });
});

describe('defineRule() options', () => {
  it('refuses a check that is not a function', () => {
    expect(() => defineRule('x', 'not a function' as never)).toThrow(
      new InvalidOptionsError('check', 'must be a function'),
    );
  });

  it('refuses options that are not an object, and an annotate that is not a boolean', () => {
    for (const options of [null, 'annotate', [true]]) {
      expect(() => defineRule('x', () => PASS, options as never)).toThrow(
        new InvalidOptionsError('options', 'must be an object'),
      );
    }
    expect(() => defineRule('x', () => PASS, { annotate: 'yes' as never })).toThrow(
      new InvalidOptionsError('annotate', 'must be a boolean'),
    );
  });

  it('annotates only when annotate is true', () => {
    expect([defineRule('a', () => PASS).annotate, defineRule('b', () => PASS, { annotate: true }).annotate]).toEqual([
      false,
      true,
    ]);
  });
});
