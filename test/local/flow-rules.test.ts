import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssociateChannelFlowCommand,
  CreateChannelCommand,
  CreateChannelFlowCommand,
  CreateChannelMembershipCommand,
  ListChannelFlowsCommand,
  ListChannelMessagesCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient, Processor } from '@aws-sdk/client-chime-sdk-messaging';
import type { Logger } from '../../src/logging/logger.js';
import type { Emulator, InvocationRecord } from '../../src/local/index.js';
import { clientFor, lambdaArn, rejectionOf, startQuietEmulator } from './helpers.js';

// Channel flows with more than one processor, private channels, members the identity service never
// saw, and a test's event listener that throws, all over the SDK.
const HOME = 'arn:aws:chime:us-east-1:123456789012:app-instance/flow-rules';
const ALICE = `${HOME}/user/alice`;
const BOB = `${HOME}/user/bob`;
const processor = (name: string, order: number): Processor => ({
  Name: name,
  ExecutionOrder: order,
  FallbackAction: 'CONTINUE',
  Configuration: { Lambda: { ResourceArn: lambdaArn(name), InvocationType: 'ASYNC' } },
});

describe('flow and channel rules', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;
  const errors: Array<[string, Record<string, unknown> | undefined]> = [];

  const newChannel = async (extra: Partial<ConstructorParameters<typeof CreateChannelCommand>[0]> = {}) =>
    (
      await client.send(
        new CreateChannelCommand({
          AppInstanceArn: HOME,
          Name: 'room',
          ChimeBearer: ALICE,
          ClientRequestToken: crypto.randomUUID(),
          ...extra,
        }),
      )
    ).ChannelArn!;
  const newFlow = async (name: string, processors: Processor[]) =>
    (
      await client.send(
        new CreateChannelFlowCommand({
          AppInstanceArn: HOME,
          Name: name,
          Processors: processors,
          ClientRequestToken: crypto.randomUUID(),
        }),
      )
    ).ChannelFlowArn!;

  beforeAll(async () => {
    const logger: Logger = {
      debug() {},
      info() {},
      warn() {},
      error: (message, fields) => void errors.push([message, fields]),
    };
    emulator = await startQuietEmulator({
      logger,
      processors: { first: async () => undefined, second: async () => undefined },
    });
    emulator.addAppInstance({ appInstanceArn: HOME, users: [ALICE, BOB] });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('refuses a flow whose processors share an ExecutionOrder', async () => {
    const error = await rejectionOf(newFlow('twins', [processor('first', 1), processor('second', 1)]));
    expect([error.$metadata.httpStatusCode, error.name]).toEqual([400, 'BadRequestException']);
    expect(error.message).toContain('distinct ExecutionOrder');
  });

  it('invokes the processor with the lowest ExecutionOrder, wherever it is listed', async () => {
    // Prepare
    const flowArn = await newFlow('ordered', [processor('second', 2), processor('first', 1)]);
    const channelArn = await newChannel();
    await client.send(
      new AssociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: flowArn, ChimeBearer: ALICE }),
    );
    const invoked: InvocationRecord[] = [];
    const stop = emulator.onInvocation((record) => invoked.push(record));
    // Act
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: ALICE,
        Content: 'ordered',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await emulator.waitForPendingEvent(sent.MessageId!);
    await emulator.idle();
    stop();
    const flows = await client.send(new ListChannelFlowsCommand({ AppInstanceArn: HOME }));
    // Assess
    expect(invoked.map((r) => r.function)).toEqual(['first']);
    expect(flows.ChannelFlows?.map((f) => f.Name)).toContain('ordered');
  });

  it('lets only members read a PRIVATE channel', async () => {
    const channelArn = await newChannel({ Privacy: 'PRIVATE' });
    const error = await rejectionOf(
      client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: BOB })),
    );
    const own = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: ALICE }));
    expect([error.$metadata.httpStatusCode, error.name]).toEqual([403, 'ForbiddenException']);
    expect(own.ChannelMessages).toEqual([]);
  });

  it('names a member the identity service never saw by the last part of its ARN', async () => {
    const channelArn = await newChannel();
    const added = await client.send(
      new CreateChannelMembershipCommand({
        ChannelArn: channelArn,
        MemberArn: `${HOME}/bot/helper`,
        Type: 'DEFAULT',
        ChimeBearer: ALICE,
      }),
    );
    expect(added.Member).toEqual({ Arn: `${HOME}/bot/helper`, Name: 'helper' });
  });

  it('keeps working when a test listener throws, logging the error name only', async () => {
    // Prepare
    const stop = emulator.onOutcome(() => {
      throw new RangeError('listener text');
    });
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'unmapped' });
    // Act: no function for the processor, so the FallbackAction (CONTINUE) gives an outcome at once
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'x',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    const outcome = await emulator.waitForOutcome(channelArn, sent.MessageId!);
    stop();
    // Assess
    expect(outcome.status).toBe('SENT');
    expect(errors).toContainEqual(['an engine event listener threw', { error: 'RangeError' }]);
    expect(JSON.stringify(errors)).not.toContain('listener text');
  });
});
