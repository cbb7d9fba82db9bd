import type {
  CreateChannelFlowCommandInput,
  CreateChannelFlowCommandOutput,
  DeleteChannelFlowCommandInput,
  DeleteChannelFlowCommandOutput,
  DescribeChannelFlowCommandInput,
  DescribeChannelFlowCommandOutput,
  ListChannelFlowsCommandInput,
  ListChannelFlowsCommandOutput,
  UpdateChannelFlowCommandInput,
  UpdateChannelFlowCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { randomUUID } from 'node:crypto';
import { ErrorShape, ServiceError } from '../errors.js';
import type { FlowRecord, Processor } from '../state/types.js';
import type { OperationContext, OperationHandler } from './context.js';
import { compact, missing, pageToken, seconds } from './context.js';

const flowView = (flow: FlowRecord) =>
  compact({
    ChannelFlowArn: flow.ChannelFlowArn,
    Processors: flow.Processors,
    Name: flow.Name,
    CreatedTimestamp: seconds(flow.CreatedTimestamp),
    LastUpdatedTimestamp: seconds(flow.LastUpdatedTimestamp),
  });

function flowOrThrow(ctx: OperationContext<{ ChannelFlowArn: string }>): FlowRecord {
  const flow = ctx.store.flows.get(ctx.input.ChannelFlowArn);
  if (!flow) throw missing(ctx.operation, `Channel flow ${ctx.input.ChannelFlowArn}`);
  return flow;
}

function checkProcessors(processors: Processor[]): void {
  const orders = new Set(processors.map((p) => p.ExecutionOrder));
  if (orders.size !== processors.length)
    throw new ServiceError(ErrorShape.BadRequest, 'Invalid input: Processors must have distinct ExecutionOrder values');
}

export const createChannelFlow: OperationHandler<CreateChannelFlowCommandInput, CreateChannelFlowCommandOutput> = (
  ctx,
) => {
  const { AppInstanceArn, Processors, Name, ClientRequestToken } = ctx.input;
  checkProcessors(Processors);
  const tokenKey = `CreateChannelFlow\n${AppInstanceArn}\n${ClientRequestToken}`;
  const existing = ctx.store.tokens.get(tokenKey);
  if (existing && ctx.store.flows.has(existing)) return { body: { ChannelFlowArn: existing } };
  const flow: FlowRecord = {
    ChannelFlowArn: `${AppInstanceArn}/channel-flow/${randomUUID()}`,
    AppInstanceArn,
    Name,
    Processors: structuredClone(Processors),
    CreatedTimestamp: ctx.now,
    LastUpdatedTimestamp: ctx.now,
  };
  ctx.store.putFlow(flow);
  ctx.store.setToken(tokenKey, flow.ChannelFlowArn);
  return { body: { ChannelFlowArn: flow.ChannelFlowArn } };
};

export const describeChannelFlow: OperationHandler<
  DescribeChannelFlowCommandInput,
  DescribeChannelFlowCommandOutput
> = (ctx) => ({ body: { ChannelFlow: flowView(flowOrThrow(ctx)) } });

export const updateChannelFlow: OperationHandler<UpdateChannelFlowCommandInput, UpdateChannelFlowCommandOutput> = (
  ctx,
) => {
  const flow = flowOrThrow(ctx);
  checkProcessors(ctx.input.Processors);
  flow.Processors = structuredClone(ctx.input.Processors);
  flow.Name = ctx.input.Name;
  flow.LastUpdatedTimestamp = ctx.now;
  ctx.store.touchFlow(flow);
  return { body: { ChannelFlowArn: flow.ChannelFlowArn } };
};

export const deleteChannelFlow: OperationHandler<DeleteChannelFlowCommandInput, DeleteChannelFlowCommandOutput> = (
  ctx,
) => {
  const flow = flowOrThrow(ctx);
  for (const channel of ctx.store.channels.values()) {
    if (channel.ChannelFlowArn === flow.ChannelFlowArn) {
      throw new ServiceError(
        ErrorShape.Conflict,
        `Channel flow ${flow.ChannelFlowArn} is associated with channel ${channel.ChannelArn}`,
      );
    }
  }
  ctx.store.deleteFlow(flow.ChannelFlowArn);
  return {};
};

export const listChannelFlows: OperationHandler<ListChannelFlowsCommandInput, ListChannelFlowsCommandOutput> = (
  ctx,
) => {
  const all = [...ctx.store.flows.values()].filter((flow) => flow.AppInstanceArn === ctx.input.AppInstanceArn);
  const offset = pageToken.decode(ctx.input.NextToken);
  const max = ctx.input.MaxResults ?? 50;
  const page = all.slice(offset, offset + max);
  const next = offset + max < all.length ? pageToken.encode(offset + max) : undefined;
  return {
    body: compact({
      ChannelFlows: page.map((f) => ({ ChannelFlowArn: f.ChannelFlowArn, Name: f.Name, Processors: f.Processors })),
      NextToken: next,
    }),
  };
};
