import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ChannelFlowCallbackCommand,
  CreateChannelCommand,
  DescribeChannelCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { MESSAGING_MODEL as SERVICE_MODEL } from '../../src/local/model/models.js';
import type { Emulator } from '../../src/local/index.js';
import { APP, USER, clientFor, startQuietEmulator } from './helpers.js';

// Whatever JSON a signed client sends, the answer is a success or one of the operation's
// modeled errors (never a 500), and the server keeps serving.
describe('signed requests with arbitrary JSON bodies', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;
  let channelArn: string;
  let body = '{}';

  beforeAll(async () => {
    emulator = await startQuietEmulator({ processors: { silent: async () => undefined } });
    client = clientFor(emulator);
    // The SDK serializes, then we swap the body, then the SDK signs what we swapped in.
    client.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { body: unknown; headers: Record<string, string> };
        if (req.headers['x-fuzz'] === '1') {
          delete req.headers['x-fuzz'];
          req.body = body;
          req.headers['content-length'] = String(Buffer.byteLength(body));
        }
        return next(args);
      },
      { step: 'build', name: 'fuzzBody' },
    );
    channelArn = emulator.setupChannel({ processor: 'silent', appInstanceArn: APP, bearer: USER }).channelArn;
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const fuzzed = <T>(command: T): T => {
    (command as { middlewareStack: ChimeSDKMessagingClient['middlewareStack'] }).middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-fuzz'] = '1';
        return next(args);
      },
      { step: 'build', name: 'markFuzz', priority: 'high' },
    );
    return command;
  };

  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
  );
  const sendBody = fc.record(
    {
      Content: fc.oneof(fc.string({ minLength: 0, maxLength: 50 }), value),
      Type: fc.oneof(fc.constantFrom('STANDARD', 'CONTROL'), value),
      Persistence: fc.oneof(fc.constantFrom('PERSISTENT', 'NON_PERSISTENT'), value),
      ClientRequestToken: fc.oneof(fc.string({ minLength: 2, maxLength: 64 }), value),
      Metadata: value,
      MessageAttributes: fc.oneof(
        value,
        fc.dictionary(
          fc.string({ maxLength: 70 }),
          fc.record({ StringValues: fc.array(fc.string({ maxLength: 600 }), { maxLength: 2 }) }),
          { maxKeys: 2 },
        ),
      ),
      PushNotification: fc.oneof(
        value,
        fc.record({
          Title: fc.string({ maxLength: 60 }),
          Body: fc.string(),
          Type: fc.constantFrom('DEFAULT', 'VOIP', 'X'),
        }),
      ),
      Target: fc.oneof(value, fc.array(fc.record({ MemberArn: fc.string() }), { maxLength: 2 })),
    },
    { requiredKeys: [] },
  );

  // Valid bodies with arbitrary (user) strings, so the success path is fuzzed too.
  const validSendBody = fc.record({
    Content: fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }),
    Type: fc.constant('STANDARD'),
    Persistence: fc.constantFrom('PERSISTENT', 'NON_PERSISTENT'),
    ClientRequestToken: fc.stringMatching(/^[-_a-zA-Z0-9]{2,64}$/),
    Metadata: fc.string({ maxLength: 100, unit: 'binary' }),
  });

  it('SendChannelMessage answers 201 or a modeled error', async () => {
    const modeled = new Set(SERVICE_MODEL.operations.SendChannelMessage!.errors);
    const seen = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(sendBody, validSendBody), async (candidate) => {
        body = JSON.stringify(candidate);
        try {
          const sent = await client.send(
            fuzzed(
              new SendChannelMessageCommand({
                ChannelArn: channelArn,
                ChimeBearer: USER,
                Content: 'x',
                Type: 'STANDARD',
                Persistence: 'PERSISTENT',
              }),
            ),
          );
          expect(sent.$metadata.httpStatusCode).toBe(201);
          seen.ok++;
        } catch (error) {
          seen.refused++;
          expect(modeled.has((error as Error).name)).toBe(true);
          expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
    // Both sides were reached: the swapped bodies really went out.
    expect(seen.ok).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    expect(
      (await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER }))).Channel
        ?.ChannelArn,
    ).toBe(channelArn);
  });

  it('ChannelFlowCallback answers a modeled error for anything but a real pending CallbackId', async () => {
    const modeled = new Set(SERVICE_MODEL.operations.ChannelFlowCallback!.errors);
    const callbackBody = fc.record(
      {
        CallbackId: fc.oneof(fc.string({ minLength: 30, maxLength: 66 }), value),
        DeleteResource: fc.oneof(fc.boolean(), value),
        ChannelMessage: fc.oneof(
          value,
          fc.record(
            {
              MessageId: fc.oneof(fc.string({ maxLength: 130 }), value),
              Content: fc.oneof(fc.string(), value),
              Metadata: value,
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(callbackBody, async (candidate) => {
        body = JSON.stringify(candidate);
        const error = await client
          .send(
            fuzzed(
              new ChannelFlowCallbackCommand({
                ChannelArn: channelArn,
                CallbackId: 'c'.repeat(32),
                ChannelMessage: { MessageId: 'm' },
              }),
            ),
          )
          .then(
            () => undefined,
            (e: Error) => e,
          );
        expect(error).toBeDefined();
        expect(modeled.has(error!.name)).toBe(true);
      }),
      { numRuns: 150 },
    );
    const created = await client.send(
      new CreateChannelCommand({ AppInstanceArn: APP, Name: 'after-fuzz', ChimeBearer: USER }),
    );
    expect(created.ChannelArn).toBeDefined();
  });
});
