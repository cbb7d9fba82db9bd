import type { ChannelFlowEvent } from '../../event/types.js';
import { newCallbackId } from '../ids.js';
import { Store } from '../state/store.js';
import type { FlowRecord, MessageRecord, MessageVersion, Processor } from '../state/types.js';
import { MessageStatus } from '../state/types.js';
import { claimableCallback, outcomeEventType, patchedVersion } from './callback-checks.js';
import { channelFlowEventFor } from './channel-flow-event.js';
import { FlowEvents } from './events.js';
import { invocationFailureEvent } from './invocation-failure.js';
import { Invoker } from './invoker.js';
import { firstProcessor, flowOfChannel } from './lookup.js';
import type { ProcessorSource } from './processors.js';
import { Sweeper } from './sweeper.js';
import type { EngineOptions, EngineStats, MessageOutcome } from './types.js';

export type { EngineOptions, EngineStats, InvocationRecord, MessageOutcome } from './types.js';
export type { ProcessorInvocationFailureEvent } from './types.js';

/**
 * The message state machine of a channel flow: holds STANDARD messages PENDING, hands them to the
 * {@link Invoker}, applies callbacks exactly once, applies the FallbackAction when the processor
 * cannot be invoked, and announces every step on {@link FlowEngine.events}.
 *
 * @example
 * const engine = new FlowEngine(store, options);
 * engine.events.on('message', ({ type, message }) => console.log(type, message.MessageId));
 * engine.hold(message, version, flow, false);
 */
