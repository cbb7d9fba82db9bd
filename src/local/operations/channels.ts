import type {
  AssociateChannelFlowCommandInput,
  AssociateChannelFlowCommandOutput,
  CreateChannelCommandInput,
  CreateChannelCommandOutput,
  DescribeChannelCommandInput,
  DescribeChannelCommandOutput,
  DisassociateChannelFlowCommandInput,
  DisassociateChannelFlowCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { randomUUID } from 'node:crypto';
import { ErrorShape, ServiceError } from '../errors.js';
import type { ChannelRecord } from '../state/types.js';
import type { OperationHandler } from './context.js';
import { channelOrThrow, compact, missing, nameOfArn, seconds } from './context.js';

export const createChannel: OperationHandler<CreateChannelCommandInput, CreateChannelCommandOutput> = (ctx) => {
  const {
    AppInstanceArn,
    Name,
    Mode,
    Privacy,
    Metadata,
    ClientRequestToken,
    ChimeBearer,
    ChannelId,
    ElasticChannelConfiguration,
    ExpirationSettings,
  } = ctx.input;
  const tokenKey = `CreateChannel\n${AppInstanceArn}\n${ClientRequestToken}`;
  const existing = ctx.store.tokens.get(tokenKey);
  if (existing && ctx.store.channels.has(existing)) return { body: { ChannelArn: existing } };
  const channelArn = `${AppInstanceArn}/channel/${ChannelId ?? randomUUID().replaceAll('-', '')}`;
  if (ctx.store.channels.has(channelArn))
    throw new ServiceError(ErrorShape.Conflict, `Channel ${channelArn} already exists`);
  const channel: ChannelRecord = compact({
    ChannelArn: channelArn,
    AppInstanceArn,
    Name,
    Mode: Mode ?? 'UNRESTRICTED',
    Privacy: Privacy ?? 'PUBLIC',
    Metadata,
    CreatedBy: { Arn: ChimeBearer, Name: nameOfArn(ChimeBearer) },
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
    ElasticChannelConfiguration,
    ExpirationSettings,
  });
  ctx.store.putChannel(channel);
  ctx.store.setToken(tokenKey, channelArn);
  return { body: { ChannelArn: channelArn } };
};

export const describeChannel: OperationHandler<DescribeChannelCommandInput, DescribeChannelCommandOutput> = (ctx) => {
  const c = channelOrThrow(ctx, ctx.input.ChannelArn);
  return {
    body: {
      Channel: compact({
        Name: c.Name,
        ChannelArn: c.ChannelArn,
        Mode: c.Mode,
        Privacy: c.Privacy,
        Metadata: c.Metadata,
        CreatedBy: c.CreatedBy,
        CreatedTimestamp: seconds(c.CreatedTimestamp),
        LastMessageTimestamp: seconds(c.LastMessageTimestamp),
        LastUpdatedTimestamp: seconds(c.LastUpdatedTimestamp),
        ChannelFlowArn: c.ChannelFlowArn,
        ElasticChannelConfiguration: c.ElasticChannelConfiguration,
        ExpirationSettings: c.ExpirationSettings,
      }),
    },
  };
};

export const associateChannelFlow: OperationHandler<
  AssociateChannelFlowCommandInput,
  AssociateChannelFlowCommandOutput
> = (ctx) => {
  const channel = channelOrThrow(ctx, ctx.input.ChannelArn);
  const flow = ctx.store.flows.get(ctx.input.ChannelFlowArn);
  if (!flow) throw missing(ctx.operation, `Channel flow ${ctx.input.ChannelFlowArn}`);
  if (channel.ChannelFlowArn && channel.ChannelFlowArn !== flow.ChannelFlowArn) {
    throw new ServiceError(
      ErrorShape.Conflict,
      `Channel ${channel.ChannelArn} already has channel flow ${channel.ChannelFlowArn}`,
    );
  }
  if (flow.AppInstanceArn !== channel.AppInstanceArn)
    throw new ServiceError(ErrorShape.BadRequest, 'Invalid input: the channel flow belongs to another app instance');
  channel.ChannelFlowArn = flow.ChannelFlowArn;
  channel.LastUpdatedTimestamp = ctx.now;
  ctx.store.touchChannel(channel);
  return {};
};

export const disassociateChannelFlow: OperationHandler<
  DisassociateChannelFlowCommandInput,
  DisassociateChannelFlowCommandOutput
> = (ctx) => {
  const channel = channelOrThrow(ctx, ctx.input.ChannelArn);
  if (channel.ChannelFlowArn !== ctx.input.ChannelFlowArn)
    throw missing(ctx.operation, `Association of channel flow ${ctx.input.ChannelFlowArn}`);
  delete channel.ChannelFlowArn;
  channel.LastUpdatedTimestamp = ctx.now;
  ctx.store.touchChannel(channel);
  return {};
};
