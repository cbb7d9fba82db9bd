import { typeName } from '../../values.js';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EmulatorConfigError } from '../errors.js';
import type { StateSnapshot } from './types.js';

/** The state file cannot be used: not JSON, `null`, a wrong version or a missing or mistyped field. */
export class StateFileError extends EmulatorConfigError {
  /** The file that was refused. */
  readonly file: string;
  /** What is wrong, e.g. `field "messages" must be an array, got null`. */
  readonly problem: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super('state', `${file}: ${problem}`, options);
    this.name = 'StateFileError';
    this.file = file;
    this.problem = problem;
  }
}

/** Fields each record needs for the emulator to use it (the key first). */
const RECORD_FIELDS = {
  flows: ['ChannelFlowArn', 'AppInstanceArn', 'Processors'],
  channels: ['ChannelArn', 'AppInstanceArn', 'Name'],
  messages: ['MessageId', 'ChannelArn', 'Type', 'Sender', 'status'],
} as const;

/**
 * Checks parsed JSON against the snapshot layout and returns it typed; throws {@link StateFileError}
 * naming the first missing or mistyped field (never a value: state holds user content).
 */
function checkSnapshot(file: string, data: unknown): StateSnapshot {
  if (typeName(data) !== 'object') throw new StateFileError(file, `must hold a JSON object, got ${typeName(data)}`);
  const record = data as Record<string, unknown>;
  if (record.version !== 1) throw new StateFileError(file, `unsupported version ${JSON.stringify(record.version)}`);
  for (const field of ['flows', 'channels', 'messages', 'callbacks', 'tokens'] as const) {
    if (!Array.isArray(record[field]))
      throw new StateFileError(file, `field "${field}" must be an array, got ${typeName(record[field])}`);
  }
  for (const [field, required] of Object.entries(RECORD_FIELDS)) {
    (record[field] as unknown[]).forEach((item, index) => {
      checkRecord(file, `${field}[${index}]`, item, required);
    });
  }
  for (const field of ['callbacks', 'tokens'] as const) {
    (record[field] as unknown[]).forEach((pair, index) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
        throw new StateFileError(file, `field "${field}[${index}]" must be a [key, value] pair`);
    });
  }
  if (record.journal !== undefined && !Number.isSafeInteger(record.journal))
    throw new StateFileError(file, 'field "journal" must be an integer');
  return data as StateSnapshot;
}

/** Checks one record (a snapshot item or a journal value) has the fields the emulator reads. */
export function checkRecord(file: string, path: string, item: unknown, required: readonly string[]): void {
  if (typeName(item) !== 'object')
    throw new StateFileError(file, `field "${path}" must be an object, got ${typeName(item)}`);
  for (const name of required) {
    const value = (item as Record<string, unknown>)[name];
    if (value === undefined || value === null) throw new StateFileError(file, `field "${path}.${name}" is missing`);
  }
}

/** Reads and checks a snapshot file; throws {@link StateFileError}. */
export function readSnapshot(file: string): StateSnapshot {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new StateFileError(file, 'is not a readable emulator state file (not JSON)', { cause });
  }
  return checkSnapshot(file, data);
}

/** `FILE.<anything>.tmp` next to the state file: a write that never reached its rename. */
const isLeftover = (file: string, name: string): boolean =>
  name.startsWith(`${basename(file)}.`) && name.endsWith('.tmp');

/** Removes temporary files an interrupted write left next to `file`; returns how many. */
export function removeLeftovers(file: string): number {
  let removed = 0;
  for (const name of readdirSync(dirname(file))) {
    if (!isLeftover(file, name)) continue;
    unlinkSync(join(dirname(file), name));
    removed++;
  }
  return removed;
}

/** Writes `text` to `file` durably and atomically: temp file, fsync, rename, fsync of the directory. */
export function writeFileDurableSync(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncDirectorySync(dirname(file));
}

/** The same as {@link writeFileDurableSync}, off the event loop (background compaction). */
export async function writeFileDurable(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await fsp.open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(temp, file);
  const dir = await fsp.open(dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

function syncDirectorySync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
