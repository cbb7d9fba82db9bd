import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssociateChannelFlowCommand,
  ChannelFlowCallbackCommand,
  CreateChannelCommand,
  CreateChannelFlowCommand,
  DeleteChannelFlowCommand,
  DescribeChannelCommand,
  DescribeChannelFlowCommand,
  DisassociateChannelFlowCommand,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  ListChannelFlowsCommand,
  ListChannelMessagesCommand,
  SendChannelMessageCommand,
  UpdateChannelFlowCommand,
  UpdateChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient, Processor } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { APP, USER, clientFor, lambdaArn, rejectionOf, startQuietEmulator } from './helpers.js';

// The processor never answers: the tests send ChannelFlowCallback themselves, as the lead's core tests do.
const manual = async () => undefined;
const processor = (name: string, fallback: 'CONTINUE' | 'ABORT' = 'CONTINUE'): Processor => ({
  Name: name,
  ExecutionOrder: 1,
  FallbackAction: fallback,
  Configuration: { Lambda: { ResourceArn: lambdaArn(name), InvocationType: 'ASYNC' } },
});

describe('every served operation, driven by the real SDK v3 client over HTTP', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;

  beforeAll(async () => {
    emulator = await startQuietEmulator({ processors: { manual } });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('creates, describes, updates, lists and deletes channel flows', async () => {
    const created = await client.send(
      new CreateChannelFlowCommand({
        AppInstanceArn: APP,
        Name: 'flow-a',
        Processors: [processor('manual')],
        ClientRequestToken: 'token-a',
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    const arn = created.ChannelFlowArn!;
    expect(arn.startsWith(`${APP}/channel-flow/`)).toBe(true);

    const again = await client.send(
      new CreateChannelFlowCommand({
        AppInstanceArn: APP,
        Name: 'flow-a',
        Processors: [processor('manual')],
        ClientRequestToken: 'token-a',
      }),
    );
    expect(again.ChannelFlowArn).toBe(arn);

    const described = await client.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn }));
    expect(described.ChannelFlow?.Name).toBe('flow-a');
    expect(described.ChannelFlow?.Processors?.[0]?.Configuration?.Lambda?.ResourceArn).toBe(lambdaArn('manual'));
    expect(described.ChannelFlow?.CreatedTimestamp).toBeInstanceOf(Date);

    await client.send(
      new UpdateChannelFlowCommand({ ChannelFlowArn: arn, Name: 'flow-b', Processors: [processor('other', 'ABORT')] }),
    );
    const updated = await client.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn }));
    expect(updated.ChannelFlow?.Name).toBe('flow-b');
    expect(updated.ChannelFlow?.Processors?.[0]?.FallbackAction).toBe('ABORT');

    const second = await client.send(
      new CreateChannelFlowCommand({ AppInstanceArn: APP, Name: 'flow-c', Processors: [processor('manual')] }),
    );
    const page1 = await client.send(new ListChannelFlowsCommand({ AppInstanceArn: APP, MaxResults: 1 }));
    expect(page1.ChannelFlows).toHaveLength(1);
    expect(page1.NextToken).toBeDefined();
    const page2 = await client.send(
      new ListChannelFlowsCommand({ AppInstanceArn: APP, MaxResults: 1, NextToken: page1.NextToken }),
    );
    expect([page1.ChannelFlows![0]!.ChannelFlowArn, page2.ChannelFlows![0]!.ChannelFlowArn].sort()).toEqual(
      [arn, second.ChannelFlowArn].sort(),
    );

    const deleted = await client.send(new DeleteChannelFlowCommand({ ChannelFlowArn: arn }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const gone = await rejectionOf(client.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn })));
    expect(gone.$metadata.httpStatusCode).toBeGreaterThanOrEqual(400);
  });

  it('creates a channel, associates and disassociates a flow, and refuses to delete an associated flow', async () => {
    const flow = await client.send(
      new CreateChannelFlowCommand({ AppInstanceArn: APP, Name: 'f', Processors: [processor('manual')] }),
    );
    const channel = await client.send(
      new CreateChannelCommand({ AppInstanceArn: APP, Name: 'general', ChimeBearer: USER, Metadata: 'm' }),
    );
    expect(channel.$metadata.httpStatusCode).toBe(201);
    const channelArn = channel.ChannelArn!;

    await client.send(
      new AssociateChannelFlowCommand({
        ChannelArn: channelArn,
        ChannelFlowArn: flow.ChannelFlowArn,
        ChimeBearer: USER,
      }),
    );
    const described = await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER }));
    expect(described.Channel).toMatchObject({
      Name: 'general',
      ChannelArn: channelArn,
      ChannelFlowArn: flow.ChannelFlowArn,
      Mode: 'UNRESTRICTED',
      Privacy: 'PUBLIC',
      Metadata: 'm',
    });
    expect(described.Channel?.CreatedBy?.Arn).toBe(USER);

    const conflict = await rejectionOf(
      client.send(new DeleteChannelFlowCommand({ ChannelFlowArn: flow.ChannelFlowArn })),
    );
    expect(conflict.name).toBe('ConflictException');

    const removed = await client.send(
      new DisassociateChannelFlowCommand({
        ChannelArn: channelArn,
        ChannelFlowArn: flow.ChannelFlowArn,
        ChimeBearer: USER,
      }),
    );
    expect(removed.$metadata.httpStatusCode).toBe(204);
    const after = await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER }));
    expect(after.Channel?.ChannelFlowArn).toBeUndefined();

    const missingFlow = await rejectionOf(
      client.send(
        new AssociateChannelFlowCommand({
          ChannelArn: channelArn,
          ChannelFlowArn: `${APP}/channel-flow/nope`,
          ChimeBearer: USER,
        }),
      ),
    );
    expect(missingFlow.name).toBe('NotFoundException');
  });

  it('holds a message PENDING, hands the processor the event, and applies the callback (send, status, get, list, edit)', async () => {
    const { channelArn } = emulator.setupChannel({ processor: 'manual', appInstanceArn: APP, bearer: USER });
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: USER,
        Content: 'hello darn world',
        Metadata: 'meta',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
        MessageAttributes: { lang: { StringValues: ['en'] } },
      }),
    );
    expect(sent.$metadata.httpStatusCode).toBe(201);
    expect(sent.Status?.Value).toBe('PENDING');
    const messageId = sent.MessageId!;

    const event = await emulator.waitForPendingEvent(messageId);
    expect(event.EventType).toBe('CHANNEL_MESSAGE_EVENT');
    expect(event.CallbackId.length).toBeGreaterThanOrEqual(32);
    expect(event.CallbackId.length).toBeLessThanOrEqual(64);
    expect(event.ChannelMessage).toMatchObject({
      MessageId: messageId,
      ChannelArn: channelArn,
      Content: 'hello darn world',
      Metadata: 'meta',
      Type: 'STANDARD',
      Persistence: 'PERSISTENT',
      Sender: { Arn: USER, Name: 'alice' },
      MessageAttributes: { lang: { StringValues: ['en'] } },
    });
    expect(Number.isNaN(Date.parse(event.ChannelMessage.CreatedTimestamp!))).toBe(false);

    const pendingStatus = await client.send(
      new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: USER }),
    );
    expect(pendingStatus.Status?.Value).toBe('PENDING');
    const listedWhilePending = await client.send(
      new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: USER }),
    );
    expect(listedWhilePending.ChannelMessages ?? []).toHaveLength(0);

    const answer = await client.send(
      new ChannelFlowCallbackCommand({
        ChannelArn: channelArn,
        CallbackId: event.CallbackId,
        ChannelMessage: { MessageId: messageId, Content: 'hello **** world' },
      }),
    );
    expect(answer).toMatchObject({ ChannelArn: channelArn, CallbackId: event.CallbackId });

    const got = await client.send(
      new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: USER }),
    );
    expect(got.ChannelMessage).toMatchObject({
      Content: 'hello **** world',
      Metadata: 'meta',
      Status: { Value: 'SENT' },
      Sender: { Arn: USER },
    });
    const status = await client.send(
      new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: USER }),
    );
    expect(status.Status?.Value).toBe('SENT');
    const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: USER }));
    expect(listed.ChannelMessages?.map((m) => m.Content)).toEqual(['hello **** world']);

    const edited = await client.send(
      new UpdateChannelMessageCommand({
        ChannelArn: channelArn,
        MessageId: messageId,
        ChimeBearer: USER,
        Content: 'edited',
      }),
    );
    expect(edited.Status?.Value).toBe('PENDING');
    const editEvent = await emulator.waitForPendingEvent(messageId);
    expect(editEvent.CallbackId).not.toBe(event.CallbackId);
    expect(editEvent.ChannelMessage.Content).toBe('edited');
    expect(editEvent.ChannelMessage.LastEditedTimestamp).toBeDefined();
    // While the edit is pending, members still see the previous version.
    const stillOld = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: USER }));
    expect(stillOld.ChannelMessages?.map((m) => m.Content)).toEqual(['hello **** world']);
    await client.send(
      new ChannelFlowCallbackCommand({
        ChannelArn: channelArn,
        CallbackId: editEvent.CallbackId,
        ChannelMessage: { MessageId: messageId },
      }),
    );
    const afterEdit = await client.send(
      new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: USER }),
    );
    expect(afterEdit.ChannelMessage?.Content).toBe('edited');
    expect(afterEdit.ChannelMessage?.LastEditedTimestamp).toBeInstanceOf(Date);
  });

  it('lists messages in both sort orders with pagination', async () => {
    const channel = await client.send(
      new CreateChannelCommand({ AppInstanceArn: APP, Name: 'plain', ChimeBearer: USER }),
    );
    const contents = ['one', 'two', 'three'];
    for (const content of contents) {
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: channel.ChannelArn,
          ChimeBearer: USER,
          Content: content,
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      expect(sent.Status?.Value).toBe('SENT');
    }
    const ascending = await client.send(
      new ListChannelMessagesCommand({ ChannelArn: channel.ChannelArn, ChimeBearer: USER, SortOrder: 'ASCENDING' }),
    );
    expect(ascending.ChannelMessages?.map((m) => m.Content)).toEqual(contents);
    const first = await client.send(
      new ListChannelMessagesCommand({ ChannelArn: channel.ChannelArn, ChimeBearer: USER, MaxResults: 2 }),
    );
    expect(first.ChannelMessages?.map((m) => m.Content)).toEqual(['three', 'two']);
    const rest = await client.send(
      new ListChannelMessagesCommand({
        ChannelArn: channel.ChannelArn,
        ChimeBearer: USER,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(rest.ChannelMessages?.map((m) => m.Content)).toEqual(['one']);
    expect(rest.NextToken).toBeUndefined();
  });
});
