/** A message attribute as the service sends it: `{ lang: { StringValues: ['en'] } }`. */
export interface MessageAttributeValue {
  StringValues?: string[];
}

/**
 * The message a channel flow holds as PENDING. Fields the service adds later are
 * kept (index signature); those the callback needs are checked by the parser.
 */
export interface ChannelMessage {
  MessageId: string;
  ChannelArn: string;
  Content: string;
  Metadata?: string;
  Sender?: { Arn?: string; Name?: string };
  Persistence?: 'PERSISTENT' | 'NON_PERSISTENT' | (string & {});
  Type?: 'STANDARD' | 'CONTROL' | (string & {});
  CreatedTimestamp?: string;
  LastEditedTimestamp?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  SubChannelId?: string;
  ContentType?: string;
  Target?: Array<{ MemberArn?: string }>;
  [field: string]: unknown;
}

/** The event a channel flow invokes its processor Lambda with. */
export interface ChannelFlowEvent {
  EventType: 'CHANNEL_MESSAGE_EVENT' | (string & {});
  /** 32 to 64 characters; the idempotency token of the one callback this event gets. */
  CallbackId: string;
  ChannelMessage: ChannelMessage;
  [field: string]: unknown;
}
