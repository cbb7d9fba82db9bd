import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { EmulatorConfigError } from '../errors.js';
import type { CallbackRecord, ChannelRecord, FlowRecord, MessageRecord, StateSnapshot } from './types.js';
import { AppSideState } from './app-side.js';

/**
 * The emulator's memory: flows, channels, messages, callback ids and idempotency tokens.
 * With a file, every change schedules one atomic write (temp file + rename), so a restart
 * loses nothing and a crash mid-write never leaves a torn file.
 *
 * @example
 * const store = new Store('/tmp/ccf-state.json');
 * store.flows.set(flow.ChannelFlowArn, flow); store.changed();
 * await store.flush();
 */
export class Store {
  readonly flows = new Map<string, FlowRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Keyed by `channelArn + '\n' + messageId`. */
  readonly messages = new Map<string, MessageRecord>();
  readonly callbacks = new Map<string, CallbackRecord>();
  /** Idempotency: `operation + scope + ClientRequestToken` -> resulting id. */
  readonly tokens = new Map<string, string>();
  /** App instances, users, admins and memberships (identity and the app side of messaging). */
  readonly app = new AppSideState();
  /** Messages in insertion order per channel, for listing. */
  private readonly byChannel = new Map<string, MessageRecord[]>();
  private writeTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) this.load(file);
  }

  static messageKey(channelArn: string, messageId: string): string {
    return `${channelArn}\n${messageId}`;
  }

  getMessage(channelArn: string, messageId: string): MessageRecord | undefined {
    return this.messages.get(Store.messageKey(channelArn, messageId));
  }

  addMessage(message: MessageRecord): void {
    this.messages.set(Store.messageKey(message.ChannelArn, message.MessageId), message);
    let list = this.byChannel.get(message.ChannelArn);
    if (!list) this.byChannel.set(message.ChannelArn, (list = []));
    list.push(message);
  }

  deleteMessage(message: MessageRecord): void {
    this.messages.delete(Store.messageKey(message.ChannelArn, message.MessageId));
    const list = this.byChannel.get(message.ChannelArn);
    const index = list ? list.indexOf(message) : -1;
    if (index >= 0) list!.splice(index, 1);
  }

  channelMessages(channelArn: string): readonly MessageRecord[] {
    return this.byChannel.get(channelArn) ?? [];
  }

  /** Call after any change: coalesces writes (one per 20 ms at most). */
  changed(): void {
    if (!this.file || this.writeTimer) return;
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      this.writing = this.writing.then(() => this.writeAsync()).catch(() => {});
    }, 20);
    this.writeTimer.unref();
  }

  /** Writes now (if there is a file) and waits for earlier writes. */
  async flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
    }
    await this.writing;
    if (this.file) this.writeSync();
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      flows: [...this.flows.values()],
      channels: [...this.channels.values()],
      messages: [...this.byChannel.values()].flat(),
      callbacks: [...this.callbacks],
      tokens: [...this.tokens],
      ...this.app.snapshot(),
    };
  }

  private async writeAsync(): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(this.snapshot()));
    await rename(temp, this.file!);
  }

  private writeSync(): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.snapshot()));
    renameSync(temp, this.file!);
  }

  private load(file: string): void {
    let data: StateSnapshot;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as StateSnapshot;
    } catch (cause) {
      throw new EmulatorConfigError('state', `${file} is not a readable emulator state file`, { cause });
    }
    if (data.version !== 1)
      throw new EmulatorConfigError('state', `${file} has unsupported version ${String(data.version)}`);
    for (const flow of data.flows) this.flows.set(flow.ChannelFlowArn, flow);
    for (const channel of data.channels) this.channels.set(channel.ChannelArn, channel);
    for (const message of data.messages) this.addMessage(message);
    for (const [id, record] of data.callbacks)
      this.callbacks.set(id, record.state === 'inflight' ? { ...record, state: 'pending' } : record);
    for (const [key, value] of data.tokens) this.tokens.set(key, value);
    this.app.load(data);
  }
}
