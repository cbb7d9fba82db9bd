import type {
  BatchCreateChannelMembershipCommandInput,
  BatchCreateChannelMembershipCommandOutput,
  CreateChannelMembershipCommandInput,
  CreateChannelMembershipCommandOutput,
  DeleteChannelMembershipCommandInput,
  DeleteChannelMembershipCommandOutput,
  DescribeChannelMembershipCommandInput,
  DescribeChannelMembershipCommandOutput,
  ListChannelMembershipsCommandInput,
  ListChannelMembershipsCommandOutput,
  ListChannelMembershipsForAppInstanceUserCommandInput,
  ListChannelMembershipsForAppInstanceUserCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { ErrorShape, ServiceError } from '../errors.js';
import { identityOf } from '../identity/names.js';
import { membershipPayload } from '../session/frames.js';
import type { MembershipRecord } from '../state/types.js';
import { isModerator, requireMember, requireReader } from './access.js';
import type { OperationContext, OperationHandler } from './context.js';
import { channelOrThrow, compact, pageToken, seconds } from './context.js';

/** Adding members: moderators and admins always; any member of an UNRESTRICTED channel too. */
function requireInviter(ctx: OperationContext, channelArn: string, bearer: string) {
  const channel = channelOrThrow(ctx, channelArn);
  if (channel.Mode === 'RESTRICTED' && !isModerator(ctx, channel, bearer))
    throw new ServiceError(ErrorShape.Forbidden, `Only moderators can add members to restricted channel ${channelArn}`);
  if (channel.Mode !== 'RESTRICTED') requireMember(ctx, channel, bearer);
  return channel;
}

/** Adds one membership (no-op when it exists) and returns it; used by CreateChannel too. */
export function addMember(
  ctx: OperationContext,
  channelArn: string,
  memberArn: string,
  type: MembershipRecord['Type'],
  invitedBy: string,
): MembershipRecord {
  const existing = ctx.store.app.membership(channelArn, memberArn);
  if (existing) return existing;
  const record: MembershipRecord = {
    ChannelArn: channelArn,
    MemberArn: memberArn,
    Type: type,
    InvitedBy: invitedBy,
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
  };
  ctx.store.app.addMembership(record);
  return record;
}

export const createChannelMembership: OperationHandler<
  CreateChannelMembershipCommandInput,
  CreateChannelMembershipCommandOutput
> = (ctx) => {
  const { ChannelArn, MemberArn, Type, ChimeBearer, SubChannelId } = ctx.input;
  requireInviter(ctx, ChannelArn, ChimeBearer);
  const record = addMember(ctx, ChannelArn, MemberArn, Type, ChimeBearer);
  ctx.sessions.toMembers(ChannelArn, 'CREATE_CHANNEL_MEMBERSHIP', 'SYSTEM', membershipPayload(ctx.store, record));
  return { body: compact({ ChannelArn, Member: identityOf(ctx.store, MemberArn), SubChannelId }) };
};

export const batchCreateChannelMembership: OperationHandler<
  BatchCreateChannelMembershipCommandInput,
  BatchCreateChannelMembershipCommandOutput
> = (ctx) => {
  const { ChannelArn, MemberArns, ChimeBearer, SubChannelId } = ctx.input;
  const type = ctx.input.Type ?? 'DEFAULT';
  requireInviter(ctx, ChannelArn, ChimeBearer);
  const members = MemberArns.map((arn) => addMember(ctx, ChannelArn, arn, type, ChimeBearer));
  const batch = compact({
    ChannelArn,
    Type: type,
    InvitedBy: identityOf(ctx.store, ChimeBearer),
    Members: members.map((m) => identityOf(ctx.store, m.MemberArn)),
    SubChannelId,
  });
  ctx.sessions.toMembers(ChannelArn, 'BATCH_CREATE_CHANNEL_MEMBERSHIP', 'SYSTEM', batch);
  return { body: { BatchChannelMemberships: batch, Errors: [] } };
};

function membershipOrThrow(ctx: OperationContext<{ ChannelArn: string; MemberArn: string }>): MembershipRecord {
  const record = ctx.store.app.membership(ctx.input.ChannelArn, ctx.input.MemberArn);
  if (!record)
    throw new ServiceError(ErrorShape.NotFound, `Membership of ${ctx.input.MemberArn} in the channel not found`);
  return record;
}

export const describeChannelMembership: OperationHandler<
  DescribeChannelMembershipCommandInput,
  DescribeChannelMembershipCommandOutput
> = (ctx) => {
  const channel = channelOrThrow(ctx, ctx.input.ChannelArn);
  requireReader(ctx, channel, ctx.input.ChimeBearer);
  const record = membershipOrThrow(ctx);
  return {
    body: {
      ChannelMembership: compact({
        ChannelArn: record.ChannelArn,
        Type: record.Type,
        Member: identityOf(ctx.store, record.MemberArn),
        InvitedBy: identityOf(ctx.store, record.InvitedBy),
        CreatedTimestamp: seconds(record.CreatedTimestamp),
        LastUpdatedTimestamp: seconds(record.LastUpdatedTimestamp),
      }),
    },
  };
};

export const listChannelMemberships: OperationHandler<
  ListChannelMembershipsCommandInput,
  ListChannelMembershipsCommandOutput
> = (ctx) => {
  const { ChannelArn, Type, NextToken, MaxResults, ChimeBearer } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  requireReader(ctx, channel, ChimeBearer);
  // HIDDEN members are listed only when asked for by Type.
  const all = [...ctx.store.app.membershipsOf(ChannelArn)].filter((m) => m.Type === (Type ?? 'DEFAULT'));
  const offset = pageToken.decode(NextToken);
  const max = MaxResults ?? 50;
  return {
    body: compact({
      ChannelArn,
      ChannelMemberships: all.slice(offset, offset + max).map((m) => ({ Member: identityOf(ctx.store, m.MemberArn) })),
      NextToken: offset + max < all.length ? pageToken.encode(offset + max) : undefined,
    }),
  };
};

export const deleteChannelMembership: OperationHandler<
  DeleteChannelMembershipCommandInput,
  DeleteChannelMembershipCommandOutput
> = (ctx) => {
  const { ChannelArn, MemberArn, ChimeBearer } = ctx.input;
  const channel = channelOrThrow(ctx, ChannelArn);
  // Members may leave; removing someone else takes a moderator or an admin.
  if (MemberArn !== ChimeBearer && !isModerator(ctx, channel, ChimeBearer))
    throw new ServiceError(ErrorShape.Forbidden, `Only moderators can remove other members of ${ChannelArn}`);
  const record = membershipOrThrow(ctx);
  const payload = membershipPayload(ctx.store, record);
  ctx.store.app.deleteMembership(ChannelArn, MemberArn);
  // The member who left hears it too.
  ctx.sessions.toMembers(ChannelArn, 'DELETE_CHANNEL_MEMBERSHIP', 'SYSTEM', payload, MemberArn);
  return {};
};

export const listChannelMembershipsForAppInstanceUser: OperationHandler<
  ListChannelMembershipsForAppInstanceUserCommandInput,
  ListChannelMembershipsForAppInstanceUserCommandOutput
> = (ctx) => {
  const { ChimeBearer, NextToken, MaxResults } = ctx.input;
  const userArn = ctx.input.AppInstanceUserArn ?? ChimeBearer;
  const channels = [...ctx.store.app.channelsOfMember(userArn)]
    .map((arn) => ctx.store.channels.get(arn))
    .filter((c) => c !== undefined);
  if (userArn !== ChimeBearer && channels.some((c) => !ctx.store.app.isAdmin(c.AppInstanceArn, ChimeBearer)))
    throw new ServiceError(ErrorShape.Forbidden, 'Only an AppInstanceAdmin can list another user’s memberships');
  const offset = pageToken.decode(NextToken);
  const max = MaxResults ?? 50;
  return {
    body: compact({
      ChannelMemberships: channels.slice(offset, offset + max).map((c) => ({
        ChannelSummary: compact({
          Name: c.Name,
          ChannelArn: c.ChannelArn,
          Mode: c.Mode,
          Privacy: c.Privacy,
          Metadata: c.Metadata,
          LastMessageTimestamp: seconds(c.LastMessageTimestamp),
        }),
        AppInstanceUserMembershipSummary: { Type: ctx.store.app.membership(c.ChannelArn, userArn)?.Type ?? 'DEFAULT' },
      })),
      NextToken: offset + max < channels.length ? pageToken.encode(offset + max) : undefined,
    }),
  };
};
