// The app side end to end, with nothing but real clients: @aws-sdk/client-chime-sdk-identity and
// client-chime-sdk-messaging (credentials test/test) and amazon-chime-sdk-js messaging sessions.
// Three users (two members and one outsider), a flow channel, a channel whose processor cannot be
// invoked, a channel without a flow; every frame each session receives is checked.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChimeSDKIdentityClient,
  CreateAppInstanceCommand,
  CreateAppInstanceUserCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import {
  AssociateChannelFlowCommand,
  ChimeSDKMessagingClient,
  CreateChannelCommand,
  CreateChannelFlowCommand,
  CreateChannelMembershipCommand,
  DeleteChannelMembershipCommand,
  SendChannelMessageCommand,
  UpdateChannelCommand,
  UpdateChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, noChange, update } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { openSession, waitFor } from './session-helpers.js';
import type { ReceivedFrame, TestSession } from './session-helpers.js';

const moderate = channelFlowProcessor(
  (message) => {
    if (message.Content.includes('crash')) throw new Error('processor bug');
    if (message.Content.includes('spam')) return deny('spam');
    if (message.Content.includes('darn')) return update({ content: message.Content.replaceAll('darn', '****') });
    return noChange();
  },
  { logger: silentLogger, onError: 'deny' },
);

let emulator: Emulator;
let identity: ChimeSDKIdentityClient;
let messaging: ChimeSDKMessagingClient;
const users: Record<'alice' | 'bob' | 'carol', string> = { alice: '', bob: '', carol: '' };
const channels = { moderated: '', broken: '', plain: '' };
const sessions: Partial<Record<keyof typeof users, TestSession>> = {};

