// `npm start`, second part: the same conversation as the people in a channel see it, through
// two messaging sessions (the sender's and another member's) on the emulator's WebSocket.
import { CreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { WebSocket } from 'ws';
import type { Emulator } from './emulator.js';
import { shorten } from './report/table.js';
import { messagingSessionUrl } from './session/presign.js';

interface Seen {
  type: string;
  messageId?: string;
  content?: string;
}

async function record(emulator: Emulator, userArn: string): Promise<{ seen: Seen[]; socket: WebSocket }> {
  const url = await messagingSessionUrl({
    host: `127.0.0.1:${emulator.port}`,
    userArn,
    credentials: emulator.credentials,
  });
  const socket = new WebSocket(url);
  const seen: Seen[] = [];
  await new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { Headers: Record<string, string>; Payload?: string };
      const payload = frame.Payload ? (JSON.parse(frame.Payload) as { MessageId?: string; Content?: string }) : {};
      seen.push({
        type: frame.Headers['x-amz-chime-event-type']!,
        messageId: payload.MessageId,
        content: payload.Content,
      });
      if (seen.length === 1) resolve();
    });
    socket.on('error', reject);
  });
  return { seen, socket };
}

/** `PENDING_CREATE_CHANNEL_MESSAGE` -> `PENDING`, `CREATE_CHANNEL_MESSAGE "…"` -> `CREATE "…"`. */
const describe = (frames: Seen[]): string =>
  frames.length === 0
    ? '(nothing)'
    : frames
        .map((f) => {
          const type = f.type.replace('_CHANNEL_MESSAGE', '');
          const held = /^(PENDING|DENIED|FAILED)_/.exec(type);
          return held ? held[1]! : `${type} "${shorten(f.content ?? '', 34)}"`;
        })
        .join(' -> ');

/**
 * Sends `conversation` to a fresh channel of `processor` and prints, per message, what the
 * sender's session and another member's session received.
 *
 * @example
 * await showSessions(emulator, client, 'sample', SAMPLE_CONVERSATION);
 */
export async function showSessions(
  emulator: Emulator,
  client: ChimeSDKMessagingClient,
  processor: string,
  conversation: readonly string[],
): Promise<void> {
  const channel = emulator.setupChannel({ processor });
  const member = `${channel.appInstanceArn}/user/bob`;
  emulator.addAppInstance({ appInstanceArn: channel.appInstanceArn, users: [member] });
  await client.send(
    new CreateChannelMembershipCommand({
      ChannelArn: channel.channelArn,
      MemberArn: member,
      Type: 'DEFAULT',
      ChimeBearer: channel.bearer,
    }),
  );
  const sender = await record(emulator, channel.bearer);
  const other = await record(emulator, member);
  console.log(`\nMessaging sessions on ${processor}'s channel: what the sender and another member (bob) received`);
  for (const content of conversation) {
    const { MessageId } = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.channelArn,
        ChimeBearer: channel.bearer,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await emulator.waitForOutcome(channel.channelArn, MessageId!, 10_000).catch(() => undefined);
    // Frames leave in the same tick as the outcome; give the loopback a moment to carry them.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const of = (seen: Seen[]) => seen.filter((f) => f.messageId === MessageId);
    console.log(`  ${shorten(content, 40)}`);
    console.log(`      sender: ${describe(of(sender.seen))}`);
    console.log(`      bob:    ${describe(of(other.seen))}`);
  }
  sender.socket.close();
  other.socket.close();
}
