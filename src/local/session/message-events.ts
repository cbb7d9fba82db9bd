import type { FlowEngine, MessageOutcome } from '../flow/engine.js';
import type { OperationHandler } from '../operations/context.js';
import type { Store } from '../state/store.js';
import type { MessageRecord } from '../state/types.js';
import { messagePayload } from './frames.js';
import type { SessionHub } from './hub.js';

/** What a DENIED or FAILED event needs once the engine has dropped the message: the sender and the refused version. */
interface HeldMessage {
  payloadBase: MessageRecord;
}

/**
 * Routes message events to sessions as the service does with channel flows: a message without a
 * flow (or CONTROL) goes to every member at once; a held one sends PENDING_ to its sender only;
 * the outcome sends the message as updated to every member (SENT) or DENIED_/FAILED_ to the
 * sender only. Non-members get nothing.
 *
 * @example
 * const routing = new MessageRouting(store, engine, hub);
 * handlers.SendChannelMessage = routing.afterSend(sendChannelMessage, false);
 */
export class MessageRouting {
  /** Messages PENDING in a flow, by `channelArn\nmessageId`. */
  private readonly held = new Map<string, HeldMessage>();
  private readonly stop: () => void;

  constructor(
    private readonly store: Store,
    engine: FlowEngine,
    private readonly hub: SessionHub,
  ) {
    this.stop = engine.events.on('outcome', (outcome) => this.outcome(outcome));
  }

  /** Wraps SendChannelMessage (isEdit false) or UpdateChannelMessage (true) to announce the result. */
  afterSend(handler: OperationHandler, isEdit: boolean): OperationHandler {
    return async (ctx) => {
      const result = await handler(ctx);
      const messageId = result.body?.MessageId as string | undefined;
      const message = messageId ? this.store.getMessage(ctx.input.ChannelArn, messageId) : undefined;
      if (!message) return result;
      if (message.pending) {
        this.held.set(`${message.ChannelArn}\n${message.MessageId}`, {
          payloadBase: { ...message, visible: message.pending.version },
        });
        this.hub.toUser(
          message.Sender.Arn,
          isEdit ? 'PENDING_UPDATE_CHANNEL_MESSAGE' : 'PENDING_CREATE_CHANNEL_MESSAGE',
          message.Type,
          messagePayload(message, message.pending.version, 'PENDING'),
        );
      } else {
        this.hub.toMembers(
          message.ChannelArn,
          isEdit ? 'UPDATE_CHANNEL_MESSAGE' : 'CREATE_CHANNEL_MESSAGE',
          message.Type,
          messagePayload(message, message.visible, 'SENT'),
        );
      }
      return result;
    };
  }

  close(): void {
    this.stop();
  }

  private outcome(outcome: MessageOutcome): void {
    const key = `${outcome.channelArn}\n${outcome.messageId}`;
    const held = this.held.get(key);
    this.held.delete(key);
    if (outcome.status === 'SENT') {
      const message = this.store.getMessage(outcome.channelArn, outcome.messageId);
      if (!message) return;
      this.hub.toMembers(
        message.ChannelArn,
        outcome.isEdit ? 'UPDATE_CHANNEL_MESSAGE' : 'CREATE_CHANNEL_MESSAGE',
        message.Type,
        messagePayload(message, message.visible, 'SENT'),
      );
      return;
    }
    // After a restart the engine may settle a message this process never saw held; the store still has FAILED ones.
    const base = held?.payloadBase ?? this.store.getMessage(outcome.channelArn, outcome.messageId);
    if (!base) return;
    const denied = outcome.status === 'DENIED';
    const type = denied
      ? outcome.isEdit
        ? 'DENIED_UPDATE_CHANNEL_MESSAGE'
        : 'DENIED_CREATE_CHANNEL_MESSAGE'
      : outcome.isEdit
        ? 'FAILED_UPDATE_CHANNEL_MESSAGE'
        : 'FAILED_CREATE_CHANNEL_MESSAGE';
    this.hub.toUser(base.Sender.Arn, type, base.Type, messagePayload(base, base.visible, outcome.status));
  }
}
