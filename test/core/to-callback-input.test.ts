import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toCallbackInput, resolveCallback } from '../../src/callback/to-callback-input.js';
import { codePointLength } from '../../src/callback/limits.js';
import { deny, noChange, update, type Decision, type MessagePatch } from '../../src/decision/index.js';
import { DecisionLimitError } from '../../src/errors.js';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import { callbackViolations } from './model-validator.js';
import { standardEvent } from './fixtures.js';

const limitError = (event: ChannelFlowEvent, decision: Decision): DecisionLimitError => {
  try {
    toCallbackInput(event, decision);
  } catch (error) {
    if (error instanceof DecisionLimitError) return error;
    throw error;
  }
  throw new Error('expected a DecisionLimitError');
};

describe('toCallbackInput', () => {
  it('noChange() echoes the ids, the original content, metadata and attributes, and does not delete', () => {
    const event = standardEvent();
    const input = toCallbackInput(event, noChange());
    const m = event.ChannelMessage;
    expect(input).toEqual({
      CallbackId: event.CallbackId,
      ChannelArn: m.ChannelArn,
      DeleteResource: false,
      ChannelMessage: {
        MessageId: m.MessageId,
        Content: m.Content,
        Metadata: m.Metadata,
        MessageAttributes: m.MessageAttributes,
      },
    });
    expect(callbackViolations(input)).toEqual([]);
  });

  it('noChange() keeps the SubChannelId of an elastic channel', () => {
    const event = standardEvent();
    event.ChannelMessage.SubChannelId = 'sub-7';
    expect(toCallbackInput(event, noChange()).ChannelMessage?.SubChannelId).toBe('sub-7');
  });

  it('deny() sends DeleteResource true with only the MessageId, never the reason', () => {
    const event = standardEvent();
    const input = toCallbackInput(event, deny('secret reason text'));
    expect(input.DeleteResource).toBe(true);
    expect(input.ChannelMessage).toEqual({ MessageId: event.ChannelMessage.MessageId });
    expect(JSON.stringify(input)).not.toContain('secret reason text');
  });

  it('update() changes only the patched fields', () => {
    const event = standardEvent();
    const input = toCallbackInput(event, update({ content: 'masked ****' }));
    expect(input.ChannelMessage?.Content).toBe('masked ****');
    expect(input.ChannelMessage?.Metadata).toBe(event.ChannelMessage.Metadata);
    expect(input.ChannelMessage?.MessageAttributes).toEqual(event.ChannelMessage.MessageAttributes);
    expect(input.DeleteResource).toBe(false);
  });

  it('update() of metadata, attributes, content type and push notification sends each', () => {
    const event = standardEvent();
    const patch: MessagePatch = {
      metadata: '{"moderated":true}',
      messageAttributes: { lang: { StringValues: ['fr'] } },
      contentType: 'text/markdown',
      pushNotification: { title: 'New message', body: 'You have a new message', type: 'DEFAULT' },
    };
    const message = toCallbackInput(event, update(patch)).ChannelMessage;
    expect(message).toMatchObject({
      Content: event.ChannelMessage.Content,
      Metadata: patch.metadata,
      MessageAttributes: patch.messageAttributes,
      ContentType: 'text/markdown',
      PushNotification: { Title: 'New message', Body: 'You have a new message', Type: 'DEFAULT' },
    });
  });

  it('an update equal to the original is sent as no-change', () => {
    const event = standardEvent();
    const m = event.ChannelMessage;
    const result = resolveCallback(
      event,
      update({ content: m.Content, metadata: m.Metadata, messageAttributes: structuredClone(m.MessageAttributes) }),
    );
    expect(result.action).toBe('noChange');
    expect(result.input).toEqual(toCallbackInput(event, noChange()));
  });

  it.each<[string, MessagePatch, string]>([
    ['5000-character content', { content: 'a'.repeat(5000) }, 'ChannelMessage.Content'],
    ['4097 UTF-8 bytes of content in 1366 characters', { content: `${'€'.repeat(1365)}ab` }, 'ChannelMessage.Content'],
    ['empty content', { content: '' }, 'ChannelMessage.Content'],
    ['1025-character metadata', { metadata: 'm'.repeat(1025) }, 'ChannelMessage.Metadata'],
    [
      '51-character push title',
      { pushNotification: { title: 't'.repeat(51) } },
      'ChannelMessage.PushNotification.Title',
    ],
    [
      '151-character push body',
      { pushNotification: { body: 'b'.repeat(151) } },
      'ChannelMessage.PushNotification.Body',
    ],
    ['empty push title', { pushNotification: { title: '' } }, 'ChannelMessage.PushNotification.Title'],
    ['push type SMS', { pushNotification: { type: 'SMS' as 'DEFAULT' } }, 'ChannelMessage.PushNotification.Type'],
    [
      '65-character attribute name',
      { messageAttributes: { ['n'.repeat(65)]: { StringValues: ['v'] } } },
      'ChannelMessage.MessageAttributes name',
    ],
    [
      '513-character attribute value',
      { messageAttributes: { a: { StringValues: ['v'.repeat(513)] } } },
      'ChannelMessage.MessageAttributes value',
    ],
    [
      'empty attribute value',
      { messageAttributes: { a: { StringValues: [''] } } },
      'ChannelMessage.MessageAttributes value',
    ],
    [
      'attribute value not in StringValues',
      { messageAttributes: { a: 'v' as never } },
      'ChannelMessage.MessageAttributes value',
    ],
    [
      'attribute value a bare array',
      { messageAttributes: { a: ['v'] as never } },
      'ChannelMessage.MessageAttributes value',
    ],
    ['46-character content type', { contentType: 'c'.repeat(46) }, 'ChannelMessage.ContentType'],
    ['content that is not a string', { content: 42 as never }, 'ChannelMessage.Content'],
    ['a push notification that is an array', { pushNotification: [] as never }, 'ChannelMessage.PushNotification'],
  ])('rejects %s with DecisionLimitError naming the field, limit and size', (_label, patch, field) => {
    const error = limitError(standardEvent(), update(patch));
    expect(error.field).toBe(field);
    expect(error.limit).not.toBe('');
    expect(error.actual).not.toBe('');
    expect(error.message).toContain(field);
  });

  it('counts code points, as the model does: a 50-emoji push title fits', () => {
    const input = toCallbackInput(standardEvent(), update({ pushNotification: { title: '😀'.repeat(50) } }));
    expect(input.ChannelMessage?.PushNotification?.Title).toBe('😀'.repeat(50));
    expect(callbackViolations(input)).toEqual([]);
  });

  it('codePointLength counts a surrogate pair as one and a lone surrogate as one, as string iteration does (property)', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    const text = fc.oneof(
      fc.string({ unit }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('a', '😀', '\ud800', '\udc00') }),
    );
    fc.assert(
      fc.property(text, (value) => codePointLength(value) === [...value].length),
      { numRuns: 2000 },
    );
  });

  it('does not put the rejected value in the error message', () => {
    const error = limitError(standardEvent(), update({ metadata: 'SECRET'.repeat(200) }));
    expect(error.message).not.toContain('SECRET');
  });

  it('any valid event with any decision gives an input within the model limits, or DecisionLimitError (property)', () => {
    const idChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.split(''));
    const id = fc.string({ unit: idChars, minLength: 1, maxLength: 128 });
    const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
    const attributes = fc.dictionary(text(70), fc.record({ StringValues: fc.array(text(520), { maxLength: 3 }) }), {
      maxKeys: 3,
    });
    const validEvent = fc.record({
      CallbackId: fc.string({ unit: idChars, minLength: 32, maxLength: 64 }),
      MessageId: id,
      SubChannelId: fc.option(id, { nil: undefined }),
      Content: fc.string({ unit: 'binary', minLength: 1, maxLength: 1000 }),
      Metadata: fc.option(text(300), { nil: undefined }),
    });
    const patch = fc.record(
      {
        content: text(4200),
        metadata: text(1100),
        contentType: text(50),
        messageAttributes: attributes,
        pushNotification: fc.record(
          { title: text(55), body: text(160), type: fc.constantFrom('DEFAULT', 'VOIP', 'SMS') },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    const decision = fc.oneof(
      fc.constant(noChange()),
      fc.option(fc.string(), { nil: undefined }).map((reason) => deny(reason)),
      patch.map((p) => update(p as MessagePatch)),
    );
    fc.assert(
      fc.property(validEvent, decision, (fields, chosen) => {
        const event = standardEvent();
        event.CallbackId = fields.CallbackId;
        Object.assign(event.ChannelMessage, {
          MessageId: fields.MessageId,
          Content: fields.Content,
          Metadata: fields.Metadata,
          SubChannelId: fields.SubChannelId,
        });
        if (fields.SubChannelId === undefined) delete event.ChannelMessage.SubChannelId;
        if (fields.Metadata === undefined) delete event.ChannelMessage.Metadata;
        try {
          const input = toCallbackInput(event, chosen);
          expect(callbackViolations(input)).toEqual([]);
          expect(input.CallbackId).toBe(fields.CallbackId);
          expect(input.ChannelMessage?.MessageId).toBe(fields.MessageId);
        } catch (error) {
          if (!(error instanceof DecisionLimitError)) throw error;
          expect(chosen.action).toBe('update');
        }
      }),
      { numRuns: 1500 },
    );
  });
});
