import type { Store } from '../state/store.js';
import type { FlowRecord, MessageVersion, Processor } from '../state/types.js';

/** The fields of a message version a sender or a processor's callback can change. @internal */
export const PATCH_FIELDS = ['Content', 'Metadata', 'MessageAttributes', 'ContentType', 'PushNotification'] as const;

/**
 * The processor that runs for a flow: the service documents one processor per flow, so the one
 * with the lowest ExecutionOrder. @internal
 */
export function firstProcessor(flow: FlowRecord): Processor {
  let first = flow.Processors[0]!;
  for (const processor of flow.Processors) if (processor.ExecutionOrder < first.ExecutionOrder) first = processor;
  return first;
}

/** The flow associated with a channel, if any. @internal */
export function flowOfChannel(store: Store, channelArn: string): FlowRecord | undefined {
  const channel = store.channels.get(channelArn);
  return channel?.ChannelFlowArn ? store.flows.get(channel.ChannelFlowArn) : undefined;
}

/** Copies the patch fields present in `source` (an input or a callback's ChannelMessage). @internal */
export function patchOf(source: Partial<Record<(typeof PATCH_FIELDS)[number], unknown>>): Partial<MessageVersion> {
  const patch: Partial<Record<(typeof PATCH_FIELDS)[number], unknown>> = {};
  for (const key of PATCH_FIELDS) if (source[key] !== undefined) patch[key] = source[key];
  return patch as Partial<MessageVersion>;
}
