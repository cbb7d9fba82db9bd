import type {
  GetChannelMessageCommandInput,
  GetChannelMessageCommandOutput,
  GetChannelMessageStatusCommandInput,
  GetChannelMessageStatusCommandOutput,
  ListChannelMessagesCommandInput,
  ListChannelMessagesCommandOutput,
  SendChannelMessageCommandInput,
  SendChannelMessageCommandOutput,
  UpdateChannelMessageCommandInput,
  UpdateChannelMessageCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { newMessageId } from '../ids.js';
import { ErrorShape, ServiceError } from '../errors.js';
import type { MessageRecord, MessageVersion } from '../state/types.js';
import { MessageStatus } from '../state/types.js';
import type { OperationContext, OperationHandler } from './context.js';
import { channelOrThrow, compact, nameOfArn, pageToken, seconds } from './context.js';
import { flowOfChannel } from '../flow/lookup.js';

/** STANDARD messages hold at most 4 KB (checked as UTF-8 bytes, the stricter reading); CONTROL 30 bytes. */
export const STANDARD_MAX_BYTES = 4096;
const CONTROL_MAX_BYTES = 30;

function checkContentSize(content: string, type: string, field = 'Content'): void {
  const max = type === 'CONTROL' ? CONTROL_MAX_BYTES : STANDARD_MAX_BYTES;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > max)
    throw new ServiceError(
      ErrorShape.BadRequest,
      `Invalid input: ${field} must be at most ${max} bytes for ${type} messages, got ${bytes}`,
    );
}

/** The flow that processes this message, if any: only STANDARD messages pass through flows. */
const flowFor = (ctx: OperationContext, channelArn: string, type: string) =>
  type === 'STANDARD' ? flowOfChannel(ctx.store, channelArn) : undefined;

function messageOrThrow(ctx: OperationContext<{ ChannelArn: string; MessageId: string }>): MessageRecord {
  const message = ctx.store.getMessage(ctx.input.ChannelArn, ctx.input.MessageId);
  // Denied messages are not stored, so they are NotFound, as the model documents.
  if (!message) throw new ServiceError(ErrorShape.NotFound, `Message ${String(ctx.input.MessageId)} not found`);
  return message;
}

const statusOf = (message: MessageRecord) => ({ Value: message.status });

export const sendChannelMessage: OperationHandler<SendChannelMessageCommandInput, SendChannelMessageCommandOutput> = (
  ctx,
) => {
  const {
    ChannelArn,
    Content,
    Type,
    Persistence,
    Metadata,
    ClientRequestToken,
    ChimeBearer,
    PushNotification,
    MessageAttributes,
    SubChannelId,
    ContentType,
    Target,
  } = ctx.input;
  channelOrThrow(ctx, ChannelArn);
  checkContentSize(Content, Type);
  if (Type === 'CONTROL' && Metadata !== undefined)
    throw new ServiceError(ErrorShape.BadRequest, 'Invalid input: Metadata is not allowed on CONTROL messages');
  const tokenKey = `SendChannelMessage\n${ChannelArn}\n${ChimeBearer}\n${ClientRequestToken}`;
  const existing = ctx.store.tokens.get(tokenKey);
  const previous = existing ? ctx.store.getMessage(ChannelArn, existing) : undefined;
  if (previous)
    return {
      body: compact({
        ChannelArn,
        MessageId: previous.MessageId,
        Status: statusOf(previous),
        SubChannelId: previous.SubChannelId,
      }),
    };

  const version: MessageVersion = compact({ Content, Metadata, MessageAttributes, ContentType, PushNotification });
  const message: MessageRecord = compact({
    MessageId: newMessageId(),
    ChannelArn,
    Type,
    Persistence,
    Sender: { Arn: ChimeBearer, Name: nameOfArn(ChimeBearer) },
    SubChannelId,
    Target,
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
    visible: null,
    status: MessageStatus.Sent as MessageRecord['status'],
  });
  ctx.store.addMessage(message);
  ctx.store.setToken(tokenKey, message.MessageId);
  const flow = flowFor(ctx, ChannelArn, Type);
  if (flow) {
    ctx.engine.hold(message, version, flow, false, ctx.now);
  } else {
    message.visible = version;
    const channel = ctx.store.channels.get(ChannelArn);
    if (channel) {
      channel.LastMessageTimestamp = ctx.now;
      ctx.store.touchChannel(channel);
    }
    ctx.store.touchMessage(message);
    ctx.engine.events.emit('message', { type: 'sent', message, isEdit: false });
  }
  return { body: compact({ ChannelArn, MessageId: message.MessageId, Status: statusOf(message), SubChannelId }) };
};

export const updateChannelMessage: OperationHandler<
  UpdateChannelMessageCommandInput,
  UpdateChannelMessageCommandOutput
