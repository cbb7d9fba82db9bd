// The sessions' outbox: one frame built per event and shared by every recipient, written per
// connection once per turn of the event loop. Each session must still get each frame exactly once,
// in order, as a text frame a real `ws` client reads.
import { afterEach, describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { BatchCreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { WebSocket } from 'ws';
import { channelFlowProcessor, noChange } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { messagingSessionUrl } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { Outbox, textFrame } from '../../src/local/session/outbox.js';
import type { Connection } from '../../src/local/session/outbox.js';
import { clientFor, startQuietEmulator } from './helpers.js';

/** A connection whose wire records each write; `open` false stands for a closing session. */
function fakeConnection(open = true): { connection: Connection; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const wire = new PassThrough();
  wire.on('data', (chunk: Buffer) => writes.push(chunk));
  const socket = { readyState: open ? 1 : 2, OPEN: 1 };
  return { connection: { socket: socket as never, wire }, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Outbox', () => {
  it('writes every frame queued for a connection in one turn as one write, in order, after the turn', async () => {
    const outbox = new Outbox();
    const a = fakeConnection();
    const b = fakeConnection();
    const first = textFrame('first');
    const second = textFrame('second');

    outbox.queue(a.connection, first);
    outbox.queue(b.connection, first);
    outbox.queue(a.connection, second);
    const beforeTurnEnds = a.writes.length + b.writes.length;
    await nextTurn();
    await nextTurn();

    expect(beforeTurnEnds).toBe(0);
    expect(a.writes).toEqual([Buffer.concat([first, second])]);
    expect(b.writes).toEqual([first]);
    expect(outbox.written).toBe(3);
  });

  it('gives a closing connection nothing, and flush() writes at once', async () => {
    const outbox = new Outbox();
    const closing = fakeConnection(false);
    const open = fakeConnection();

    outbox.queue(closing.connection, textFrame('late'));
    outbox.queue(open.connection, textFrame('now'));
    outbox.flush();
    await nextTurn();

    expect(closing.writes).toEqual([]);
    expect(open.writes).toEqual([textFrame('now')]);
    expect(outbox.written).toBe(1);
  });

  it('frames text as ws does: FIN + text opcode, unmasked, with the 16-bit length form past 125 bytes', () => {
    const short = textFrame('hi');
    const long = textFrame('x'.repeat(300));

    expect([...short]).toEqual([0x81, 2, 0x68, 0x69]);
    expect([long[0], long[1], long.readUInt16BE(2), long.length]).toEqual([0x81, 126, 300, 304]);
  });
});

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface RawSession {
  user: string;
  frames: Array<{ type: string; messageId?: string; binary: boolean }>;
  socket: WebSocket;
}

async function openRaw(emulator: Emulator, user: string): Promise<RawSession> {
  const url = await messagingSessionUrl({
    host: `127.0.0.1:${emulator.port}`,
    userArn: user,
    credentials: emulator.credentials,
  });
  const socket = new WebSocket(url);
  const session: RawSession = { user, frames: [], socket };
  socket.on('message', (data, isBinary) => {
    const frame = JSON.parse(String(data)) as { Headers: Record<string, string>; Payload?: string };
    const payload = frame.Payload ? (JSON.parse(frame.Payload) as { MessageId?: string }) : {};
    session.frames.push({
      type: frame.Headers['x-amz-chime-event-type']!,
      messageId: payload.MessageId,
      binary: isBinary,
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  return session;
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('shared frames through a channel flow', () => {
  it('gives each session of each member each message exactly once, in one order, and PENDING to the sender only', async () => {
    emulator = await startQuietEmulator();
    const client = clientFor(emulator);
    emulator.addProcessor(
      'noop',
      channelFlowProcessor(() => noChange(), { client, logger: silentLogger }),
    );
    const { channelArn, bearer, appInstanceArn } = emulator.setupChannel({ processor: 'noop' });
    const others = [1, 2, 3].map((i) => `${appInstanceArn}/user/member-${i}`);
    emulator.addAppInstance({ appInstanceArn, users: [bearer, ...others] });
    await client.send(
      new BatchCreateChannelMembershipCommand({ ChannelArn: channelArn, MemberArns: others, ChimeBearer: bearer }),
    );
    // Two sessions per user: a user's every session gets the frame.
    const sessions = await Promise.all(
      [bearer, ...others].flatMap((user) => [user, user]).map((user) => openRaw(emulator!, user)),
    );
    const creates = (session: RawSession) => session.frames.filter((f) => f.type === 'CREATE_CHANNEL_MESSAGE');
    const framesBefore = emulator.sessionStats().framesSent;

    // Sent together, so that several messages' frames share a turn of the emulator's event loop.
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.send(
          new SendChannelMessageCommand({
            ChannelArn: channelArn,
            ChimeBearer: bearer,
            Content: `message ${i}`,
            Type: 'STANDARD',
            Persistence: 'NON_PERSISTENT',
          }),
        ),
      ),
    );
    const ids = sent.map((s) => s.MessageId!).sort();
    await until(() => sessions.every((session) => creates(session).length >= ids.length));
    await new Promise((resolve) => setTimeout(resolve, 50)); // a doubled frame would land now

    const order = creates(sessions[0]!).map((f) => f.messageId);
    for (const session of sessions) {
      expect(session.frames[0]!.type).toBe('SESSION_ESTABLISHED');
      expect(creates(session).map((f) => f.messageId)).toEqual(order);
      const pending = session.frames.filter((f) => f.type === 'PENDING_CREATE_CHANNEL_MESSAGE');
      expect(pending.map((f) => f.messageId).sort()).toEqual(session.user === bearer ? ids : []);
      expect(session.frames.every((f) => !f.binary)).toBe(true);
    }
    expect([...order].sort()).toEqual(ids);
    const received = sessions.reduce((sum, session) => sum + session.frames.length - 1, 0);
    expect(emulator.sessionStats().framesSent - framesBefore).toBe(received);
    for (const session of sessions) session.socket.close();
    client.destroy();
  });
});
