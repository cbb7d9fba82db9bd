import type {
  CreateChannelCommandInput,
  CreateChannelCommandOutput,
  CreateChannelFlowCommandInput,
  CreateChannelFlowCommandOutput,
  DeleteChannelCommandInput,
  DeleteChannelCommandOutput,
  DeleteChannelMessageCommandInput,
  DeleteChannelMessageCommandOutput,
  GetMessagingSessionEndpointCommandInput,
  GetMessagingSessionEndpointCommandOutput,
  ListChannelsCommandInput,
  ListChannelsCommandOutput,
  ListChannelsAssociatedWithChannelFlowCommandInput,
  ListChannelsAssociatedWithChannelFlowCommandOutput,
  RedactChannelMessageCommandInput,
  RedactChannelMessageCommandOutput,
  UpdateChannelCommandInput,
  UpdateChannelCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { ErrorShape, ServiceError } from '../errors.js';
import { channelPayload, messagePayload } from '../session/frames.js';
import { requireModerator } from './access.js';
import type { OperationContext, OperationHandler } from './context.js';
import { channelOrThrow, compact, page, seconds } from './context.js';
import type { ChannelRecord } from '../state/types.js';
import { addMember } from './memberships.js';

/** Channels and flows live in app instances that exist (CreateAppInstance first, as on AWS). */
function requireAppInstance(ctx: OperationContext, arn: string): void {
  if (!ctx.store.app.appInstances.has(arn))
    throw new ServiceError(
      ErrorShape.BadRequest,
      `App instance ${arn} does not exist: create it with chime-sdk-identity CreateAppInstance first`,
    );
}

type CreateChannelHandler = OperationHandler<CreateChannelCommandInput, CreateChannelCommandOutput>;

/** CreateChannel: the creator becomes a member and moderator; MemberArns and ModeratorArns join too. */
export const withChannelMembers =
  (create: CreateChannelHandler): CreateChannelHandler =>
  async (ctx) => {
    const { AppInstanceArn, ChimeBearer } = ctx.input;
    requireAppInstance(ctx, AppInstanceArn);
    const result = await create(ctx);
    // createChannel answers the new (or, on a repeated ClientRequestToken, the existing) channel's ARN.
    const channelArn = result.body?.ChannelArn;
    if (channelArn === undefined) return result;
    addMember(ctx, channelArn, ChimeBearer, 'DEFAULT', ChimeBearer);
    ctx.store.app.addModerator(channelArn, ChimeBearer);
    for (const arn of ctx.input.MemberArns ?? []) addMember(ctx, channelArn, arn, 'DEFAULT', ChimeBearer);
    for (const arn of ctx.input.ModeratorArns ?? []) {
      addMember(ctx, channelArn, arn, 'DEFAULT', ChimeBearer);
      ctx.store.app.addModerator(channelArn, arn);
    }
    return result;
  };

/** CreateChannelFlow: only in an app instance that exists. */
export const inExistingAppInstance =
  (
    create: OperationHandler<CreateChannelFlowCommandInput, CreateChannelFlowCommandOutput>,
  ): OperationHandler<CreateChannelFlowCommandInput, CreateChannelFlowCommandOutput> =>
  (ctx) => {
    requireAppInstance(ctx, ctx.input.AppInstanceArn);
    return create(ctx);
  };

export const updateChannel: OperationHandler<UpdateChannelCommandInput, UpdateChannelCommandOutput> = (ctx) => {
  const { ChannelArn, Name, Mode, Metadata, ChimeBearer } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  requireModerator(ctx, channel, ChimeBearer);
  if (Name !== undefined) channel.Name = Name;
  if (Mode !== undefined) channel.Mode = Mode;
  if (Metadata !== undefined) channel.Metadata = Metadata;
  channel.LastUpdatedTimestamp = ctx.now;
  ctx.store.touchChannel(channel);
  ctx.sessions.toMembers(ChannelArn, 'UPDATE_CHANNEL', 'SYSTEM', channelPayload(channel));
  return { body: { ChannelArn } };
};

export const deleteChannel: OperationHandler<DeleteChannelCommandInput, DeleteChannelCommandOutput> = (ctx) => {
  const { ChannelArn, ChimeBearer } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  requireModerator(ctx, channel, ChimeBearer);
  // Members hear of it before their memberships go.
  ctx.sessions.toMembers(ChannelArn, 'DELETE_CHANNEL', 'SYSTEM', channelPayload(channel));
  for (const message of [...ctx.store.channelMessages(ChannelArn)]) ctx.store.deleteMessage(message);
  ctx.store.app.deleteChannel(ChannelArn);
  ctx.store.deleteChannel(ChannelArn);
  return {};
};

const summary = (c: ChannelRecord) =>
  compact({ Name: c.Name, ChannelArn: c.ChannelArn, Mode: c.Mode, Privacy: c.Privacy, Metadata: c.Metadata });

export const listChannels: OperationHandler<ListChannelsCommandInput, ListChannelsCommandOutput> = (ctx) => {
  const { AppInstanceArn, Privacy, ChimeBearer } = ctx.input;
  const admin = ctx.store.app.isAdmin(AppInstanceArn, ChimeBearer);
  // Users list public channels; private ones only as an admin asking for PRIVATE.
  const wanted = Privacy ?? 'PUBLIC';
  if (wanted === 'PRIVATE' && !admin)
    throw new ServiceError(ErrorShape.Forbidden, 'Only an AppInstanceAdmin can list private channels');
  const all = [...ctx.store.channels.values()].filter(
    (c) => c.AppInstanceArn === AppInstanceArn && c.Privacy === wanted,
  );
  const { items, NextToken } = page(ctx, all);
  return {
    body: compact({
      Channels: items.map((c) => ({ ...summary(c), LastMessageTimestamp: seconds(c.LastMessageTimestamp) })),
      NextToken,
    }),
  };
};

export const listChannelsAssociatedWithChannelFlow: OperationHandler<
  ListChannelsAssociatedWithChannelFlowCommandInput,
  ListChannelsAssociatedWithChannelFlowCommandOutput
> = (ctx) => {
  const { ChannelFlowArn } = ctx.input;
  const all = [...ctx.store.channels.values()].filter((c) => c.ChannelFlowArn === ChannelFlowArn);
  const { items, NextToken } = page(ctx, all);
  return { body: compact({ Channels: items.map(summary), NextToken }) };
};

/** DeleteChannelMessage: moderators and admins (the developer guide's role table). */
export const deleteChannelMessage: OperationHandler<
  DeleteChannelMessageCommandInput,
  DeleteChannelMessageCommandOutput
> = (ctx) => {
  const { ChannelArn, MessageId, ChimeBearer } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  requireModerator(ctx, channel, ChimeBearer);
  const message = ctx.store.getMessage(ChannelArn, MessageId);
  if (!message) throw new ServiceError(ErrorShape.NotFound, `Message ${MessageId} not found`);
  ctx.store.deleteMessage(message);
  ctx.engine.events.emit('message', { type: 'deleted', message, isEdit: false });
  return {};
};

/** RedactChannelMessage: the sender, moderators and admins; content and metadata are gone for good. */
export const redactChannelMessage: OperationHandler<
  RedactChannelMessageCommandInput,
  RedactChannelMessageCommandOutput
> = (ctx) => {
  const { ChannelArn, MessageId, ChimeBearer, SubChannelId } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  const message = ctx.store.getMessage(ChannelArn, MessageId);
  if (!message) throw new ServiceError(ErrorShape.NotFound, `Message ${MessageId} not found`);
  if (message.Sender.Arn !== ChimeBearer) requireModerator(ctx, channel, ChimeBearer);
  if (message.visible) message.visible = { Content: '' };
  message.LastUpdatedTimestamp = ctx.now;
  ctx.store.touchMessage(message);
  ctx.sessions.toMembers(
    ChannelArn,
    'REDACT_CHANNEL_MESSAGE',
    message.Type,
    messagePayload(message, null, message.status, true),
  );
  return { body: compact({ ChannelArn, MessageId, SubChannelId }) };
};

/** The session endpoint has no scheme: the client adds `wss://` itself. */
export const getMessagingSessionEndpoint: OperationHandler<
  GetMessagingSessionEndpointCommandInput,
  GetMessagingSessionEndpointCommandOutput
> = (ctx) => ({ body: { Endpoint: { Url: ctx.host } } });