export class FlowEngine {
  /** Lifecycle (`message`), outcomes, invocations and invocation failures. */
  readonly events: FlowEvents;
  private readonly invoker: Invoker;
  private readonly sweeper: Sweeper;
  /** CallbackIds whose processor was invoked, while their message is PENDING. */
  private readonly invoked = new Map<string, MessageRecord>();
  private readonly outcomes = new Map<string, MessageOutcome>();
  /** PENDING messages only: sweeps and stats stay O(pending), not O(all messages ever sent). */
  private readonly pending = new Set<MessageRecord>();
  private readonly counters = { sent: 0, denied: 0, failed: 0, callbacksAccepted: 0, callbacksRejected: 0 };
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: EngineOptions,
  ) {
    this.events = new FlowEvents((error) =>
      options.logger.error('an engine event listener threw', { error: (error as Error)?.name }),
    );
    this.invoker = new Invoker(options, this.events);
    this.sweeper = new Sweeper(
      {
        pending: () => this.pending,
        fallBack: (message, reason) => {
          const flow = flowOfChannel(this.store, message.ChannelArn);
          this.fallback(message, flow ? firstProcessor(flow).FallbackAction : 'CONTINUE', reason);
        },
      },
      options,
    );
  }

  /** Puts a new message or an edit in PENDING and schedules its processor. */
  hold(message: MessageRecord, version: MessageVersion, flow: FlowRecord, isEdit: boolean, now = Date.now()): void {
    const callbackId = newCallbackId();
    message.pending = { version, callbackId, since: now, isEdit, ...(isEdit ? { editedAt: now } : {}) };
    message.status = MessageStatus.Pending;
    this.pending.add(message);
    this.store.setCallback(callbackId, {
      channelArn: message.ChannelArn,
      messageId: message.MessageId,
      state: 'pending',
    });
    this.store.touchMessage(message);
    this.events.emit('message', { type: 'pending', message, isEdit });
    setImmediate(() => void this.dispatch(message, flow));
  }

  /** After a restart: PENDING messages get their event again (same CallbackId, as a Lambda redelivery would). */
  resume(): void {
    for (const message of this.store.messages.values()) {
      if (!message.pending) continue;
      this.pending.add(message);
      const flow = flowOfChannel(this.store, message.ChannelArn);
      if (flow) setImmediate(() => void this.dispatch(message, flow));
    }
  }

  /** The invocation event for a PENDING message. */
  eventFor(message: MessageRecord): ChannelFlowEvent {
    return channelFlowEventFor(message, message.pending!);
  }

  private async dispatch(message: MessageRecord, flow: FlowRecord): Promise<void> {
    if (this.closed || !message.pending) return;
    const processor = firstProcessor(flow);
    const runtime = await this.invoker.prepare(processor);
    if ('reason' in runtime) return this.invocationFailed(message, flow, processor, runtime.reason);
    const event = this.eventFor(message);
    this.invoked.set(event.CallbackId, message);
    this.events.emit('invoked', event);
    await this.invoker.deliver(runtime, processor, event, ({ reason }) =>
      this.invocationFailed(message, flow, processor, reason),
    );
  }

  private invocationFailed(message: MessageRecord, flow: FlowRecord, processor: Processor, reason: string): void {
    // A duplicate delivery may fail after the first one answered: nothing is pending then.
    if (!message.pending) return;
    const { account, region, logger } = this.options;
    const event = invocationFailureEvent({ account, region, flow, message, processor, reason });
    logger.warn('ProcessorInvocationFailure', { event, fallbackAction: processor.FallbackAction });
    this.events.emit('invocationFailure', event);
    this.fallback(message, processor.FallbackAction, 'invocation-failure');
  }

  /** Applies a FallbackAction: CONTINUE sends the message as written, ABORT marks it FAILED. */
  fallback(message: MessageRecord, action: 'CONTINUE' | 'ABORT', reason: string): void {
    const pending = message.pending;
    if (!pending) return;
    const callback = this.store.callbacks.get(pending.callbackId);
    if (callback) {
      callback.state = 'used';
      this.store.touchCallback(pending.callbackId);
    }
    this.settle(message, pending.callbackId);
    const now = Date.now();
    if (action === 'CONTINUE') {
      message.visible = pending.version;
      message.status = MessageStatus.Sent;
      this.markSent(message, pending.editedAt, now);
    } else {
      // An aborted edit keeps the previous version visible; a new message is FAILED.
      message.status = MessageStatus.Failed;
      if (!pending.isEdit) message.visible = null;
      message.failedVersion = pending.version;
      this.counters.failed++;
    }
    this.store.touchMessage(message);
    this.announce(message, {
      channelArn: message.ChannelArn,
      messageId: message.MessageId,
      callbackId: pending.callbackId,
      isEdit: pending.isEdit,
      status: action === 'CONTINUE' ? 'SENT' : 'FAILED',
      decision: 'fallback',
      latencyMs: now - pending.since,
      reason,
      ...(action === 'CONTINUE' ? { content: pending.version.Content, metadata: pending.version.Metadata } : {}),
    });
  }

  /**
   * Validates a ChannelFlowCallback against the message's state and claims its CallbackId,
   * so a racing second callback sees ConflictException. Returns the commit function;
   * {@link unclaim} gives the id back when the request dies before commit.
   */
  claimCallback(
    channelArn: string,
    callbackId: string,
    messageId: string,
  ): (deleteResource: boolean, patch: Partial<MessageVersion>) => MessageOutcome {
    const { record, message } = claimableCallback(this.store, { channelArn, callbackId, messageId }, () => {
      this.counters.callbacksRejected++;
    });
    record.state = 'inflight';
    return (deleteResource, patch) => {
      record.state = 'used';
      this.store.touchCallback(callbackId);
      return this.release(message, callbackId, deleteResource, patch);
    };
  }

  /** Gives a claimed CallbackId back when the request dies before commit (fault injection, connection reset). */
  unclaim(callbackId: string): void {
    const record = this.store.callbacks.get(callbackId);
    if (record?.state === 'inflight') record.state = 'pending';
  }

  private release(
    message: MessageRecord,
    callbackId: string,
    deleteResource: boolean,
    patch: Partial<MessageVersion>,
  ): MessageOutcome {
    const pending = message.pending!;
    this.settle(message, callbackId);
    this.counters.callbacksAccepted++;
    const now = Date.now();
    const base = {
      channelArn: message.ChannelArn,
      messageId: message.MessageId,
      callbackId,
      isEdit: pending.isEdit,
      latencyMs: now - pending.since,
    };
    let outcome: MessageOutcome;
    if (deleteResource) {
      // The service does not store denied messages; a denied edit keeps the previous version.
      if (pending.isEdit) {
        message.status = MessageStatus.Sent;
        this.store.touchMessage(message);
      } else this.store.deleteMessage(message);
      outcome = { ...base, status: 'DENIED', decision: 'deny' };
    } else {
      const { next, changed } = patchedVersion(pending.version, patch);
      message.visible = next;
      message.status = MessageStatus.Sent;
      this.markSent(message, pending.editedAt, now);
      this.store.touchMessage(message);
      outcome = {
        ...base,
        status: 'SENT',
        decision: changed ? 'update' : 'noChange',
        content: next.Content,
        ...(next.Metadata !== undefined ? { metadata: next.Metadata } : {}),
      };
    }
    this.announce(message, outcome);
    return outcome;
  }

  /** The message left PENDING: forget it in the pending and invoked indexes. */
  private settle(message: MessageRecord, callbackId: string): void {
    message.pending = undefined;
    this.pending.delete(message);
    this.invoked.delete(callbackId);
  }

  private markSent(message: MessageRecord, editedAt: number | undefined, now: number): void {
    this.counters.sent++;
    message.LastUpdatedTimestamp = now;
    if (editedAt !== undefined) message.LastEditedTimestamp = editedAt;
    message.failedVersion = undefined;
    const channel = this.store.channels.get(message.ChannelArn);
    if (channel) {
      channel.LastMessageTimestamp = now;
      this.store.touchChannel(channel);
    }
  }

  private announce(message: MessageRecord, outcome: MessageOutcome): void {
    if (outcome.status === 'DENIED') this.counters.denied++;
    this.outcomes.set(Store.messageKey(outcome.channelArn, outcome.messageId), outcome);
    const type = outcomeEventType(outcome);
    this.events.emit('message', { type, message, isEdit: outcome.isEdit, outcome });
    this.events.emit('outcome', outcome);
  }

  /** The last outcome of a message, if it left PENDING at least once. */
  lastOutcome(channelArn: string, messageId: string): MessageOutcome | undefined {
    return this.outcomes.get(Store.messageKey(channelArn, messageId));
  }

  /** Events of messages still PENDING whose processor was invoked (for tests that answer callbacks themselves). */
  pendingEvents(): ChannelFlowEvent[] {
    const events: ChannelFlowEvent[] = [];
    for (const [callbackId, message] of this.invoked)
      if (message.pending?.callbackId === callbackId) events.push(this.eventFor(message));
    return events;
  }

  /** Maps (or remaps) a processor; running functions restart cold on next use. */
  setProcessor(name: string, source: ProcessorSource): void {
    this.invoker.setProcessor(name, source);
  }

  /** The environment processors run with (endpoint, region, credentials), set once the server listens. */
  setFunctionEnvironment(env: Record<string, string>): void {
    this.invoker.setFunctionEnvironment(env);
  }

  /** Resolves when no handler is running (or after `timeoutMs`); true when idle. */
  idle(timeoutMs: number): Promise<boolean> {
    return this.invoker.idle(timeoutMs);
  }

  /** Applies `pendingTimeoutMs` and reports stuck messages now (the sweeper also runs every 250 ms). */
  sweep(now = Date.now()): void {
    this.sweeper.sweep(now);
  }

  stats(now = Date.now()): EngineStats {
    let pending = 0;
    let stuck = 0;
    for (const message of this.pending) {
      if (!message.pending) continue;
      pending++;
      if (now - message.pending.since >= this.options.stuckAfterMs) stuck++;
    }
    return { pending, inFlight: this.invoker.running, stuck, ...this.counters, ...this.invoker.counters };
  }

  /** Stops sweeping and every function runtime (their workers end). */
  async close(): Promise<void> {
    this.closed = true;
    this.sweeper.close();
    await this.invoker.close();
  }
}
