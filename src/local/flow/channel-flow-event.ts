import type { ChannelFlowEvent } from '../../event/types.js';
import type { MessageRecord, PendingVersion } from '../state/types.js';

/**
 * The invocation event a processor receives for a PENDING version, built fresh from state each
 * time (what a handler does to its copy never leaks back). @internal
 */
export function channelFlowEventFor(message: MessageRecord, pending: PendingVersion): ChannelFlowEvent {
  const version = pending.version;
  const channelMessage: ChannelFlowEvent['ChannelMessage'] = {
    MessageId: message.MessageId,
    ChannelArn: message.ChannelArn,
    Content: version.Content,
    Sender: { ...message.Sender },
    Persistence: message.Persistence,
    Type: message.Type,
    CreatedTimestamp: new Date(message.CreatedTimestamp).toISOString(),
  };
  if (version.Metadata !== undefined) channelMessage.Metadata = version.Metadata;
  if (pending.editedAt !== undefined) channelMessage.LastEditedTimestamp = new Date(pending.editedAt).toISOString();
  if (version.MessageAttributes !== undefined)
    channelMessage.MessageAttributes = structuredClone(version.MessageAttributes);
  if (message.SubChannelId !== undefined) channelMessage.SubChannelId = message.SubChannelId;
  if (version.ContentType !== undefined) channelMessage.ContentType = version.ContentType;
  if (message.Target !== undefined) channelMessage.Target = structuredClone(message.Target);
  return { EventType: 'CHANNEL_MESSAGE_EVENT', CallbackId: pending.callbackId, ChannelMessage: channelMessage };
}