beforeAll(async () => {
  emulator = await startEmulator({
    logger: silentLogger,
    processors: { moderate },
    retryDelaysMs: [5],
    functionTimeoutMs: 1000,
  });
  const config = {
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  identity = new ChimeSDKIdentityClient(config);
  messaging = new ChimeSDKMessagingClient(config);

  const { AppInstanceArn } = await identity.send(
    new CreateAppInstanceCommand({ Name: 'chat', ClientRequestToken: 'app-token-1' }),
  );
  for (const name of Object.keys(users) as Array<keyof typeof users>) {
    const created = await identity.send(
      new CreateAppInstanceUserCommand({
        AppInstanceArn,
        AppInstanceUserId: name,
        Name: name,
        ClientRequestToken: `user-token-${name}`,
      }),
    );
    users[name] = created.AppInstanceUserArn!;
  }
  const flowFor = async (name: string, fallback: 'CONTINUE' | 'ABORT') =>
    (
      await messaging.send(
        new CreateChannelFlowCommand({
          AppInstanceArn,
          Name: name,
          ClientRequestToken: `flow-${name}`,
          Processors: [
            {
              Name: name,
              ExecutionOrder: 1,
              FallbackAction: fallback,
              Configuration: {
                Lambda: {
                  ResourceArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
                  InvocationType: 'ASYNC',
                },
              },
            },
          ],
        }),
      )
    ).ChannelFlowArn!;
  const moderateFlow = await flowFor('moderate', 'CONTINUE');
  // No processor is mapped for this function: the service cannot invoke it, ABORT marks messages FAILED.
  const brokenFlow = await flowFor('unmapped', 'ABORT');
  for (const name of Object.keys(channels) as Array<keyof typeof channels>) {
    const { ChannelArn } = await messaging.send(
      new CreateChannelCommand({
        AppInstanceArn,
        Name: name,
        ChimeBearer: users.alice,
        ClientRequestToken: `channel-${name}`,
      }),
    );
    channels[name] = ChannelArn!;
    await messaging.send(
      new CreateChannelMembershipCommand({
        ChannelArn,
        MemberArn: users.bob,
        Type: 'DEFAULT',
        ChimeBearer: users.alice,
      }),
    );
  }
  await messaging.send(
    new AssociateChannelFlowCommand({
      ChannelArn: channels.moderated,
      ChannelFlowArn: moderateFlow,
      ChimeBearer: users.alice,
    }),
  );
  await messaging.send(
    new AssociateChannelFlowCommand({
      ChannelArn: channels.broken,
      ChannelFlowArn: brokenFlow,
      ChimeBearer: users.alice,
    }),
  );
  for (const name of Object.keys(users) as Array<keyof typeof users>)
    sessions[name] = await openSession(messaging, users[name]);
});

afterAll(async () => {
  for (const session of Object.values(sessions)) await session?.stop();
  identity?.destroy();
  messaging?.destroy();
  await emulator?.close();
});

const send = async (
  channel: keyof typeof channels,
  from: string,
  content: string,
  type: 'STANDARD' | 'CONTROL' = 'STANDARD',
) =>
  (
    await messaging.send(
      new SendChannelMessageCommand({
        ChannelArn: channels[channel],
        ChimeBearer: from,
        Content: content,
        Type: type,
        Persistence: 'PERSISTENT',
      }),
    )
  ).MessageId!;

/** What one session saw of one message: event type and content, in order. */
const seen = (who: keyof typeof users, messageId: string) =>
  sessions[who]!.frames.filter((f) => f.payload?.MessageId === messageId).map((f) => [f.type, f.payload?.Content]);

const settle = (who: keyof typeof users, messageId: string, count: number) =>
  waitFor(() => sessions[who]!.frames.filter((f) => f.payload?.MessageId === messageId).length >= count);

describe('messaging sessions with amazon-chime-sdk-js', () => {
  it('starts every session with SESSION_ESTABLISHED', () => {
    for (const session of Object.values(sessions)) expect(session!.frames[0]?.type).toBe('SESSION_ESTABLISHED');
  });

  it('a clean message in a flow channel: PENDING to the sender only, then the SENT message to every member', async () => {
    const id = await send('moderated', users.alice, 'hello');
    await settle('alice', id, 2);
    await settle('bob', id, 1);
    expect(seen('alice', id)).toEqual([
      ['PENDING_CREATE_CHANNEL_MESSAGE', 'hello'],
      ['CREATE_CHANNEL_MESSAGE', 'hello'],
    ]);
    expect(seen('bob', id)).toEqual([['CREATE_CHANNEL_MESSAGE', 'hello']]);
    expect(seen('carol', id)).toEqual([]);
  });

  it('an updated message reaches members as updated', async () => {
    const id = await send('moderated', users.alice, 'darn it');
    await settle('alice', id, 2);
    await settle('bob', id, 1);
    expect(seen('alice', id)).toEqual([
      ['PENDING_CREATE_CHANNEL_MESSAGE', 'darn it'],
      ['CREATE_CHANNEL_MESSAGE', '**** it'],
    ]);
    expect(seen('bob', id)).toEqual([['CREATE_CHANNEL_MESSAGE', '**** it']]);
  });

  it('a denied message and a processor crash (error policy deny) reach the sender only, as DENIED', async () => {
    const spam = await send('moderated', users.bob, 'spam spam');
    const crash = await send('moderated', users.bob, 'crash now');
    await settle('bob', spam, 2);
    await settle('bob', crash, 2);
    expect(seen('bob', spam)).toEqual([
      ['PENDING_CREATE_CHANNEL_MESSAGE', 'spam spam'],
      ['DENIED_CREATE_CHANNEL_MESSAGE', 'spam spam'],
    ]);
    expect(seen('bob', crash).map(([type]) => type)).toEqual([
      'PENDING_CREATE_CHANNEL_MESSAGE',
      'DENIED_CREATE_CHANNEL_MESSAGE',
    ]);
    expect([...seen('alice', spam), ...seen('alice', crash)]).toEqual([]);
  });

  it('a processor that cannot be invoked (FallbackAction ABORT) sends FAILED to the sender only', async () => {
    const id = await send('broken', users.alice, 'into the void');
    await settle('alice', id, 2);
    expect(seen('alice', id).map(([type]) => type)).toEqual([
      'PENDING_CREATE_CHANNEL_MESSAGE',
      'FAILED_CREATE_CHANNEL_MESSAGE',
    ]);
    expect(seen('bob', id)).toEqual([]);
  });

  it('an edit passes the flow again: PENDING_UPDATE to the sender, UPDATE as processed to every member', async () => {
    const id = await send('moderated', users.alice, 'first');
    await settle('bob', id, 1);
    await messaging.send(
      new UpdateChannelMessageCommand({
        ChannelArn: channels.moderated,
        MessageId: id,
        Content: 'darn edit',
        ChimeBearer: users.alice,
      }),
    );
    await settle('alice', id, 4);
    await settle('bob', id, 2);
    expect(seen('alice', id).slice(2)).toEqual([
      ['PENDING_UPDATE_CHANNEL_MESSAGE', 'darn edit'],
      ['UPDATE_CHANNEL_MESSAGE', '**** edit'],
    ]);
    expect(seen('bob', id)).toEqual([
      ['CREATE_CHANNEL_MESSAGE', 'first'],
      ['UPDATE_CHANNEL_MESSAGE', '**** edit'],
    ]);
  });

  it('a channel without a flow, and CONTROL messages in a flow channel, deliver at once with no PENDING', async () => {
    const plain = await send('plain', users.bob, 'darn plain');
    const control = await send('moderated', users.alice, 'typing', 'CONTROL');
    await settle('alice', plain, 1);
    await settle('bob', control, 1);
    expect(seen('alice', plain)).toEqual([['CREATE_CHANNEL_MESSAGE', 'darn plain']]);
    expect(seen('bob', plain)).toEqual([['CREATE_CHANNEL_MESSAGE', 'darn plain']]);
    expect(seen('alice', control)).toEqual([['CREATE_CHANNEL_MESSAGE', 'typing']]);
    expect(sessions.bob!.frames.find((f) => f.payload?.MessageId === control)?.messageType).toBe('CONTROL');
  });

  it('refuses a non-member’s message with ForbiddenException and tells nobody', async () => {
    const before = sessions.alice!.frames.length;
    await expect(send('plain', users.carol, 'let me in')).rejects.toMatchObject({
      name: 'ForbiddenException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(sessions.alice!.frames.length).toBe(before);
  });

  it('membership and channel changes reach the members, the joining and the leaving member included', async () => {
    await messaging.send(
      new CreateChannelMembershipCommand({
        ChannelArn: channels.plain,
        MemberArn: users.carol,
        Type: 'DEFAULT',
        ChimeBearer: users.alice,
      }),
    );
    const hello = await send('plain', users.carol, 'hi all');
    await messaging.send(
      new UpdateChannelCommand({ ChannelArn: channels.plain, Name: 'renamed', ChimeBearer: users.alice }),
    );
    await messaging.send(
      new DeleteChannelMembershipCommand({
        ChannelArn: channels.plain,
        MemberArn: users.carol,
        ChimeBearer: users.alice,
      }),
    );
    const after = await send('plain', users.alice, 'carol left');
    await settle('bob', after, 1);
    const channelEvents = (who: keyof typeof users) =>
      sessions[who]!.frames.filter(
        (f: ReceivedFrame) => f.payload?.ChannelArn === channels.plain && f.payload.MessageId === undefined,
      )
        .map((f) => f.type)
        .filter((type) => type !== 'SESSION_ESTABLISHED');
    // Carol hears of her own joining and leaving, and of the rename while she was in.
    for (const who of ['alice', 'bob', 'carol'] as const)
      expect(channelEvents(who).slice(-3)).toEqual([
        'CREATE_CHANNEL_MEMBERSHIP',
        'UPDATE_CHANNEL',
        'DELETE_CHANNEL_MEMBERSHIP',
      ]);
    expect(seen('bob', hello)).toEqual([['CREATE_CHANNEL_MESSAGE', 'hi all']]);
    expect(seen('carol', after)).toEqual([]);
  });
});
