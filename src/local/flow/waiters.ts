import type { ChannelFlowEvent } from '../../event/types.js';
import { ChannelFlowError } from '../../errors.js';
import { Store } from '../state/store.js';
import type { FlowEngine } from './engine.js';
import type { MessageOutcome } from './types.js';

/**
 * The emulator did not see the expected outcome in time.
 *
 * @example
 * await emulator.waitForOutcome(channelArn, messageId, 5000).catch((e) => e instanceof EmulatorTimeoutError);
 */
export class EmulatorTimeoutError extends ChannelFlowError {
  constructor(what: string, timeoutMs: number) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = 'EmulatorTimeoutError';
  }
}

/**
 * Promises over the engine's events (no polling): the next invocation event of a message, and the
 * outcome of a message. One listener per event type, waiters indexed by message. @internal
 */
export class EngineWaiters {
  private readonly pendingWaiters = new Set<{ messageId?: string; resolve: (event: ChannelFlowEvent) => void }>();
  private readonly outcomeWaiters = new Map<string, Set<(outcome: MessageOutcome) => void>>();
  private readonly stops: Array<() => void>;

  constructor(
    private readonly engine: FlowEngine,
    private readonly store: Store,
  ) {
    this.stops = [
      engine.events.on('invoked', (event) => {
        for (const waiter of this.pendingWaiters) {
          if (waiter.messageId !== undefined && waiter.messageId !== event.ChannelMessage.MessageId) continue;
          this.pendingWaiters.delete(waiter);
          waiter.resolve(event);
        }
      }),
      engine.events.on('outcome', (outcome) => {
        const key = Store.messageKey(outcome.channelArn, outcome.messageId);
        const waiters = this.outcomeWaiters.get(key);
        if (!waiters) return;
        this.outcomeWaiters.delete(key);
        for (const waiter of waiters) waiter(outcome);
      }),
    ];
  }

  /** Resolves with the invocation event for `messageId` (or any message), already invoked or next. */
  pendingEvent(messageId: string | undefined, timeoutMs: number): Promise<ChannelFlowEvent> {
    const already = this.engine
      .pendingEvents()
      .find((event) => messageId === undefined || event.ChannelMessage.MessageId === messageId);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter = {
        messageId,
        resolve: (event: ChannelFlowEvent) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.pendingWaiters.delete(waiter);
        reject(new EmulatorTimeoutError(`a pending event${messageId ? ` for message ${messageId}` : ''}`, timeoutMs));
      }, timeoutMs);
      this.pendingWaiters.add(waiter);
    });
  }

  /** Resolves when the message leaves PENDING (or with its last outcome when it already has). */
  outcome(channelArn: string, messageId: string, timeoutMs: number): Promise<MessageOutcome> {
    const message = this.store.getMessage(channelArn, messageId);
    const last = this.engine.lastOutcome(channelArn, messageId);
    if (!message?.pending && last) return Promise.resolve(last);
    const key = Store.messageKey(channelArn, messageId);
    return new Promise((resolve, reject) => {
      let waiters = this.outcomeWaiters.get(key);
      if (!waiters) {
        waiters = new Set();
        this.outcomeWaiters.set(key, waiters);
      }
      const waiter = (outcome: MessageOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        if (waiters.size === 0 && this.outcomeWaiters.get(key) === waiters) this.outcomeWaiters.delete(key);
        reject(new EmulatorTimeoutError(`the outcome of message ${messageId}`, timeoutMs));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  close(): void {
    for (const stop of this.stops) stop();
  }
}
