import { randomUUID } from 'node:crypto';
import { newCallbackId } from '../ids.js';
import type { Logger } from '../../logging/logger.js';
import type { ChannelFlowEvent } from '../../event/types.js';
import { ErrorShape, ServiceError } from '../errors.js';
import { Store } from '../state/store.js';
import type { FlowRecord, MessageRecord, MessageVersion, Processor } from '../state/types.js';
import { MessageStatus } from '../state/types.js';
import type { FaultDice } from './faults.js';
import { FunctionRegistry } from './function-registry.js';
import type { FunctionRuntime } from './function-runtime.js';
import { createLambdaContext } from './lambda-context.js';
import { functionNameOf } from './processors.js';
import type { ProcessorSource } from './processors.js';

/** How a PENDING message ended. `content` is what the channel received (for demos and tests; never logged). */
export interface MessageOutcome {
  channelArn: string;
  messageId: string;
  callbackId: string;
  isEdit: boolean;
  status: 'SENT' | 'DENIED' | 'FAILED';
  /** `update` / `noChange` / `deny` from a callback; `fallback` when the FallbackAction applied. */
  decision: 'update' | 'noChange' | 'deny' | 'fallback';
  /** From entering PENDING to the outcome. */
  latencyMs: number;
  content?: string;
  metadata?: string;
  /** Why the FallbackAction applied: `invocation-failure` or `pending-timeout`. */
  reason?: string;
}

/** The `ProcessorInvocationFailure` event the service sends to EventBridge. */
export interface ProcessorInvocationFailureEvent {
  version: '0';
  id: string;
  'detail-type': 'Chime ChannelFlow Processing Status';
  source: 'aws.chime';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    eventType: 'ProcessorInvocationFailure';
    appInstanceArn: string;
    channelArn: string;
    messageId: string;
    processorResourceArn: string;
    failureReason: string;
  };
}

/** One run of a processor handler (attempts and duplicate deliveries each get one). */
export interface InvocationRecord {
  function: string;
  messageId: string;
  callbackId: string;
  attempt: number;
  duplicate: boolean;
  durationMs: number;
  /** Error name when the handler rejected or timed out (`Task timed out`), or its runtime crashed. */
  error?: string;
  /** The function's runtime died in this invocation (uncaught exception, exit, out of memory). */
  crashed?: boolean;
  /** What the handler resolved to, e.g. channelFlowProcessor's InvocationSummary. */
  result?: unknown;
}

export interface EngineStats {
  pending: number;
  /** Handler runs not finished yet (including retries and duplicate deliveries). */
  inFlight: number;
  /** PENDING past the stuck threshold: the processor ran (or failed all retries) and never called back. */
  stuck: number;
  sent: number;
  denied: number;
  failed: number;
  invocations: number;
  invocationErrors: number;
  duplicateInvocations: number;
  callbacksAccepted: number;
  callbacksRejected: number;
  /** Invocations whose function runtime died (the FallbackAction applied; the function restarts cold). */
  processorCrashes: number;
}

export interface EngineOptions {
  region: string;
  account: string;
  processors: Record<string, ProcessorSource>;
  functionTimeoutMs: number;
  /** Memory size of each function: the heap limit of its worker. */
  memoryMb: number;
  retryDelaysMs: number[];
  pendingTimeoutMs?: number;
  /** PENDING longer than this is reported as stuck. */
  stuckAfterMs: number;
  dice: FaultDice;
  logger: Logger;
  /** Runs around each handler invocation (the console records the event and the lines written during it). */
  aroundInvoke?: <T>(event: ChannelFlowEvent, invoke: () => Promise<T>) => Promise<T>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const SWEEP_EVERY_MS = 250;

/**
 * The channel-flow semantics: holds STANDARD messages PENDING, invokes the processor
 * asynchronously (retries, timeouts, duplicate delivery), applies callbacks exactly once,
 * applies the FallbackAction when the processor cannot be invoked, and reports stuck messages.
 *
 * @example
 * const engine = new FlowEngine(store, options);
 * engine.hold(message, version, flow, false);
 */
export class FlowEngine {
  private readonly functions: FunctionRegistry;
  /** CallbackIds whose processor was invoked, while their message is PENDING. */
  private readonly invoked = new Map<string, MessageRecord>();
  private readonly outcomes = new Map<string, MessageOutcome>();
  private readonly outcomeListeners = new Set<(outcome: MessageOutcome) => void>();
  private readonly failureListeners = new Set<(event: ProcessorInvocationFailureEvent) => void>();
  private readonly invocationListeners = new Set<(record: InvocationRecord) => void>();
  private readonly counters = {
    sent: 0,
    denied: 0,
    failed: 0,
    invocations: 0,
    invocationErrors: 0,
    duplicateInvocations: 0,
    callbacksAccepted: 0,
    callbacksRejected: 0,
    processorCrashes: 0,
  };
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private inFlight = 0;
  /** PENDING messages only: sweeps and stats stay O(pending), not O(all messages ever sent). */
  private readonly pending = new Set<MessageRecord>();
  private readonly outcomeWaiters = new Map<string, Set<(outcome: MessageOutcome) => void>>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly options: EngineOptions,
  ) {
    this.functions = new FunctionRegistry(options.processors, {
      region: options.region,
      memoryMb: options.memoryMb,
      functionTimeoutMs: options.functionTimeoutMs,
      logger: options.logger,
    });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
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
    setImmediate(() => void this.dispatch(message, flow));
  }

