import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateFileError, Store } from '../../src/local/state/store.js';

// What a restart rebuilds from a snapshot and the journal lines written after it: every record
// kind put, replaced and deleted, stale journals skipped, and lines that cannot be records refused.
// The files are written here by hand, as a crash would leave them.
const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/replay';
const GONE_APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/replay-gone';
const ALICE = `${APP}/user/alice`;
const BOB = `${APP}/user/bob`;
const CHANNEL = `${APP}/channel/c1`;
const FLOW = (n: number) => `${APP}/channel-flow/f${n}`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A state directory holding `state.json` (when given) and journals by generation. */
function stateDir(snapshot: Record<string, unknown> | undefined, journals: Record<number, unknown[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccf-replay-'));
  dirs.push(dir);
  const file = join(dir, 'state.json');
  if (snapshot) writeFileSync(file, JSON.stringify(snapshot));
  for (const [generation, entries] of Object.entries(journals))
    writeFileSync(`${file}.journal.${generation}`, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return file;
}
const emptySnapshot = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  flows: [],
  channels: [],
  messages: [],
  callbacks: [],
  tokens: [],
  ...extra,
});
const message = (id: string, content: string) => ({
  MessageId: id,
  ChannelArn: CHANNEL,
  Type: 'STANDARD',
  Persistence: 'PERSISTENT',
  Sender: { Arn: ALICE, Name: 'alice' },
  status: 'SENT',
  visible: { Content: content },
  CreatedTimestamp: 1,
  LastUpdatedTimestamp: 1,
});
const key = (id: string) => `${CHANNEL}\n${id}`;

