import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseChannelFlowEvent } from 'chime-channel-flow';
import { ChannelFlowEventSchema } from 'chime-channel-flow/zod';
import { standardEvent } from '../core/fixtures.js';

/** Absent, or a value of the wrong type, or one that breaks a limit, or a valid one: each field varies. */
const field = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 20, arbitrary: valid },
    { weight: 1, arbitrary: invalid },
    fc.constant(undefined),
    fc.constant(null),
  );

const idChars = fc.constantFrom(...'-_aZ09'.split(''), '!', ' ', 'é');
const ids = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[-_a-zA-Z0-9]{1,128}$/) },
  fc.string({ unit: idChars, minLength: 0, maxLength: 140 }),
);
const arns = fc.oneof(
  fc.constantFrom(
    'arn:aws:chime:us-east-1:111122223333:app-instance/abc/channel/xyz',
    'arn:aws-cn:chime:cn-north-1:111122223333:app-instance/a/channel/b',
  ),
  fc.constantFrom(
    'arn:',
    'arn:aws:chime:us-east-1:1:/x',
    'ARN:aws:x:y:z:a',
    'arn:a:b:c:d:e',
    `arn:a:b:c:d:${'e'.repeat(1600)}`,
  ),
  fc.string({ maxLength: 20 }),
);
const callbackIds = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 32, maxLength: 64 }) },
  fc.string({ minLength: 0, maxLength: 80 }),
);
const attributes = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.oneof(
    fc.record({ StringValues: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) }, { requiredKeys: [] }),
    fc.record({ StringValues: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }) }),
    fc.constantFrom(null, 'x', 1, [], { StringValues: 'x' }),
  ),
  { maxKeys: 3 },
);
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));

const messages = fc.record(
  {
    MessageId: field(ids, notString),
    ChannelArn: field(arns, notString),
    Content: field(fc.string({ maxLength: 30 }), notString),
    Metadata: field(fc.string({ maxLength: 10 }), notString),
    ContentType: field(fc.string({ maxLength: 10 }), notString),
    SubChannelId: field(ids, notString),
    MessageAttributes: field(attributes, fc.oneof(notString, fc.string())),
    FutureField: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const events = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record(
      {
        EventType: field(fc.constant('CHANNEL_MESSAGE_EVENT'), notString),
        CallbackId: field(callbackIds, notString),
        ChannelMessage: field(messages, fc.oneof(fc.string(), fc.constant([]))),
        FutureTopLevel: fc.anything({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([]), fc.string(), fc.integer()) },
);

const parserAccepts = (input: unknown) => {
  try {
    parseChannelFlowEvent(input);
    return true;
  } catch {
    return false;
  }
};

describe('chime-channel-flow/zod', () => {
  it('accepts the standard event and keeps fields the service adds later', () => {
    // Prepare
    const event = { ...standardEvent(), FutureTopLevel: 1 };
    // Act
    const parsed = ChannelFlowEventSchema.parse(event);
    // Assess
    expect(parsed).toEqual(event);
  });

  it('agrees with parseChannelFlowEvent on every generated event (accepted by one iff by the other)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(events, (input) => {
        const zod = ChannelFlowEventSchema.safeParse(input).success;
        if (zod) accepted += 1;
        expect(zod).toBe(parserAccepts(input));
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both sides, or the agreement proves nothing.
    expect(accepted).toBeGreaterThan(30);
  });

  it('rejects what the parser rejects, naming the same field', () => {
    // Prepare
    const event = standardEvent();
    event.CallbackId = 'short';
    // Act
    const result = ChannelFlowEventSchema.safeParse(event);
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['CallbackId']);
    expect(parserAccepts(event)).toBe(false);
  });
});
