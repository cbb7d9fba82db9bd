import type {
  ChannelMode,
  ChannelPrivacy,
  ElasticChannelConfiguration,
  ExpirationSettings,
} from '@aws-sdk/client-chime-sdk-messaging';

/** Times are epoch milliseconds in state; the wire format (epoch seconds) is applied on output. */
export interface Processor {
  Name: string;
  Configuration: { Lambda: { ResourceArn: string; InvocationType: 'ASYNC' } };
  ExecutionOrder: number;
  FallbackAction: 'CONTINUE' | 'ABORT';
}

export interface FlowRecord {
  ChannelFlowArn: string;
  AppInstanceArn: string;
  Name: string;
  Processors: Processor[];
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
}

export interface ChannelRecord {
  ChannelArn: string;
  AppInstanceArn: string;
  Name: string;
  Mode: ChannelMode;
  Privacy: ChannelPrivacy;
  Metadata?: string;
  CreatedBy: { Arn: string; Name: string };
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
  LastMessageTimestamp?: number;
  ChannelFlowArn?: string;
  ElasticChannelConfiguration?: ElasticChannelConfiguration;
  ExpirationSettings?: ExpirationSettings;
}

/** The parts of a message a sender or a processor can change. */
export interface MessageVersion {
  Content: string;
  Metadata?: string;
  MessageAttributes?: Record<string, { StringValues?: string[] }>;
  ContentType?: string;
  PushNotification?: unknown;
}

export const MessageStatus = { Sent: 'SENT', Pending: 'PENDING', Failed: 'FAILED', Denied: 'DENIED' } as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];

/** A version waiting for its processor's callback. */
export interface PendingVersion {
  version: MessageVersion;
  callbackId: string;
  /** When the message entered PENDING (for latency and stuck detection). */
  since: number;
  isEdit: boolean;
  editedAt?: number;
  /** Already reported as stuck (logged once). */
  reportedStuck?: boolean;
}

export interface MessageRecord {
  MessageId: string;
  ChannelArn: string;
  Type: 'STANDARD' | 'CONTROL';
  Persistence: 'PERSISTENT' | 'NON_PERSISTENT';
  Sender: { Arn: string; Name: string };
  SubChannelId?: string;
  Target?: Array<{ MemberArn?: string }>;
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
  LastEditedTimestamp?: number;
  /** What the channel sees; null until the first version is SENT. */
  visible: MessageVersion | null;
  status: MessageStatus;
  pending?: PendingVersion;
  /** The version a FallbackAction ABORT refused (shown with Status FAILED to GetChannelMessage). */
  failedVersion?: MessageVersion;
}

/** What a CallbackId refers to, and whether it was used. */
export interface CallbackRecord {
  channelArn: string;
  messageId: string;
  state: 'pending' | 'inflight' | 'used';
}

/** The whole persisted state (arrays in the file, maps in memory). */
export interface StateSnapshot extends AppSideSnapshot {
  version: 1;
  /** The journal generation that continues this snapshot (`FILE.journal.N`); absent in older files. */
  journal?: number;
  flows: FlowRecord[];
  channels: ChannelRecord[];
  messages: MessageRecord[];
  callbacks: Array<[string, CallbackRecord]>;
  tokens: Array<[string, string]>;
}

/** An AppInstance of chime-sdk-identity. */
export interface AppInstanceRecord {
  AppInstanceArn: string;
  Name: string;
  Metadata?: string;
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
}

/** An AppInstanceUser (ARN `…:app-instance/ID/user/USER`). */
export interface AppInstanceUserRecord {
  AppInstanceUserArn: string;
  AppInstanceArn: string;
  Name: string;
  Metadata?: string;
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
}

/** An AppInstanceAdmin: may act on every channel of its app instance. */
export interface AppInstanceAdminRecord {
  AppInstanceArn: string;
  AdminArn: string;
  CreatedTimestamp: number;
}

/** A channel membership; `Type` HIDDEN members receive no messages. */
export interface MembershipRecord {
  ChannelArn: string;
  MemberArn: string;
  Type: 'DEFAULT' | 'HIDDEN';
  InvitedBy: string;
  CreatedTimestamp: number;
  LastUpdatedTimestamp: number;
}

/** The app side's part of the persisted state (added to the file by the same atomic writes). */
export interface AppSideSnapshot {
  appInstances?: AppInstanceRecord[];
  users?: AppInstanceUserRecord[];
  admins?: AppInstanceAdminRecord[];
  memberships?: MembershipRecord[];
  /** [channelArn, moderator ARNs]. */
  moderators?: Array<[string, string[]]>;
}
