import { existsSync } from 'node:fs';
import { ChannelFlowError } from '../../errors.js';
import type { JournalEntry } from './journal.js';
import { EntityKind, JournalWriter, listJournals, readJournal, removeJournalsBelow } from './journal.js';
import {
  checkRecord,
  readSnapshot,
  removeLeftovers,
  StateFileError,
  writeFileDurable,
  writeFileDurableSync,
} from './snapshot.js';
import type { CallbackRecord, ChannelRecord, FlowRecord, MessageRecord, StateSnapshot } from './types.js';
import { AppSideState } from './app-side.js';

/** A change could not be written to the state file: what was asked is not durable. */
export class StateWriteError extends ChannelFlowError {
  /** The file system's error code, e.g. `ENOSPC`, `EACCES`. */
  readonly code: string | undefined;

  constructor(file: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`Cannot write emulator state to ${file}${code ? ` (${code})` : ''}`, { cause });
    this.name = 'StateWriteError';
    this.code = code;
  }
}

/** Compact the journal into the snapshot once it grows past this many bytes. */
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * The emulator's memory (flows, channels, messages, callback ids, idempotency tokens) and, with a
 * file, its durability: every change is marked (`touch*`), appended as whole records to a journal
 * in group commits made durable with fsync, and `durable()` resolves once every change made so far
 * is on disk, so an acknowledged request survives a crash. The journal is folded into the snapshot
 * file (temp file, fsync, rename) in the background, at start and at close.
 *
 * @example
 * const store = new Store('/tmp/ccf-state.json');
 * store.putFlow(flow);
 * await store.durable();
 */
export class Store {
  private readonly flowMap = new Map<string, FlowRecord>();
  private readonly channelMap = new Map<string, ChannelRecord>();
  /** Keyed by `channelArn + '\n' + messageId`. */
  private readonly messageMap = new Map<string, MessageRecord>();
  private readonly callbackMap = new Map<string, CallbackRecord>();
  /** Idempotency: `operation + scope + ClientRequestToken` -> resulting id. */
  private readonly tokenMap = new Map<string, string>();
  /** Messages in insertion order per channel, for listing. */
  private readonly byChannel = new Map<string, MessageRecord[]>();
  private readonly dirty = new Map<EntityKind, Set<string>>();
  private readonly writer: JournalWriter | undefined;
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private committing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  /** Increases on every change: the server compares it to know a request changed state. */
  changes = 0;
  /** Told when a commit fails (the emulator logs it); requests waiting on it get the error too. */
  onWriteError: ((error: StateWriteError) => void) | undefined;
  /** After a failed commit, unrequested retries wait this long (a full disk must not spin the loop). */
  private retryAfter = 0;

  readonly flows: ReadonlyMap<string, FlowRecord> = this.flowMap;
  readonly channels: ReadonlyMap<string, ChannelRecord> = this.channelMap;
  readonly messages: ReadonlyMap<string, MessageRecord> = this.messageMap;
  readonly callbacks: ReadonlyMap<string, CallbackRecord> = this.callbackMap;
  readonly tokens: ReadonlyMap<string, string> = this.tokenMap;
  /** App instances, users, admins, memberships and moderators; journaled as kind `app`. */
  readonly app = new AppSideState((id) => this.touch(EntityKind.App, id));

  /**
   * @param file - the snapshot file; its journal is `FILE.journal.N` beside it. Absent: memory only.
   * @param compactAfterBytes - fold the journal into the snapshot once it grows past this (default 8 MB)
   * @throws {StateFileError} when the snapshot or a journal is corrupt, `null` or misses fields
   */
  constructor(
    private readonly file?: string,
    private readonly compactAfterBytes = COMPACT_AFTER_BYTES,
  ) {
    if (!file) return;
    removeLeftovers(file);
    const journals = listJournals(file);
    let generation = 0;
    if (existsSync(file)) {
      const snapshot = readSnapshot(file);
      this.loadSnapshot(snapshot);
      generation = snapshot.journal ?? 0;
    }
    for (const journal of journals) {
      if (journal.generation < generation) continue;
      for (const entry of readJournal(journal.path)) this.replay(journal.path, entry);
    }
    const next = Math.max(generation, journals.at(-1)?.generation ?? 0) + 1;
    // Start from one fresh snapshot: a journal cut short by a crash is never appended to.
    if (journals.length > 0) {
      writeFileDurableSync(file, JSON.stringify(this.snapshot(next)));
      removeJournalsBelow(file, next);
    }
    this.writer = new JournalWriter(file, next);
  }

  static messageKey(channelArn: string, messageId: string): string {
    return `${channelArn}\n${messageId}`;
  }

