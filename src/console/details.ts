import type { ChannelFlowEvent } from '../event/types.js';
import type { InvocationRecord, MessageOutcome } from '../local/flow/engine.js';
import type { MessageDetails } from './api-types.js';

/** Older passes are dropped past this many: a console left open all day stays small. */
const MAX_RECORDS = 5000;
const MAX_LOG_LINES = 200;

/** What channelFlowProcessor resolves to (its InvocationSummary); other handlers may return anything. */
interface SummaryLike {
  decidedBy?: unknown;
  rule?: unknown;
  error?: unknown;
}

/**
 * Everything the console shows about each pass of a message through the flow, keyed by
 * CallbackId: the event, the handler's runs and log lines, the callback input and the outcome.
 * Fed by the engine's events and the written log lines; held in memory only (content stays on
 * this machine and never reaches a log).
 *
 * @example
 * const details = new DetailsRecorder(10_000);
 * emulator.onOutcome((outcome) => details.outcome(outcome));
 */
export class DetailsRecorder {
  private readonly records = new Map<string, MessageDetails>();
  /** MessageId -> CallbackId of its latest pass (lines that name only the message). */
  private readonly latest = new Map<string, string>();
  private readonly listeners = new Set<(details: MessageDetails) => void>();

  /** @param stuckAfterMs a pass PENDING this long whose processor ran is reported STUCK */
  constructor(private readonly stuckAfterMs: number) {}

  private record(callbackId: string, channelArn: string, messageId: string): MessageDetails {
    let record = this.records.get(callbackId);
    if (!record) {
      record = {
        channelArn,
        messageId,
        callbackId,
        isEdit: false,
        status: 'PENDING',
        attempts: 0,
        logs: [],
        startedAt: Date.now(),
      };
      this.records.set(callbackId, record);
      this.latest.set(messageId, callbackId);
      if (this.records.size > MAX_RECORDS) {
        const [oldId, old] = this.records.entries().next().value!;
        this.records.delete(oldId);
        if (this.latest.get(old.messageId) === oldId) this.latest.delete(old.messageId);
      }
    }
    return record;
  }

  private changed(record: MessageDetails): void {
    for (const listener of this.listeners) listener(this.view(record));
  }

  /** The processor is invoked for a pass (its first delivery). */
  invoked(event: ChannelFlowEvent): void {
    const message = event.ChannelMessage;
    const record = this.record(event.CallbackId, message.ChannelArn, message.MessageId);
    if (record.event === undefined) {
      record.event = structuredClone(event);
      record.original = message.Content;
      record.isEdit = message.LastEditedTimestamp !== undefined;
      if (message.Sender?.Arn) record.senderArn = message.Sender.Arn;
    }
    this.changed(record);
  }

  /** A line the processor wrote while handling this CallbackId. */
  log(callbackId: string, line: string): void {
    const record = this.records.get(callbackId);
    if (!record || record.logs.length >= MAX_LOG_LINES) return;
    record.logs.push({ at: Date.now(), line });
    this.changed(record);
  }

  /**
   * A line written to stdout or stderr (a processor's log, in process or from its worker, or the
   * emulator's own): kept when it is a JSON log line naming a CallbackId or MessageId the console knows.
   *
   * @param line one written line
   * @example
   * details.attribute('{"level":"INFO","callbackId":"..."}');
   */
  attribute(line: string): void {
    // Cheap filter first: most lines are not JSON logs about a message.
    if (line.charCodeAt(0) !== 123 || !/allbackId|essageId/.test(line)) return;
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const callbackId = fields.callbackId ?? fields.CallbackId;
    const messageId = fields.messageId ?? fields.MessageId;
    const id =
      typeof callbackId === 'string' && this.records.has(callbackId)
        ? callbackId
        : typeof messageId === 'string'
          ? this.latest.get(messageId)
          : undefined;
    if (id !== undefined) this.log(id, line);
  }

  /** A handler run ended (the engine's InvocationRecord). */
  ran(run: InvocationRecord): void {
    const record = this.records.get(run.callbackId);
    if (!record) return;
    record.attempts++;
    if (run.error !== undefined) record.error = run.error;
    const summary = run.result as SummaryLike | undefined;
    if (run.error === undefined && record.processorMs === undefined) {
      record.processorMs = run.durationMs;
      if (summary && typeof summary === 'object') {
        if (typeof summary.decidedBy === 'string') record.decidedBy = summary.decidedBy;
        if (typeof summary.rule === 'string') record.rule = summary.rule;
        if (typeof summary.error === 'string') record.error = summary.error;
      }
    }
    this.changed(record);
  }

  /** The ChannelFlowCallback input the emulator accepted or refused. */
  callback(input: Record<string, unknown>): void {
    const record = typeof input.CallbackId === 'string' ? this.records.get(input.CallbackId) : undefined;
    if (!record || record.callbackInput !== undefined) return;
    record.callbackInput = structuredClone(input);
    this.changed(record);
  }

  /** The message left PENDING. */
  outcome(outcome: MessageOutcome): void {
    const record = this.record(outcome.callbackId, outcome.channelArn, outcome.messageId);
    record.isEdit = outcome.isEdit;
    record.status = outcome.status;
    record.decision = outcome.decision;
    record.callbackMs = outcome.latencyMs;
    record.endedAt = Date.now();
    if (outcome.content !== undefined) record.delivered = outcome.content;
    if (outcome.reason !== undefined) record.error ??= outcome.reason;
    this.changed(record);
  }

  /** The record as the page sees it: PENDING past the threshold after a run is STUCK. */
  view(record: MessageDetails, now = Date.now()): MessageDetails {
    if (record.status === 'PENDING' && record.event !== undefined && now - record.startedAt >= this.stuckAfterMs)
      return { ...record, status: 'STUCK' };
    return record;
  }

  /**
   * Every pass still held, oldest first.
   *
   * @returns a snapshot (views; STUCK applied)
   * @example
   * details.list().filter((d) => d.status === 'DENIED');
   */
  list(): MessageDetails[] {
    const now = Date.now();
    return [...this.records.values()].map((record) => this.view(record, now));
  }

  /**
   * One pass by its CallbackId.
   *
   * @param callbackId the pass's CallbackId
   * @returns its view, or undefined when unknown or dropped
   * @example
   * details.get(outcome.callbackId)?.rule;
   */
  get(callbackId: string): MessageDetails | undefined {
    const record = this.records.get(callbackId);
    return record && this.view(record);
  }

  /**
   * Passes that turned STUCK since `since` (for the live stream, which has no event for it).
   *
   * @param since the previous check's time
   * @param now this check's time
   * @returns the views that crossed the threshold in between
   * @example
   * for (const d of details.newlyStuck(lastCheck)) send(d);
   */
  newlyStuck(since: number, now = Date.now()): MessageDetails[] {
    const out: MessageDetails[] = [];
    for (const record of this.records.values()) {
      const at = record.startedAt + this.stuckAfterMs;
      if (record.status === 'PENDING' && record.event !== undefined && at > since && at <= now)
        out.push(this.view(record, now));
    }
    return out;
  }

  /**
   * Calls `listener` with every change; returns the unsubscribe function.
   *
   * @param listener gets the changed record's view
   * @returns unsubscribe
   * @example
   * const stop = details.subscribe((d) => send(d));
   */
  subscribe(listener: (details: MessageDetails) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