  /** After a restart: PENDING messages get their event again (same CallbackId, as a Lambda redelivery would). */
  resume(): void {
    for (const message of this.store.messages.values()) {
      if (!message.pending) continue;
      this.pending.add(message);
      const channel = this.store.channels.get(message.ChannelArn);
      const flow = channel?.ChannelFlowArn ? this.store.flows.get(channel.ChannelFlowArn) : undefined;
      if (flow) setImmediate(() => void this.dispatch(message, flow));
    }
  }

  eventFor(message: MessageRecord): ChannelFlowEvent {
    const pending = message.pending!;
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

  private async dispatch(message: MessageRecord, flow: FlowRecord): Promise<void> {
    if (this.closed || !message.pending) return;
    // The service documents one processor per flow; ExecutionOrder 1 runs.
    const processor = [...flow.Processors].sort((a, b) => a.ExecutionOrder - b.ExecutionOrder)[0]!;
    const arn = processor.Configuration.Lambda.ResourceArn;
    let runtime: FunctionRuntime;
    try {
      runtime = this.functions.runtimeFor(arn);
      await runtime.ready();
    } catch (error) {
      this.invocationFailed(message, flow, processor, (error as Error).message);
      return;
    }
    const event = this.eventFor(message);
    // pendingEvents() rebuilds events from state, so what a handler does to its copy never leaks back.
    this.invoked.set(event.CallbackId, message);
    if (this.options.dice.latencyMs > 0) await sleep(this.options.dice.latencyMs);
    // Cloned before the first run: a handler may decorate its event, a redelivery must not see that.
    const redelivery = this.options.dice.roll('duplicate') ? structuredClone(event) : undefined;
    const runs = [this.invokeWithRetries(runtime, message, flow, processor, event, false)];
    if (redelivery) {
      this.counters.duplicateInvocations++;
      // Redeliveries land shortly after the first, on another "container".
      runs.push(
        sleep(1 + Math.floor(Math.random() * 10)).then(() =>
          this.invokeWithRetries(runtime, message, flow, processor, redelivery, true),
        ),
      );
    }
    this.inFlight += runs.length;
    await Promise.all(runs.map((run) => run.finally(() => this.finishRun())));
  }

  private finishRun(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when no handler is running (or after `timeoutMs`); true when idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Maps (or remaps) a processor; running functions restart cold on next use. */
  setProcessor(name: string, source: ProcessorSource): void {
    this.functions.set(name, source);
  }

  /** The environment processors run with (endpoint, region, credentials), set once the server listens. */
  setFunctionEnvironment(env: Record<string, string>): void {
    this.functions.setEnvironment(env);
  }

  private async invokeWithRetries(
    runtime: FunctionRuntime,
    message: MessageRecord,
    flow: FlowRecord,
    processor: Processor,
    event: ChannelFlowEvent,
    duplicate: boolean,
  ): Promise<void> {
    const arn = processor.Configuration.Lambda.ResourceArn;
    const name = functionNameOf(arn);
    const attempts = this.options.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.closed) return;
      const context = createLambdaContext(name, arn, this.options.functionTimeoutMs, Date.now(), this.options.memoryMb);
      this.counters.invocations++;
      const started = Date.now();
      let outcome: Awaited<ReturnType<FunctionRuntime['invoke']>>;
      try {
        const invoke = () => runtime.invoke(event, context, this.options.functionTimeoutMs);
        outcome = await (this.options.aroundInvoke ? this.options.aroundInvoke(event, invoke) : invoke());
      } catch (error) {
        // The function restarted after a crash and no longer loads.
        this.invocationFailed(message, flow, processor, (error as Error).message);
        return;
      }
      const error =
        outcome.kind === 'resolved' ? undefined : outcome.kind === 'timeout' ? 'Task timed out' : outcome.error;
      const ids = {
        messageId: event.ChannelMessage.MessageId,
        callbackId: event.CallbackId,
        function: name,
        attempt,
        durationMs: Date.now() - started,
      };
      if (this.invocationListeners.size > 0) {
        const record: InvocationRecord = {
          ...ids,
          duplicate,
          ...(outcome.kind === 'resolved' ? { result: outcome.result } : { error }),
          ...(outcome.kind === 'crashed' ? { crashed: true } : {}),
        };
        for (const listener of this.invocationListeners) listener(record);
      }
      if (error === undefined) return;
      this.counters.invocationErrors++;
      if (outcome.kind === 'crashed') {
        // The runtime died in this invocation: its failure, as the service sees a function it cannot run.
        this.counters.processorCrashes++;
        this.options.logger.error('processor runtime crashed; the function restarts cold for the next message', {
          ...ids,
          error,
        });
        this.invocationFailed(message, flow, processor, `processor runtime crashed (${error})`);
        return;
      }
      if (attempt < attempts) {
        this.options.logger.warn('processor invocation failed; retrying as Lambda async invoke does', {
          ...ids,
          error,
        });
        await sleep(this.options.retryDelaysMs[attempt - 1]!);
      } else {
        this.options.logger.error('processor failed on every attempt; the message stays PENDING', {
          ...ids,
          error,
          attempts,
        });
      }
    }
  }