describe('Store replay of the journal after a restart', () => {
  it('rebuilds every record kind from the journal that continues the snapshot, skipping older journals', async () => {
    // Prepare: the snapshot says journal 2 continues it; journal 1 predates it and must be ignored
    const file = stateDir(emptySnapshot({ journal: 2, tokens: [['kept', 'from-snapshot']] }), {
      1: [{ k: 'token', id: 'kept', v: 'from-stale-journal' }],
      2: [
        { k: 'flow', id: FLOW(1), v: { ChannelFlowArn: FLOW(1), AppInstanceArn: APP, Processors: [] } },
        { k: 'flow', id: FLOW(1), d: 1 },
        { k: 'flow', id: FLOW(2), v: { ChannelFlowArn: FLOW(2), AppInstanceArn: APP, Processors: [] } },
        { k: 'channel', id: CHANNEL, v: { ChannelArn: CHANNEL, AppInstanceArn: APP, Name: 'c1' } },
        { k: 'message', id: key('m1'), v: message('m1', 'first') },
        { k: 'message', id: key('m2'), v: message('m2', 'second') },
        { k: 'message', id: key('m1'), v: message('m1', 'edited') },
        { k: 'message', id: key('m2'), d: 1 },
        { k: 'message', id: key('never-written'), d: 1 },
        { k: 'callback', id: 'cb-inflight', v: { channelArn: CHANNEL, messageId: 'm1', state: 'inflight' } },
        { k: 'callback', id: 'cb-used', v: { channelArn: CHANNEL, messageId: 'm1', state: 'used' } },
        { k: 'token', id: 't1', v: 'v1' },
        { k: 'token', id: 't2', v: 'v2' },
        { k: 'token', id: 't2', d: 1 },
      ],
    });
    // Act
    const store = new Store(file);
    // Assess
    expect([...store.flows.keys()]).toEqual([FLOW(2)]);
    expect(store.channels.get(CHANNEL)?.Name).toBe('c1');
    expect(store.channelMessages(CHANNEL).map((m) => [m.MessageId, m.visible?.Content])).toEqual([['m1', 'edited']]);
    expect(store.getMessage(CHANNEL, 'm2')).toBeUndefined();
    // A callback claimed when the process stopped was never committed: it is pending again.
    expect(store.callbacks.get('cb-inflight')?.state).toBe('pending');
    expect(store.callbacks.get('cb-used')?.state).toBe('used');
    expect(Object.fromEntries(store.tokens)).toEqual({ kept: 'from-snapshot', t1: 'v1' });
    await store.flush();
  });

  it('replays every journal after a snapshot written before journals had generations', async () => {
    // Prepare: no "journal" field in the snapshot (older files), one journal after it
    const file = stateDir(emptySnapshot({ tokens: [['a', 'from-snapshot']] }), {
      1: [{ k: 'token', id: 'b', v: 'from-journal' }],
    });
    // Act
    const store = new Store(file);
    // Assess
    expect(Object.fromEntries(store.tokens)).toEqual({ a: 'from-snapshot', b: 'from-journal' });
    expect(store.snapshot()).not.toHaveProperty('journal');
    await store.flush();
  });

  it('folds what it replayed into one fresh snapshot and removes the journals', async () => {
    // Prepare
    const file = stateDir(emptySnapshot({ journal: 4 }), { 4: [{ k: 'token', id: 't', v: 'v' }] });
    // Act
    const store = new Store(file);
    await store.flush();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { journal: number; tokens: unknown[] };
    const reloaded = new Store(file);
    // Assess
    expect(written.tokens).toEqual([['t', 'v']]);
    expect(written.journal).toBeGreaterThanOrEqual(5);
    expect(readdirSync(join(file, '..')).filter((n) => /journal\.[0-4]$/.test(n))).toEqual([]);
    expect(reloaded.tokens.get('t')).toBe('v');
    await reloaded.flush();
  });

  it('replays the app side: app instances, users, admins, memberships and moderators, put and deleted', async () => {
    // Prepare: a journal without any snapshot (the first run crashed before its first compaction)
    const membership = (arn: string) => ({
      ChannelArn: CHANNEL,
      MemberArn: arn,
      Type: 'DEFAULT',
      InvitedBy: ALICE,
      CreatedTimestamp: 1,
      LastUpdatedTimestamp: 1,
    });
    const file = stateDir(undefined, {
      1: [
        { k: 'app', id: `instance\n${APP}`, v: { AppInstanceArn: APP, Name: 'replay', CreatedTimestamp: 1 } },
        { k: 'app', id: `instance\n${GONE_APP}`, v: { AppInstanceArn: GONE_APP, Name: 'gone', CreatedTimestamp: 1 } },
        { k: 'app', id: `instance\n${GONE_APP}`, d: 1 },
        { k: 'app', id: `user\n${ALICE}`, v: { AppInstanceUserArn: ALICE, AppInstanceArn: APP, Name: 'alice' } },
        { k: 'app', id: `user\n${BOB}`, v: { AppInstanceUserArn: BOB, AppInstanceArn: APP, Name: 'bob' } },
        { k: 'app', id: `user\n${BOB}`, d: 1 },
        { k: 'app', id: `admin\n${APP}\n${ALICE}`, v: { AppInstanceArn: APP, AdminArn: ALICE, CreatedTimestamp: 1 } },
        { k: 'app', id: `admin\n${APP}\n${BOB}`, v: { AppInstanceArn: APP, AdminArn: BOB, CreatedTimestamp: 1 } },
        { k: 'app', id: `admin\n${APP}\n${BOB}`, d: 1 },
        { k: 'app', id: `member\n${CHANNEL}\n${ALICE}`, v: membership(ALICE) },
        { k: 'app', id: `member\n${CHANNEL}\n${BOB}`, v: membership(BOB) },
        { k: 'app', id: `member\n${CHANNEL}\n${BOB}`, d: 1 },
        { k: 'app', id: `moderator\n${CHANNEL}\n${ALICE}`, v: { ChannelArn: CHANNEL, Arn: ALICE } },
        { k: 'app', id: `moderator\n${CHANNEL}\n${BOB}`, v: { ChannelArn: CHANNEL, Arn: BOB } },
        { k: 'app', id: `moderator\n${CHANNEL}\n${BOB}`, d: 1 },
        // An id of a kind this version does not know is skipped, not fatal.
        { k: 'app', id: 'future-kind\nx', v: { any: 1 } },
      ],
    });
    // Act
    const store = new Store(file);
    const app = store.app;
    // Assess
    expect([...app.appInstances.keys()]).toEqual([APP]);
    expect([...app.users.keys()]).toEqual([ALICE]);
    expect([app.isAdmin(APP, ALICE), app.isAdmin(APP, BOB)]).toEqual([true, false]);
    expect([...app.membershipsOf(CHANNEL)].map((m) => m.MemberArn)).toEqual([ALICE]);
    expect([...app.channelsOfMember(BOB)]).toEqual([]);
    expect([app.isModerator(CHANNEL, ALICE), app.isModerator(CHANNEL, BOB)]).toEqual([true, false]);
    // The rebuilt snapshot holds the same app side.
    await store.flush();
    const again = new Store(file);
    expect(again.app.snapshot()).toEqual(app.snapshot());
    await again.flush();
  });

  it.each<[string, unknown, string]>([
    ['an app entry without a record', { k: 'app', id: `instance\n${APP}`, v: 5 }, 'an app entry must hold a record'],
    ['an app entry holding null', { k: 'app', id: `instance\n${APP}`, v: null }, 'an app entry must hold a record'],
    ['a token that is not a string', { k: 'token', id: 't', v: 5 }, 'a token entry must hold a string'],
    ['a message without its fields', { k: 'message', id: key('m'), v: { MessageId: 'm' } }, 'ChannelArn" is missing'],
    [
      'a callback without its state',
      { k: 'callback', id: 'cb', v: { channelArn: CHANNEL, messageId: 'm' } },
      'state" is missing',
    ],
    ['a flow without its ARN', { k: 'flow', id: FLOW(1), v: { Name: 'x' } }, 'ChannelFlowArn" is missing'],
    ['a channel that is not an object', { k: 'channel', id: CHANNEL, v: 'c' }, 'must be an object, got string'],
  ])('refuses a journal with %s, naming the problem and the journal file', (_case, entry, problem) => {
    // Prepare
    const file = stateDir(undefined, { 1: [entry] });
    // Act
    const error = (() => {
      try {
        new Store(file);
      } catch (e) {
        return e as StateFileError;
      }
      throw new Error('expected the journal to be refused');
    })();
    // Assess
    expect(error).toBeInstanceOf(StateFileError);
    expect(error.file).toBe(`${file}.journal.1`);
    expect(error.problem).toContain(problem);
  });
});

describe('Store in memory', () => {
  it('treats deleting a message it never held as a no-op', () => {
    // Prepare
    const store = new Store();
    const before = store.changes;
    // Act
    store.deleteMessage(message('ghost', 'x') as never);
    // Assess
    expect(store.channelMessages(CHANNEL)).toEqual([]);
    expect(store.changes).toBe(before + 1);
  });

  it('answers empty listings for app instances, channels and members it does not know', () => {
    const app = new Store().app;
    expect([...app.adminsOf(APP)]).toEqual([]);
    expect([...app.membershipsOf(CHANNEL)]).toEqual([]);
    expect([...app.channelsOfMember(ALICE)]).toEqual([]);
    expect(app.deleteMembership(CHANNEL, ALICE)).toBe(false);
    expect(app.isModerator(CHANNEL, ALICE)).toBe(false);
  });
});
