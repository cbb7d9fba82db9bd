import type { Duplex } from 'node:stream';
import * as ws from 'ws';
import type { WebSocket } from 'ws';

/** ws's own framer: exported by `ws` (`Sender.frame`), not declared by `@types/ws`. */
interface Framer {
  frame(
    data: Buffer,
    options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
  ): Buffer[];
}
const { Sender } = ws as typeof ws & { Sender: Framer };

/** A session's connection as the outbox writes to it: the `ws` socket and the TCP socket under it. */
export interface Connection {
  /** Tells whether the session is still open (frames after a close are dropped, as `ws.send` drops them). */
  readonly socket: WebSocket;
  /** The upgraded TCP socket `ws` runs on; frames are written to it whole. */
  readonly wire: Duplex;
}

const TEXT_OPCODE = 1;

/**
 * One WebSocket text frame, framed by `ws` (unmasked, uncompressed, as a server sends it), as a
 * single buffer that every recipient's connection is given as is.
 *
 * @param text - the frame's text
 * @returns the whole frame: header and payload
 * @example
 * const bytes = textFrame('{"Headers":{}}'); // <Buffer 81 0e 7b ...>
 */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const parts = Sender.frame(payload, { fin: true, opcode: TEXT_OPCODE, mask: false, readOnly: true, rsv1: false });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/**
 * Frames waiting to be written, per connection, until this turn of the event loop ends: every
 * frame queued for a connection in one turn leaves in one socket write (one system call instead of
 * one per frame, which is what a message to a channel's members cost). Frames keep their order per
 * connection. Framing stays `ws`'s; it is safe to write beside `ws` because the server never
 * negotiates permessage-deflate (so `ws` never holds frames in a queue of its own) and every write
 * is one or more whole frames.
 *
 * @example
 * const outbox = new Outbox();
 * outbox.queue(connection, textFrame('{"Headers":{}}'));
 */
export class Outbox {
  private readonly waiting = new Map<Connection, Buffer[]>();
  private scheduled = false;
  /** Frames written so far. */
  written = 0;

  /** Queues a whole frame for `connection`; it is written when this turn of the event loop ends. */
  queue(connection: Connection, frame: Buffer): void {
    const frames = this.waiting.get(connection);
    if (frames) frames.push(frame);
    else this.waiting.set(connection, [frame]);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes every waiting frame now (before a close frame, so none is lost behind it). */
  flush(): void {
    this.scheduled = false;
    for (const [connection, frames] of this.waiting) {
      const { socket, wire } = connection;
      // A closing session gets nothing more, as `ws.send` would refuse it.
      if (socket.readyState !== socket.OPEN || !wire.writable) continue;
      wire.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
      this.written += frames.length;
    }
    this.waiting.clear();
  }
}
