import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StateFileError } from './snapshot.js';

/** What a journal line names: one record of one kind. */
export const EntityKind = {
  Flow: 'flow',
  Channel: 'channel',
  Message: 'message',
  Callback: 'callback',
  Token: 'token',
  /** App instances, users, admins, memberships, moderators (ids say which: see state/app-side.ts). */
  App: 'app',
} as const;
export type EntityKind = (typeof EntityKind)[keyof typeof EntityKind];
const KINDS = new Set<string>(Object.values(EntityKind));

/** One journal line: the record's whole value after a change (`v`), or its deletion (`d`). */
export interface JournalEntry {
  k: EntityKind;
  id: string;
  v?: unknown;
  d?: 1;
}

/** `FILE.journal.N`: the changes made after the snapshot of generation N was taken. */
const journalPath = (file: string, generation: number): string => `${file}.journal.${generation}`;

/** Journal generations next to `file`, oldest first. */
export function listJournals(file: string): Array<{ generation: number; path: string }> {
  const prefix = `${basename(file)}.journal.`;
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ generation: Number(name.slice(prefix.length)), path: join(dirname(file), name) }))
    .sort((a, b) => a.generation - b.generation);
}

/**
 * Reads a journal's entries. A last line without its newline is a write the crash cut short (never
 * acknowledged, since acknowledgement waits for the fsync) and is dropped; any other bad line is
 * corruption and throws {@link StateFileError}.
 */
export function readJournal(path: string): JournalEntry[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // After the last newline: '' for a complete journal, a torn write otherwise.
  lines.pop();
  return lines.map((line, index) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (cause) {
      throw new StateFileError(path, `journal line ${index + 1} is not JSON`, { cause });
    }
    const { k, id, d, v } = (typeof entry === 'object' && entry !== null ? entry : {}) as Partial<JournalEntry>;
    if (typeof k !== 'string' || !KINDS.has(k) || typeof id !== 'string' || (d === undefined && v === undefined))
      throw new StateFileError(path, `journal line ${index + 1} is not a journal entry`);
    return entry as JournalEntry;
  });
}

/** Deletes journal generations below `generation` (folded into a snapshot). */
export function removeJournalsBelow(file: string, generation: number): void {
  for (const journal of listJournals(file)) if (journal.generation < generation) unlinkSync(journal.path);
}

/**
 * The append side of the journal: one open file per generation, appends made durable with
 * `datasync` before they resolve. Callers serialize appends (the store's commit loop does).
 */
export class JournalWriter {
  private handle: FileHandle | undefined;
  /** Bytes appended to the current generation. */
  size = 0;

  constructor(
    private readonly file: string,
    public generation: number,
  ) {}

  /** Appends lines and resolves once they are on disk; rejects with the file system's error. */
  async append(text: string): Promise<void> {
    this.handle ??= await fsp.open(journalPath(this.file, this.generation), 'a');
    const buffer = Buffer.from(text);
    let offset = 0;
    while (offset < buffer.length) offset += (await this.handle.write(buffer, offset)).bytesWritten;
    await this.handle.datasync();
    this.size += buffer.length;
  }

  /** Starts the next generation; later appends go to a new file. */
  async rotate(): Promise<void> {
    const old = this.handle;
    this.handle = undefined;
    this.generation++;
    this.size = 0;
    await old?.close();
  }

  async close(): Promise<void> {
    const old = this.handle;
    this.handle = undefined;
    await old?.close();
  }
}