  private invocationFailed(message: MessageRecord, flow: FlowRecord, processor: Processor, reason: string): void {
    const event: ProcessorInvocationFailureEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Chime ChannelFlow Processing Status',
      source: 'aws.chime',
      account: this.options.account,
      time: new Date().toISOString(),
      region: this.options.region,
      resources: [],
      detail: {
        eventType: 'ProcessorInvocationFailure',
        appInstanceArn: flow.AppInstanceArn,
        channelArn: message.ChannelArn,
        messageId: message.MessageId,
        processorResourceArn: processor.Configuration.Lambda.ResourceArn,
        failureReason: reason,
      },
    };
    this.options.logger.warn('ProcessorInvocationFailure', { event, fallbackAction: processor.FallbackAction });
    for (const listener of this.failureListeners) listener(event);
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
    this.invoked.delete(pending.callbackId);
    message.pending = undefined;
    this.pending.delete(message);
    const now = Date.now();
    if (action === 'CONTINUE') {
      message.visible = pending.version;
      message.status = MessageStatus.Sent;
      this.markSent(message, pending.editedAt, now);
      this.counters.sent++;
    } else {
      // An aborted edit keeps the previous version visible; a new message is FAILED.
      message.status = MessageStatus.Failed;
      if (!pending.isEdit) message.visible = null;
      message.failedVersion = pending.version;
      this.counters.failed++;
    }
    this.store.touchMessage(message);
    this.emit({
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
    const record = this.store.callbacks.get(callbackId);
    const reject = (shape: ErrorShape, text: string): never => {
      this.counters.callbacksRejected++;
      throw new ServiceError(shape, text);
    };
    if (!record || record.channelArn !== channelArn)
      return reject(ErrorShape.Conflict, `Callback id ${callbackId} is not a pending callback of this channel`);
    if (record.state === 'inflight')
      return reject(ErrorShape.Conflict, `A callback for callback id ${callbackId} is already being processed`);
    const message = this.store.getMessage(channelArn, record.messageId);
    if (record.state === 'used' || !message?.pending || message.pending.callbackId !== callbackId) {
      return reject(
        ErrorShape.BadRequest,
        `Unable to complete processing of non-pending message for callback id ${callbackId}`,
      );
    }
    if (record.messageId !== messageId)
      return reject(
        ErrorShape.BadRequest,
        `Invalid input: ChannelMessage.MessageId does not match callback id ${callbackId}`,
      );
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
    message.pending = undefined;
    this.pending.delete(message);
    this.invoked.delete(callbackId);
    this.counters.callbacksAccepted++;
    const now = Date.now();
    let outcome: MessageOutcome;
    const base = {
      channelArn: message.ChannelArn,
      messageId: message.MessageId,
      callbackId,
      isEdit: pending.isEdit,
      latencyMs: now - pending.since,
    };
    if (deleteResource) {
      this.counters.denied++;
      // The service does not store denied messages; a denied edit keeps the previous version.
      if (pending.isEdit) message.status = MessageStatus.Sent;
      else this.store.deleteMessage(message);
      outcome = { ...base, status: 'DENIED', decision: 'deny' };
    } else {
      const next: MessageVersion = { ...pending.version };
      let changed = false;
      for (const key of ['Content', 'Metadata', 'MessageAttributes', 'ContentType', 'PushNotification'] as const) {
        if (patch[key] === undefined) continue;
        if (JSON.stringify(patch[key]) !== JSON.stringify(next[key])) changed = true;
        (next as unknown as Record<string, unknown>)[key] = patch[key];
      }
      message.visible = next;
      message.status = MessageStatus.Sent;
      this.markSent(message, pending.editedAt, now);
      this.counters.sent++;
      outcome = {
        ...base,
        status: 'SENT',
        decision: changed ? 'update' : 'noChange',
        content: next.Content,
        ...(next.Metadata !== undefined ? { metadata: next.Metadata } : {}),
      };
    }
    // A denied new message was deleted (its deletion is journaled); anything else changed in place.
    if (this.store.getMessage(message.ChannelArn, message.MessageId) === message) this.store.touchMessage(message);
    this.emit(outcome);
    return outcome;
  }

  private markSent(message: MessageRecord, editedAt: number | undefined, now: number): void {
    message.LastUpdatedTimestamp = now;
    if (editedAt !== undefined) message.LastEditedTimestamp = editedAt;
    message.failedVersion = undefined;
    const channel = this.store.channels.get(message.ChannelArn);
    if (channel) {
      channel.LastMessageTimestamp = now;
      this.store.touchChannel(channel);
    }
  }

  private emit(outcome: MessageOutcome): void {
    const key = Store.messageKey(outcome.channelArn, outcome.messageId);
    this.outcomes.set(key, outcome);
    const waiters = this.outcomeWaiters.get(key);
    if (waiters) {
      this.outcomeWaiters.delete(key);
      for (const waiter of waiters) waiter(outcome);
    }
    for (const listener of this.outcomeListeners) listener(outcome);
  }

  /** Calls `waiter` once with the next outcome of this message; returns the cancel function. */
  nextOutcome(channelArn: string, messageId: string, waiter: (outcome: MessageOutcome) => void): () => void {
    const key = Store.messageKey(channelArn, messageId);
    let waiters = this.outcomeWaiters.get(key);
    if (!waiters) {
      waiters = new Set();
      this.outcomeWaiters.set(key, waiters);
    }
    waiters.add(waiter);
    return () => {
      waiters.delete(waiter);
      if (waiters.size === 0 && this.outcomeWaiters.get(key) === waiters) this.outcomeWaiters.delete(key);
    };
  }

  onOutcome(listener: (outcome: MessageOutcome) => void): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  onInvocationFailure(listener: (event: ProcessorInvocationFailureEvent) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  onInvocation(listener: (record: InvocationRecord) => void): () => void {
    this.invocationListeners.add(listener);
    return () => this.invocationListeners.delete(listener);
  }

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

  /** Applies `pendingTimeoutMs` and reports messages PENDING past the stuck threshold (once each). */
  sweep(now = Date.now()): void {
    for (const message of [...this.pending]) {
      const pending = message.pending;
      if (!pending) continue;
      const age = now - pending.since;
      if (this.options.pendingTimeoutMs !== undefined && age >= this.options.pendingTimeoutMs) {
        const channel = this.store.channels.get(message.ChannelArn);
        const flow = channel?.ChannelFlowArn ? this.store.flows.get(channel.ChannelFlowArn) : undefined;
        const action = flow
          ? [...flow.Processors].sort((a, b) => a.ExecutionOrder - b.ExecutionOrder)[0]!.FallbackAction
          : 'CONTINUE';
        this.options.logger.warn('message PENDING past --pending-timeout; applying the FallbackAction', {
          messageId: message.MessageId,
          callbackId: pending.callbackId,
          ageMs: age,
          fallbackAction: action,
        });
        this.fallback(message, action, 'pending-timeout');
      } else if (!pending.reportedStuck && age >= this.options.stuckAfterMs) {
        pending.reportedStuck = true;
        this.options.logger.error(
          'message STUCK in PENDING: its processor ran but never called ChannelFlowCallback (AWS would wait up to 48 hours)',
          {
            messageId: message.MessageId,
            callbackId: pending.callbackId,
            channelArn: message.ChannelArn,
            ageMs: age,
          },
        );
      }
    }
  }

  stats(now = Date.now()): EngineStats {
    let pending = 0;
    let stuck = 0;
    for (const message of this.pending) {
      if (!message.pending) continue;
      pending++;
      if (now - message.pending.since >= this.options.stuckAfterMs) stuck++;
    }
    return { pending, inFlight: this.inFlight, stuck, ...this.counters };
  }

  /** Stops sweeping and every function runtime (their workers end). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await this.functions.close();
  }
}
