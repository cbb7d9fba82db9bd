import type { Store } from '../state/store.js';
import type { ChannelRecord, MembershipRecord, MessageRecord, MessageVersion } from '../state/types.js';
import { identityOf } from '../identity/names.js';

/** Event types a messaging session receives, as the service names them. */
export const EventType = {
  SessionEstablished: 'SESSION_ESTABLISHED',
  CreateMessage: 'CREATE_CHANNEL_MESSAGE',
  UpdateMessage: 'UPDATE_CHANNEL_MESSAGE',
  RedactMessage: 'REDACT_CHANNEL_MESSAGE',
  DeleteMessage: 'DELETE_CHANNEL_MESSAGE',
  PendingCreateMessage: 'PENDING_CREATE_CHANNEL_MESSAGE',
  PendingUpdateMessage: 'PENDING_UPDATE_CHANNEL_MESSAGE',
  FailedCreateMessage: 'FAILED_CREATE_CHANNEL_MESSAGE',
  FailedUpdateMessage: 'FAILED_UPDATE_CHANNEL_MESSAGE',
  DeniedCreateMessage: 'DENIED_CREATE_CHANNEL_MESSAGE',
  DeniedUpdateMessage: 'DENIED_UPDATE_CHANNEL_MESSAGE',
  UpdateChannel: 'UPDATE_CHANNEL',
  DeleteChannel: 'DELETE_CHANNEL',
  CreateMembership: 'CREATE_CHANNEL_MEMBERSHIP',
  UpdateMembership: 'UPDATE_CHANNEL_MEMBERSHIP',
  DeleteMembership: 'DELETE_CHANNEL_MEMBERSHIP',
  BatchCreateMembership: 'BATCH_CREATE_CHANNEL_MEMBERSHIP',
  ChannelDetails: 'CHANNEL_DETAILS',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** `x-amz-chime-message-type`: a message's own Type, SYSTEM for everything else. */
export type FrameMessageType = 'STANDARD' | 'CONTROL' | 'SYSTEM';

/**
 * One session frame as text: `{"Headers":{…},"Payload":"<JSON string>"}`. Built once per event and
 * sent as is to every recipient.
 *
 * @example
 * frame('SESSION_ESTABLISHED', 'SYSTEM'); // '{"Headers":{"x-amz-chime-event-type":"SESSION_ESTABLISHED",...}}'
 */
export function frame(type: EventType, messageType: FrameMessageType, payload?: unknown): string {
  const Headers = { 'x-amz-chime-event-type': type, 'x-amz-chime-message-type': messageType };
  return JSON.stringify(payload === undefined ? { Headers } : { Headers, Payload: JSON.stringify(payload) });
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

// Payloads are only ever serialised, and JSON.stringify leaves out members that are undefined: they
// are not deleted (deleting would turn each payload into a slow dictionary-mode object).

/** A ChannelMessage payload: `version` is what the recipient is shown (the pending one for the sender). */
export function messagePayload(
  message: MessageRecord,
  version: MessageVersion | null,
  status: string,
  redacted = false,
): Record<string, unknown> {
  return {
    ChannelArn: message.ChannelArn,
    MessageId: message.MessageId,
    Content: redacted ? undefined : version?.Content,
    Metadata: redacted ? undefined : version?.Metadata,
    Type: message.Type,
    CreatedTimestamp: iso(message.CreatedTimestamp),
    LastEditedTimestamp: iso(message.LastEditedTimestamp),
    LastUpdatedTimestamp: iso(message.LastUpdatedTimestamp),
    Sender: message.Sender,
    Redacted: redacted,
    Persistence: message.Persistence,
    Status: { Value: status },
    MessageAttributes: redacted ? undefined : version?.MessageAttributes,
    SubChannelId: message.SubChannelId,
    ContentType: version?.ContentType,
    Target: message.Target,
  };
}

export function channelPayload(channel: ChannelRecord): Record<string, unknown> {
  return {
    ChannelArn: channel.ChannelArn,
    Name: channel.Name,
    Mode: channel.Mode,
    Privacy: channel.Privacy,
    Metadata: channel.Metadata,
    CreatedBy: channel.CreatedBy,
    CreatedTimestamp: iso(channel.CreatedTimestamp),
    LastMessageTimestamp: iso(channel.LastMessageTimestamp),
    LastUpdatedTimestamp: iso(channel.LastUpdatedTimestamp),
    ChannelFlowArn: channel.ChannelFlowArn,
  };
}

export function membershipPayload(store: Store, record: MembershipRecord): Record<string, unknown> {
  return {
    ChannelArn: record.ChannelArn,
    Type: record.Type,
    Member: identityOf(store, record.MemberArn),
    InvitedBy: identityOf(store, record.InvitedBy),
    CreatedTimestamp: iso(record.CreatedTimestamp),
    LastUpdatedTimestamp: iso(record.LastUpdatedTimestamp),
  };
}
