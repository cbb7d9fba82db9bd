import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Logger } from '../../logging/logger.js';
import { getOrAdd } from '../state/app-side.js';
import type { Store } from '../state/store.js';
import type { EventType, FrameMessageType } from './frames.js';
import { channelPayload, frame, membershipPayload, messagePayload } from './frames.js';
import type { Connection } from './outbox.js';
import { Outbox, textFrame } from './outbox.js';

/** One open messaging session: a user's WebSocket. */
interface Session extends Connection {
  userArn: string;
  sessionId: string;
  alive: boolean;
}

/** What the hub counts, for tests and the benchmark. */
export interface SessionStats {
  open: number;
  framesSent: number;
}

/** CHANNEL_DETAILS covers at most this many channels, messages and memberships each, as the service does. */
const PREFETCH = { channels: 50, messages: 20, memberships: 30 } as const;

/**
 * The emulator's open messaging sessions, by user. Routing decides who gets an event; the hub
 * frames it once and queues that same frame for each recipient's sessions (the {@link Outbox}
 * writes them together at the end of the event loop's turn), keeps sessions alive with pings, and
 * closes them when the emulator stops.
 *
 * @example
 * hub.toMembers(channelArn, 'CREATE_CHANNEL_MESSAGE', 'STANDARD', payload);
 */
export class SessionHub {
  private readonly byUser = new Map<string, Set<Session>>();
  private readonly pinger: NodeJS.Timeout;
  private readonly outbox = new Outbox();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    pingIntervalMs = 30_000,
  ) {
    // A session that missed a whole interval's pong is dead: terminate it.
    this.pinger = setInterval(() => this.ping(), pingIntervalMs);
    this.pinger.unref();
  }

  /**
   * Registers an upgraded socket (`wire` is the TCP socket it was upgraded from), sends
   * SESSION_ESTABLISHED and, when asked, CHANNEL_DETAILS.
   */
  open(socket: WebSocket, wire: Duplex, userArn: string, sessionId: string, prefetch: boolean): void {
    const session: Session = { socket, wire, userArn, sessionId, alive: true };
    getOrAdd(this.byUser, userArn, () => new Set<Session>()).add(session);
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('close', () => {
      const set = this.byUser.get(userArn);
      set?.delete(session);
      if (set?.size === 0) this.byUser.delete(userArn);
    });
    socket.on('error', () => socket.terminate());
    this.send(session, textFrame(frame('SESSION_ESTABLISHED', 'SYSTEM')));
    if (prefetch) for (const details of this.channelDetails(userArn)) this.send(session, textFrame(details));
    this.logger.debug('messaging session opened', { sessions: this.stats().open });
  }

  /** Sends one event to every session of every member of the channel. */
  toMembers(
    channelArn: string,
    type: EventType,
    messageType: FrameMessageType,
    payload: unknown,
    extra?: string,
  ): void {
    // Framed once: every member's session is given the same bytes.
    const bytes = textFrame(frame(type, messageType, payload));
    for (const membership of this.store.app.membershipsOf(channelArn)) this.deliver(membership.MemberArn, bytes);
    if (extra !== undefined && !this.store.app.membership(channelArn, extra)) this.deliver(extra, bytes);
  }

  /** Sends one event to every session of one user. */
  toUser(userArn: string, type: EventType, messageType: FrameMessageType, payload: unknown): void {
    this.deliver(userArn, textFrame(frame(type, messageType, payload)));
  }

  stats(): SessionStats {
    let open = 0;
    for (const sessions of this.byUser.values()) open += sessions.size;
    return { open, framesSent: this.outbox.written };
  }

  /** Closes every session with 1001 (going away): clients reconnect when the emulator is back. */
  close(): void {
    clearInterval(this.pinger);
    // Frames queued before the stop go out ahead of the close frame.
    this.outbox.flush();
    for (const sessions of this.byUser.values())
      for (const session of sessions) session.socket.close(1001, 'The emulator is stopping');
  }

  private deliver(userArn: string, bytes: Buffer): void {
    const sessions = this.byUser.get(userArn);
    if (sessions) for (const session of sessions) this.send(session, bytes);
  }

  private send(session: Session, bytes: Buffer): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    this.outbox.queue(session, bytes);
  }

  private ping(): void {
    for (const sessions of this.byUser.values())
      for (const session of sessions) {
        if (!session.alive) {
          session.socket.terminate();
          continue;
        }
        session.alive = false;
        session.socket.ping();
      }
  }

  private *channelDetails(userArn: string): Generator<string> {
    let count = 0;
    for (const channelArn of this.store.app.channelsOfMember(userArn)) {
      if (count++ >= PREFETCH.channels) return;
      const channel = this.store.channels.get(channelArn);
      if (!channel) continue;
      const visible = this.store.channelMessages(channelArn).filter((m) => m.visible && m.Persistence === 'PERSISTENT');
      const latest = visible.slice(-PREFETCH.messages).reverse();
      const memberships = [...this.store.app.membershipsOf(channelArn)].slice(0, PREFETCH.memberships);
      yield frame('CHANNEL_DETAILS', 'SYSTEM', {
        Channel: channelPayload(channel),
        ChannelMessages: latest.map((m) => messagePayload(m, m.visible, 'SENT')),
        ChannelMemberships: memberships.map((m) => ({ Member: membershipPayload(this.store, m).Member })),
        ReadMarkerTimestamp: null,
        ChannelMessagesHasMore: visible.length > latest.length,
      });
    }
  }
}
