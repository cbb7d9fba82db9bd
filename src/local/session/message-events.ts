import type { FlowEngine } from '../flow/engine.js';
import type { MessageLifecycleEvent } from '../flow/events.js';
import type { MessageRecord } from '../state/types.js';
import type { EventType } from './frames.js';
import { messagePayload } from './frames.js';
import type { SessionHub } from './hub.js';

/** The held version, as the sender wrote it: DENIED and FAILED frames show it after the engine dropped it. */
type Held = MessageRecord;

/**
 * Routes the engine's message lifecycle events to sessions as the service does with channel flows:
 * a message without a flow (or CONTROL) goes to every member at once; a held one sends PENDING_ to
 * its sender only; the outcome sends the message as processed to every member (SENT) or
 * DENIED_/FAILED_ to the sender only; a deleted one DELETE_ to every member. Non-members get nothing.
 *
 * @example
 * const routing = new MessageRouting(engine, hub);
 * routing.close(); // unsubscribes
 */
export class MessageRouting {
  /** Messages PENDING in a flow, by `channelArn\nmessageId`, as their sender wrote them. */
  private readonly held = new Map<string, Held>();
  private readonly stop: () => void;

  constructor(
    engine: FlowEngine,
    private readonly hub: SessionHub,
  ) {
    this.stop = engine.events.on('message', (event) => this.route(event));
  }

  close(): void {
    this.stop();
  }

  private route({ type, message, isEdit }: MessageLifecycleEvent): void {
    const key = `${message.ChannelArn}\n${message.MessageId}`;
    const verb = isEdit ? 'UPDATE' : 'CREATE';
    switch (type) {
      case 'pending': {
        const version = message.pending?.version ?? message.visible;
        this.held.set(key, { ...message, visible: version });
        this.toSender(message, `PENDING_${verb}_CHANNEL_MESSAGE`, messagePayload(message, version, 'PENDING'));
        return;
      }
      case 'sent':
      case 'updated':
        this.held.delete(key);
        this.hub.toMembers(
          message.ChannelArn,
          type === 'sent' ? 'CREATE_CHANNEL_MESSAGE' : 'UPDATE_CHANNEL_MESSAGE',
          message.Type,
          messagePayload(message, message.visible, 'SENT'),
        );
        return;
      case 'denied':
      case 'failed': {
        // After a restart the engine may settle a message this process never saw held.
        const held = this.held.get(key) ?? message;
        this.held.delete(key);
        const status = type === 'denied' ? 'DENIED' : 'FAILED';
        this.toSender(held, `${status}_${verb}_CHANNEL_MESSAGE`, messagePayload(held, held.visible, status));
        return;
      }
      case 'deleted':
        this.held.delete(key);
        this.hub.toMembers(
          message.ChannelArn,
          'DELETE_CHANNEL_MESSAGE',
          message.Type,
          messagePayload(message, null, message.status),
        );
        return;
    }
  }

  private toSender(message: MessageRecord, type: EventType, payload: Record<string, unknown>): void {
    this.hub.toUser(message.Sender.Arn, type, message.Type, payload);
  }
}
