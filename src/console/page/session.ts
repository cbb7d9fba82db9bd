import { api } from './api.js';

/** A channel message as a session frame carries it (the fields the console uses). */
export interface FrameMessage {
  ChannelArn: string;
  MessageId: string;
  Content?: string;
  Sender?: { Arn: string; Name?: string };
  Redacted?: boolean;
  CreatedTimestamp?: string | number;
}

/** One server-to-client frame of the messaging session. */
export interface SessionFrame {
  type: string;
  payload: Record<string, unknown>;
}

/** What the page shows about the session's connection. */
export type SessionState = 'connecting' | 'connected' | 'closed';

/**
 * One user's messaging session, opened like any Chime SDK client does: the emulator hands the
 * page a presigned `/connect` URL for the user, the page opens the WebSocket and reads frames.
 * Reconnects (with a fresh URL) when the socket drops, until {@link close}.
 */
export class MessagingSession {
  private socket: WebSocket | undefined;
  private closed = false;
  private retry = 0;

  constructor(
    readonly userArn: string,
    private readonly onFrame: (frame: SessionFrame) => void,
    private readonly onState: (state: SessionState) => void,
  ) {}

  async connect(): Promise<void> {
    this.onState('connecting');
    let url: string;
    try {
      ({ url } = await api.session(this.userArn));
    } catch {
      return this.again();
    }
    if (this.closed) return;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      const frame = parseFrame(String(event.data));
      if (!frame) return;
      if (frame.type === 'SESSION_ESTABLISHED') {
        this.retry = 0;
        this.onState('connected');
      }
      this.onFrame(frame);
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.again();
    });
  }

  private again(): void {
    if (this.closed) return;
    this.onState('closed');
    const delay = Math.min(5000, 200 * 2 ** this.retry++);
    setTimeout(() => void this.connect(), delay);
  }

  close(): void {
    this.closed = true;
    this.socket?.close(1000);
    this.socket = undefined;
  }
}

function parseFrame(text: string): SessionFrame | undefined {
  try {
    const frame = JSON.parse(text) as { Headers?: Record<string, string>; Payload?: string };
    const type = frame.Headers?.['x-amz-chime-event-type'];
    if (!type) return undefined;
    const payload = frame.Payload ? (JSON.parse(frame.Payload) as Record<string, unknown>) : {};
    return { type, payload };
  } catch {
    return undefined;
  }
}
