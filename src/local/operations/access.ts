import { ErrorShape, ServiceError } from '../errors.js';
import type { ChannelRecord } from '../state/types.js';
import type { OperationContext, OperationHandler } from './context.js';
import { channelOrThrow } from './context.js';

/**
 * Who may act on a channel, as the Chime SDK developer guide's "authorization by role" states it:
 * an AppInstanceAdmin may act on any channel of its app instance; moderators (the creator and
 * CreateChannel's ModeratorArns) manage members and the channel; members send and read.
 */
const isAdmin = (ctx: OperationContext, channel: ChannelRecord, arn: string): boolean =>
  ctx.store.app.isAdmin(channel.AppInstanceArn, arn);

export const isModerator = (ctx: OperationContext, channel: ChannelRecord, arn: string): boolean =>
  ctx.store.app.isModerator(channel.ChannelArn, arn) || isAdmin(ctx, channel, arn);

const isMember = (ctx: OperationContext, channel: ChannelRecord, arn: string): boolean =>
  ctx.store.app.membership(channel.ChannelArn, arn) !== undefined || isAdmin(ctx, channel, arn);

export function requireMember(ctx: OperationContext, channel: ChannelRecord, arn: string): void {
  if (!isMember(ctx, channel, arn))
    throw new ServiceError(ErrorShape.Forbidden, `User ${arn} is not a member of channel ${channel.ChannelArn}`);
}

export function requireModerator(ctx: OperationContext, channel: ChannelRecord, arn: string): void {
  if (!isModerator(ctx, channel, arn))
    throw new ServiceError(
      ErrorShape.Forbidden,
      `User ${arn} is not a moderator of channel ${channel.ChannelArn} nor an AppInstanceAdmin`,
    );
}

/** Runs a check on the channel and bearer before an existing handler (send, list, ...). */
export const guarded =
  <I extends { ChannelArn: string | undefined; ChimeBearer: string | undefined }, O>(
    check: (ctx: OperationContext, channel: ChannelRecord, bearer: string) => void,
    handler: OperationHandler<I, O>,
  ): OperationHandler<I, O> =>
  (ctx) => {
    check(ctx, channelOrThrow(ctx, ctx.input.ChannelArn), ctx.input.ChimeBearer);
    return handler(ctx);
  };

/** Reading messages: anyone in a PUBLIC channel, members (and admins) in a PRIVATE one. */
export function requireReader(ctx: OperationContext, channel: ChannelRecord, arn: string): void {
  if (channel.Privacy === 'PRIVATE') requireMember(ctx, channel, arn);
}