  getMessage(channelArn: string, messageId: string): MessageRecord | undefined {
    return this.messageMap.get(Store.messageKey(channelArn, messageId));
  }

  channelMessages(channelArn: string): readonly MessageRecord[] {
    return this.byChannel.get(channelArn) ?? [];
  }

  putFlow(flow: FlowRecord): void {
    this.flowMap.set(flow.ChannelFlowArn, flow);
    this.touch(EntityKind.Flow, flow.ChannelFlowArn);
  }

  deleteFlow(arn: string): void {
    this.flowMap.delete(arn);
    this.touch(EntityKind.Flow, arn);
  }

  putChannel(channel: ChannelRecord): void {
    this.channelMap.set(channel.ChannelArn, channel);
    this.touch(EntityKind.Channel, channel.ChannelArn);
  }

  deleteChannel(arn: string): void {
    this.channelMap.delete(arn);
    this.touch(EntityKind.Channel, arn);
  }

  addMessage(message: MessageRecord): void {
    this.insertMessage(message);
    this.touchMessage(message);
  }

  deleteMessage(message: MessageRecord): void {
    const key = Store.messageKey(message.ChannelArn, message.MessageId);
    this.messageMap.delete(key);
    const list = this.byChannel.get(message.ChannelArn);
    const index = list ? list.indexOf(message) : -1;
    if (index >= 0) list?.splice(index, 1);
    this.touch(EntityKind.Message, key);
  }

  setCallback(callbackId: string, record: CallbackRecord): void {
    this.callbackMap.set(callbackId, record);
    this.touch(EntityKind.Callback, callbackId);
  }

  setToken(key: string, value: string): void {
    this.tokenMap.set(key, value);
    this.touch(EntityKind.Token, key);
  }

  /** Marks records changed in place, so the next commit writes them. */
  touchFlow(flow: FlowRecord): void {
    this.touch(EntityKind.Flow, flow.ChannelFlowArn);
  }

  touchChannel(channel: ChannelRecord): void {
    this.touch(EntityKind.Channel, channel.ChannelArn);
  }

  touchMessage(message: MessageRecord): void {
    this.touch(EntityKind.Message, Store.messageKey(message.ChannelArn, message.MessageId));
  }

  touchCallback(callbackId: string): void {
    this.touch(EntityKind.Callback, callbackId);
  }

