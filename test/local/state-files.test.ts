import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupChannel } from '../../src/local/channel-setup.js';
import { JournalWriter, readJournal } from '../../src/local/state/journal.js';
import { readSnapshot, removeLeftovers } from '../../src/local/state/snapshot.js';
import { StateFileError, Store } from '../../src/local/state/store.js';

// The state file's checks as a user meets them (a hand-edited or foreign --state file is refused
// with the field that is wrong), what a restart cleans up, and how ready-made channels are reused.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccf-state-files-'));
  dirs.push(dir);
  return dir;
};
const refusal = (fn: () => unknown): StateFileError => {
  try {
    fn();
  } catch (error) {
    return error as StateFileError;
  }
  throw new Error('expected a StateFileError');
};
const valid = { version: 1, flows: [], channels: [], messages: [], callbacks: [], tokens: [] };

describe('readSnapshot', () => {
  const snapshotFile = (data: unknown) => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, JSON.stringify(data));
    return file;
  };
  it.each<[string, unknown, string]>([
    ['an array', [], 'must hold a JSON object, got array'],
    ['another version', { ...valid, version: 2 }, 'unsupported version 2'],
    ['a missing list', { ...valid, tokens: undefined }, 'field "tokens" must be an array, got undefined'],
    [
      'a channel that is not an object',
      { ...valid, channels: [7] },
      'field "channels[0]" must be an object, got number',
    ],
    [
      'a flow without its ARN',
      { ...valid, flows: [{ AppInstanceArn: 'a', Processors: [] }] },
      'field "flows[0].ChannelFlowArn" is missing',
    ],
    [
      'a token that is not a pair',
      { ...valid, tokens: [['only-key']] },
      'field "tokens[0]" must be a [key, value] pair',
    ],
    [
      'a callback keyed by a number',
      { ...valid, callbacks: [[1, {}]] },
      'field "callbacks[0]" must be a [key, value] pair',
    ],
    ['a fractional journal generation', { ...valid, journal: 1.5 }, 'field "journal" must be an integer'],
  ])('refuses %s, naming the field', (_case, data, problem) => {
    const error = refusal(() => readSnapshot(snapshotFile(data)));
    expect(error).toBeInstanceOf(StateFileError);
    expect(error.problem).toBe(problem);
  });

  it('accepts a snapshot with a journal generation', () => {
    expect(readSnapshot(snapshotFile({ ...valid, journal: 3 })).journal).toBe(3);
  });
});

describe('journal files', () => {
  it.each<[string, string, string]>([
    ['a line that is JSON but not an object', '5\n', 'journal line 1 is not a journal entry'],
    ['a null line', 'null\n', 'journal line 1 is not a journal entry'],
    ['an entry of an unknown kind', '{"k":"user","id":"x","v":1}\n', 'journal line 1 is not a journal entry'],
    ['an entry with neither value nor deletion', '{"k":"token","id":"x"}\n', 'journal line 1 is not a journal entry'],
    [
      'a line that is not JSON before the last',
      '{"k":"token","id":"a","v":"1"}\n{oops\n{"k":"token","id":"b","v":"2"}\n',
      'journal line 2 is not JSON',
    ],
  ])('refuses %s', (_case, text, problem) => {
    const file = join(tempDir(), 'state.json.journal.1');
    writeFileSync(file, text);
    expect(refusal(() => readJournal(file)).problem).toBe(problem);
  });

  it('closes a writer that never appended without creating a file', async () => {
    const file = join(tempDir(), 'state.json');
    const writer = new JournalWriter(file, 1);
    await writer.close();
    expect(existsSync(`${file}.journal.1`)).toBe(false);
  });

  it('removes temporary files an interrupted write left beside the state file, and only those', () => {
    // Prepare
    const dir = tempDir();
    const file = join(dir, 'state.json');
    for (const name of ['state.json.123.tmp', 'state.json.journal.1', 'other.json.9.tmp', 'state.json'])
      writeFileSync(join(dir, name), '');
    // Act
    const removed = removeLeftovers(file);
    // Assess
    expect(removed).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['other.json.9.tmp', 'state.json', 'state.json.journal.1']);
  });
});

describe('setupChannel', () => {
  const where = { region: 'us-east-1', account: '123456789012' };

  it('uses a processor given as a Lambda ARN as is', () => {
    const arn = 'arn:aws:lambda:eu-west-1:111122223333:function:mask';
    const setup = setupChannel(new Store(), where, { processor: arn });
    expect(setup.processorArn).toBe(arn);
  });

  it('with reuse, returns the channel made the same way before and makes a new one for anything else', () => {
    // Prepare: a store holding a matching channel, plus channels that must not be reused
    const store = new Store();
    const first = setupChannel(store, where, { processor: 'mask' });
    const aborting = setupChannel(store, where, { processor: 'mask', fallbackAction: 'ABORT' });
    const noFlow = setupChannel(store, where, { processor: 'other' });
    const bare = store.channels.get(noFlow.channelArn);
    if (bare) store.putChannel({ ...bare, ChannelFlowArn: undefined });
    const flow = store.flows.get(aborting.channelFlowArn);
    const twoProcessors = setupChannel(store, where, { processor: 'pair' });
    const pairFlow = store.flows.get(twoProcessors.channelFlowArn);
    if (flow && pairFlow) store.putFlow({ ...pairFlow, Processors: [...pairFlow.Processors, ...flow.Processors] });
    // Act
    const reused = setupChannel(store, where, { processor: 'mask', reuse: true });
    const otherReuse = setupChannel(store, where, { processor: 'other', reuse: true });
    const pairReuse = setupChannel(store, where, { processor: 'pair', reuse: true });
    // Assess
    expect(reused.channelArn).toBe(first.channelArn);
    expect(otherReuse.channelArn).not.toBe(noFlow.channelArn);
    expect(pairReuse.channelArn).not.toBe(twoProcessors.channelArn);
  });
});