> = (ctx) => {
  const { ChannelArn, Content, Metadata, ChimeBearer, ContentType } = ctx.input;
  channelOrThrow(ctx, ChannelArn);
  const message = messageOrThrow(ctx);
  if (message.Sender.Arn !== ChimeBearer)
    throw new ServiceError(ErrorShape.Forbidden, 'Only the sender can edit a message');
  if (message.pending)
    throw new ServiceError(
      ErrorShape.Conflict,
      `Message ${message.MessageId} is still being processed by the channel flow`,
    );
  if (!message.visible)
    throw new ServiceError(ErrorShape.BadRequest, `Message ${message.MessageId} was not sent and cannot be edited`);
  checkContentSize(Content, message.Type);
  // An edit replaces content and, when given, metadata and content type; attributes stay.
  const version: MessageVersion = compact({
    ...message.visible,
    Content,
    ...(Metadata !== undefined ? { Metadata } : {}),
    ...(ContentType !== undefined ? { ContentType } : {}),
  });
  const flow = flowFor(ctx, ChannelArn, message.Type);
  if (flow) {
    ctx.engine.hold(message, version, flow, true, ctx.now);
  } else {
    message.visible = version;
    message.status = MessageStatus.Sent;
    message.LastEditedTimestamp = ctx.now;
    message.LastUpdatedTimestamp = ctx.now;
    ctx.store.touchMessage(message);
    ctx.engine.events.emit('message', { type: 'updated', message, isEdit: true });
  }
  return {
    body: compact({
      ChannelArn,
      MessageId: message.MessageId,
      Status: statusOf(message),
      SubChannelId: message.SubChannelId,
    }),
  };
};

/** The message as GetChannelMessage shows it: the pending version while PENDING, the refused one when FAILED. */
function messageView(message: MessageRecord) {
  const version = message.pending?.version ??
    (message.status === MessageStatus.Failed ? message.failedVersion : undefined) ??
    message.visible ?? { Content: '' };
  return compact({
    ChannelArn: message.ChannelArn,
    MessageId: message.MessageId,
    Content: version.Content,
    Metadata: version.Metadata,
    Type: message.Type,
    CreatedTimestamp: seconds(message.CreatedTimestamp),
    LastEditedTimestamp: seconds(message.LastEditedTimestamp),
    LastUpdatedTimestamp: seconds(message.LastUpdatedTimestamp),
    Sender: message.Sender,
    Redacted: false,
    Persistence: message.Persistence,
    Status: statusOf(message),
    MessageAttributes: version.MessageAttributes,
    SubChannelId: message.SubChannelId,
    ContentType: version.ContentType,
    Target: message.Target,
  });
}

export const getChannelMessage: OperationHandler<GetChannelMessageCommandInput, GetChannelMessageCommandOutput> = (
  ctx,
) => {
  channelOrThrow(ctx, ctx.input.ChannelArn);
  const message = messageOrThrow(ctx);
  // Non-persistent messages are delivered, never stored for reading back.
  if (message.Persistence === 'NON_PERSISTENT')
    throw new ServiceError(ErrorShape.NotFound, `Message ${message.MessageId} not found`);
  return { body: { ChannelMessage: messageView(message) } };
};

export const getChannelMessageStatus: OperationHandler<
  GetChannelMessageStatusCommandInput,
  GetChannelMessageStatusCommandOutput
> = (ctx) => {
  channelOrThrow(ctx, ctx.input.ChannelArn);
  const message = messageOrThrow(ctx);
  if (message.Sender.Arn !== ctx.input.ChimeBearer)
    throw new ServiceError(ErrorShape.Forbidden, 'Only the message sender can get its status');
  return { body: { Status: statusOf(message) } };
};

export const listChannelMessages: OperationHandler<
  ListChannelMessagesCommandInput,
  ListChannelMessagesCommandOutput
> = (ctx) => {
  const { ChannelArn, SortOrder, NotBefore, NotAfter, MaxResults, NextToken, SubChannelId } = ctx.input;
  channelOrThrow(ctx, ChannelArn);
  const notBefore = (NotBefore as Date | undefined)?.getTime() ?? -Infinity;
  const notAfter = (NotAfter as Date | undefined)?.getTime() ?? Infinity;
  // Members see what was sent: never a PENDING or FAILED first version (visible is null), a denied one
  // (not stored) or a non-persistent one; an edit still PENDING or refused leaves the previous version.
  let visible = ctx.store
    .channelMessages(ChannelArn)
    .filter(
      (m) =>
        m.visible &&
        m.Persistence === 'PERSISTENT' &&
        m.SubChannelId === SubChannelId &&
        m.CreatedTimestamp >= notBefore &&
        m.CreatedTimestamp <= notAfter,
    );
  if (SortOrder !== 'ASCENDING') visible = [...visible].reverse();
  const offset = pageToken.decode(NextToken);
  const max = (MaxResults as number | undefined) ?? 50;
  const page = visible.slice(offset, offset + max);
  return {
    body: compact({
      ChannelArn,
      NextToken: offset + max < visible.length ? pageToken.encode(offset + max) : undefined,
      SubChannelId,
      ChannelMessages: page.map((m) =>
        compact({
          MessageId: m.MessageId,
          Content: m.visible!.Content,
          Metadata: m.visible!.Metadata,
          Type: m.Type,
          CreatedTimestamp: seconds(m.CreatedTimestamp),
          LastUpdatedTimestamp: seconds(m.LastUpdatedTimestamp),
          LastEditedTimestamp: seconds(m.LastEditedTimestamp),
          Sender: m.Sender,
          Redacted: false,
          Status: { Value: MessageStatus.Sent },
          MessageAttributes: m.visible!.MessageAttributes,
          ContentType: m.visible!.ContentType,
          Target: m.Target,
        }),
      ),
    }),
  };
};
