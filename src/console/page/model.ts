import type { ConsoleStatus, MessageDetails } from '../api-types.js';
import type { FrameMessage, SessionFrame } from './session.js';

/** A message as one user's session has seen it. */
export interface ChatMessage {
  messageId: string;
  channelArn: string;
  senderArn: string;
  senderName: string;
  /** What this user sees: the delivered text (the sender also sees its own PENDING/DENIED text). */
  content: string;
  status: ConsoleStatus;
  edited: boolean;
  redacted: boolean;
  /** e.g. "edit denied": the last edit did not pass, the previous text stays. */
  note?: string;
  order: number;
}

const STATUS_OF: Record<string, ConsoleStatus> = {
  PENDING_CREATE_CHANNEL_MESSAGE: 'PENDING',
  PENDING_UPDATE_CHANNEL_MESSAGE: 'PENDING',
  CREATE_CHANNEL_MESSAGE: 'SENT',
  UPDATE_CHANNEL_MESSAGE: 'SENT',
  DENIED_CREATE_CHANNEL_MESSAGE: 'DENIED',
  DENIED_UPDATE_CHANNEL_MESSAGE: 'DENIED',
  FAILED_CREATE_CHANNEL_MESSAGE: 'FAILED',
  FAILED_UPDATE_CHANNEL_MESSAGE: 'FAILED',
};

/** Messages per channel as one user's session received them, in arrival order. */
export class Conversation {
  readonly messages = new Map<string, ChatMessage>();
  /** The last text this user saw as SENT, per message (a refused edit falls back to it). */
  private readonly lastSent = new Map<string, string>();
  private counter = 0;

  /** Applies one session frame; returns true when something shown changed. */
  apply(frame: SessionFrame): boolean {
    if (frame.type === 'CHANNEL_DETAILS') {
      const list = (frame.payload.ChannelMessages ?? []) as FrameMessage[];
      for (const message of [...list].reverse()) this.upsert(message, 'SENT', false);
      return list.length > 0;
    }
    const message = frame.payload as unknown as FrameMessage;
    if (typeof message?.MessageId !== 'string' || typeof message.ChannelArn !== 'string') return false;
    if (frame.type === 'DELETE_CHANNEL_MESSAGE') return this.messages.delete(message.MessageId);
    if (frame.type === 'REDACT_CHANNEL_MESSAGE') {
      const current = this.upsert(message, 'SENT', false);
      current.redacted = true;
      current.content = '';
      return true;
    }
    const status = STATUS_OF[frame.type];
    if (!status) return false;
    this.upsert(message, status, frame.type.includes('UPDATE'));
    return true;
  }

  private upsert(message: FrameMessage, status: ConsoleStatus, isEdit: boolean): ChatMessage {
    let current = this.messages.get(message.MessageId);
    if (!current) {
      current = {
        messageId: message.MessageId,
        channelArn: message.ChannelArn,
        senderArn: message.Sender?.Arn ?? '',
        senderName: message.Sender?.Name ?? message.Sender?.Arn?.split('/').pop() ?? '?',
        content: '',
        status,
        edited: false,
        redacted: false,
        order: this.counter++,
      };
      this.messages.set(message.MessageId, current);
    }
    current.note = undefined;
    if (message.Redacted) current.redacted = true;
    const previous = this.lastSent.get(message.MessageId);
    if ((status === 'DENIED' || status === 'FAILED') && isEdit && previous !== undefined) {
      // A refused edit leaves the message as it was.
      current.content = previous;
      current.status = 'SENT';
      current.note = `edit ${status.toLowerCase()}`;
      return current;
    }
    current.status = status;
    if (message.Content !== undefined) current.content = message.Content;
    if (status === 'SENT') {
      this.lastSent.set(message.MessageId, current.content);
      if (isEdit) current.edited = true;
    }
    return current;
  }

  /** The channel's messages in arrival order. */
  of(channelArn: string): ChatMessage[] {
    return [...this.messages.values()].filter((m) => m.channelArn === channelArn).sort((a, b) => a.order - b.order);
  }
}

/** Details streamed by the emulator, by CallbackId, with the latest pass of each message. */
export class DetailsBook {
  readonly byCallback = new Map<string, MessageDetails>();
  private readonly latest = new Map<string, MessageDetails>();

  put(details: MessageDetails): void {
    this.byCallback.set(details.callbackId, details);
    const current = this.latest.get(details.messageId);
    if (!current || current.callbackId === details.callbackId || current.startedAt <= details.startedAt)
      this.latest.set(details.messageId, details);
  }

  of(messageId: string): MessageDetails | undefined {
    return this.latest.get(messageId);
  }

  all(): MessageDetails[] {
    return [...this.byCallback.values()];
  }
}