  /**
   * Resolves once every change made before the call is on disk (at once without a file).
   * Rejects with {@link StateWriteError} when the journal cannot be written; the changes stay
   * marked and the next commit tries them again.
   */
  durable(): Promise<void> {
    if (!this.writer) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.commitSoon();
    });
  }

  /** Commits what is pending, waits for a running compaction, then folds the journal into the snapshot. */
  async flush(): Promise<void> {
    if (!this.writer || !this.file) return;
    await this.durable();
    await this.compacting;
    const next = this.writer.generation + 1;
    await this.writer.rotate();
    writeFileDurableSync(this.file, JSON.stringify(this.snapshot(next)));
    removeJournalsBelow(this.file, next);
    await this.writer.close();
  }

  /** The whole state as the snapshot file holds it. */
  snapshot(journal?: number): StateSnapshot {
    return {
      version: 1,
      ...(journal === undefined ? {} : { journal }),
      flows: [...this.flowMap.values()],
      channels: [...this.channelMap.values()],
      messages: [...this.byChannel.values()].flat(),
      callbacks: [...this.callbackMap],
      tokens: [...this.tokenMap],
      ...this.app.snapshot(),
    };
  }

  private touch(kind: EntityKind, key: string): void {
    this.changes++;
    if (!this.writer) return;
    let keys = this.dirty.get(kind);
    if (!keys) {
      keys = new Set();
      this.dirty.set(kind, keys);
    }
    keys.add(key);
    this.commitSoon();
  }

  private commitSoon(): void {
    if (this.committing) return;
    const wait = this.waiters.length > 0 ? 0 : Math.max(0, this.retryAfter - Date.now());
    // One commit at a time; what arrives meanwhile rides the next one (group commit).
    this.committing = new Promise<void>((resolve) => {
      if (wait === 0) setImmediate(resolve);
      else setTimeout(resolve, wait).unref();
    })
      .then(() => this.commitLoop())
      .finally(() => {
        this.committing = undefined;
        if (this.waiters.length > 0 || this.dirty.size > 0) this.commitSoon();
      });
  }

  private async commitLoop(): Promise<void> {
    const writer = this.writer!;
    while (this.waiters.length > 0 || this.dirty.size > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      const taken = new Map(this.dirty);
      this.dirty.clear();
      let text = '';
      for (const [kind, keys] of taken) for (const id of keys) text += `${JSON.stringify(this.entryFor(kind, id))}\n`;
      try {
        if (text) await writer.append(text);
      } catch (cause) {
        for (const [kind, keys] of taken) for (const id of keys) this.touchAgain(kind, id);
        // A torn tail stays at the end of its generation; later lines go to a fresh file.
        await writer.rotate().catch(() => {});
        const error = new StateWriteError(this.file!, cause);
        this.retryAfter = Date.now() + 1000;
        this.onWriteError?.(error);
        for (const waiter of waiters) waiter.reject(error);
        return;
      }
      this.retryAfter = 0;
      for (const waiter of waiters) waiter.resolve();
      if (writer.size > this.compactAfterBytes && !this.compacting) await this.startCompaction();
    }
  }

  private touchAgain(kind: EntityKind, id: string): void {
    let keys = this.dirty.get(kind);
    if (!keys) {
      keys = new Set();
      this.dirty.set(kind, keys);
    }
    keys.add(id);
  }

  /** Switches to a new journal generation and writes the snapshot of the switch point in the background. */
  private async startCompaction(): Promise<void> {
    const writer = this.writer!;
    const file = this.file!;
    await writer.rotate();
    const generation = writer.generation;
    const text = JSON.stringify(this.snapshot(generation));
    this.compacting = writeFileDurable(file, text)
      .then(() => removeJournalsBelow(file, generation))
      // The older journals stay until a snapshot lands; a restart replays them.
      .catch(() => {})
      .finally(() => {
        this.compacting = undefined;
      });
  }

  private entryFor(kind: EntityKind, id: string): JournalEntry {
    const value = this.mapOf(kind).get(id);
    return value === undefined ? { k: kind, id, d: 1 } : { k: kind, id, v: value };
  }

  private mapOf(kind: EntityKind): Map<string, unknown> {
    switch (kind) {
      case EntityKind.Flow:
        return this.flowMap;
      case EntityKind.Channel:
        return this.channelMap;
      case EntityKind.Message:
        return this.messageMap;
      case EntityKind.Callback:
        return this.callbackMap;
      case EntityKind.App:
        return this.app.records;
      default:
        return this.tokenMap;
    }
  }

  private insertMessage(message: MessageRecord): void {
    const key = Store.messageKey(message.ChannelArn, message.MessageId);
    const previous = this.messageMap.get(key);
    this.messageMap.set(key, message);
    let list = this.byChannel.get(message.ChannelArn);
    if (!list) {
      list = [];
      this.byChannel.set(message.ChannelArn, list);
    }
    const index = previous ? list.indexOf(previous) : -1;
    if (index >= 0) list[index] = message;
    else list.push(message);
  }

  private loadSnapshot(data: StateSnapshot): void {
    for (const flow of data.flows) this.flowMap.set(flow.ChannelFlowArn, flow);
    for (const channel of data.channels) this.channelMap.set(channel.ChannelArn, channel);
    for (const message of data.messages) this.insertMessage(message);
    for (const [id, record] of data.callbacks) this.callbackMap.set(id, restoreCallback(record));
    for (const [key, value] of data.tokens) this.tokenMap.set(key, value);
    this.app.load(data);
  }

  private replay(path: string, entry: JournalEntry): void {
    if (entry.k === EntityKind.App) {
      if (!entry.d && (typeof entry.v !== 'object' || entry.v === null))
        throw new StateFileError(path, 'an app entry must hold a record');
      this.app.replay(entry.id, entry.d ? undefined : entry.v);
      return;
    }
    if (entry.k === EntityKind.Message) {
      const current = this.messageMap.get(entry.id);
      if (entry.d) {
        if (current) this.deleteMessage(current);
        return;
      }
      checkRecord(path, 'message', entry.v, ['MessageId', 'ChannelArn', 'Type', 'Sender', 'status']);
      this.insertMessage(entry.v as MessageRecord);
      return;
    }
    const map = this.mapOf(entry.k);
    if (entry.d) map.delete(entry.id);
    else if (entry.k === EntityKind.Callback) {
      checkRecord(path, 'callback', entry.v, ['channelArn', 'messageId', 'state']);
      map.set(entry.id, restoreCallback(entry.v as CallbackRecord));
    } else if (entry.k === EntityKind.Token) {
      if (typeof entry.v !== 'string') throw new StateFileError(path, 'a token entry must hold a string');
      map.set(entry.id, entry.v);
    } else {
      checkRecord(path, entry.k, entry.v, entry.k === EntityKind.Flow ? ['ChannelFlowArn'] : ['ChannelArn']);
      map.set(entry.id, entry.v);
    }
  }
}

/** A callback claimed when the process stopped was never committed: it is pending again. */
const restoreCallback = (record: CallbackRecord): CallbackRecord =>
  record.state === 'inflight' ? { ...record, state: 'pending' } : record;

export { StateFileError };
