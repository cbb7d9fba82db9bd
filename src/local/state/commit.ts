import type { EntityKind, JournalEntry, JournalWriter } from './journal.js';
import { removeJournalsBelow } from './journal.js';
import { writeFileDurable, writeFileDurableSync } from './snapshot.js';
import { StateWriteError } from './state-errors.js';

/** Compact the journal into the snapshot once it grows past this many bytes. @internal */
export const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/** What the committer needs from the store it makes durable. @internal */
export interface CommitterOptions {
  writer: JournalWriter;
  /** The snapshot file; journals live beside it. */
  file: string;
  compactAfterBytes: number;
  /** The journal line for a record as it is now (a deletion when it is gone). */
  entryFor: (kind: EntityKind, id: string) => JournalEntry;
  /** The whole state as snapshot text, recording the journal generation it stops at. */
  snapshotText: (journal: number) => string;
  /** Told when a commit fails; requests waiting on it get the error too. */
  onWriteError: (error: StateWriteError) => void;
}

/**
 * The store's durability: records marked changed are appended as whole records to the journal in
 * group commits made durable with fsync; `durable()` resolves once every change marked so far is
 * on disk. The journal is folded into the snapshot (temp file, fsync, rename) in the background.
 *
 * @internal
 */
export class JournalCommitter {
  private readonly dirty = new Map<EntityKind, Set<string>>();
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private committing: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  /** After a failed commit, unrequested retries wait this long (a full disk must not spin the loop). */
  private retryAfter = 0;

  constructor(private readonly options: CommitterOptions) {}

  /** Marks a record changed, so the next commit writes it. */
  mark(kind: EntityKind, id: string): void {
    let keys = this.dirty.get(kind);
    if (!keys) {
      keys = new Set();
      this.dirty.set(kind, keys);
    }
    keys.add(id);
    this.commitSoon();
  }

  /**
   * Resolves once every change marked before the call is on disk.
   *
   * @throws {@link StateWriteError} (as a rejection) when the journal cannot be written
   */
  durable(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.commitSoon();
    });
  }

  /** Commits what is pending, waits for a running compaction, then folds the journal into the snapshot. */
  async flush(): Promise<void> {
    const { writer, file } = this.options;
    await this.durable();
    await this.compacting;
    const next = writer.generation + 1;
    await writer.rotate();
    writeFileDurableSync(file, this.options.snapshotText(next));
    removeJournalsBelow(file, next);
    await writer.close();
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
    const { writer } = this.options;
    while (this.waiters.length > 0 || this.dirty.size > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      const taken = new Map(this.dirty);
      this.dirty.clear();
      let text = '';
      for (const [kind, keys] of taken)
        for (const id of keys) text += `${JSON.stringify(this.options.entryFor(kind, id))}\n`;
      try {
        if (text) await writer.append(text);
      } catch (cause) {
        for (const [kind, keys] of taken) for (const id of keys) this.touchAgain(kind, id);
        // A torn tail stays at the end of its generation; later lines go to a fresh file.
        await writer.rotate().catch(() => {});
        const error = new StateWriteError(this.options.file, cause);
        this.retryAfter = Date.now() + 1000;
        this.options.onWriteError(error);
        for (const waiter of waiters) waiter.reject(error);
        return;
      }
      this.retryAfter = 0;
      for (const waiter of waiters) waiter.resolve();
      if (writer.size > this.options.compactAfterBytes && !this.compacting) await this.startCompaction();
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
    const { writer, file } = this.options;
    await writer.rotate();
    const generation = writer.generation;
    const text = this.options.snapshotText(generation);
    this.compacting = writeFileDurable(file, text)
      .then(() => removeJournalsBelow(file, generation))
      // The older journals stay until a snapshot lands; a restart replays them.
      .catch(() => {})
      .finally(() => {
        this.compacting = undefined;
      });
  }
}
