import { WebSocket } from 'ws';

/** amazon-chime-sdk-js's `WebSocketReadyState` values (None, Connecting, Open, Closing, Closed). */
const ReadyState = { None: 0, Connecting: 1, Open: 2, Closing: 3, Closed: 4 } as const;

/** The shape of amazon-chime-sdk-js's `WebSocketAdapter`, so this file needs no import of that package. */
export interface MessagingWebSocketAdapter {
  create(url: string, protocols: string[], isSignedUrl?: boolean): void;
  send(message: Uint8Array | string): boolean;
  close(code?: number, reason?: string): void;
  destroy(): void;
  addEventListener(handler: string, eventListener: (event: never) => void): void;
  removeEventListener(handler: string, eventListener: (event: never) => void): void;
  readyState(): number;
}

/** A `CloseEvent` for Node 20, which has none (amazon-chime-sdk-js builds one when the endpoint call fails). */
class CloseEventShim extends Event {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  constructor(type: string, init: { code?: number; reason?: string; wasClean?: boolean } = {}) {
    super(type);
    this.code = init.code ?? 0;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
}

/**
 * A WebSocketAdapter for amazon-chime-sdk-js's `DefaultMessagingSession` that reaches the local
 * emulator from Node: it opens the SDK's hard-coded `wss://` URL as `ws://` with the `ws` package,
 * and installs a global `CloseEvent` where Node lacks one. The SDK itself runs unchanged.
 *
 * @returns an adapter to pass as the third argument of `new DefaultMessagingSession(configuration, logger, adapter)`
 * @example
 * import { ConsoleLogger, DefaultMessagingSession, LogLevel, MessagingSessionConfiguration } from 'amazon-chime-sdk-js';
 * import { localMessagingWebSocket } from 'chime-channel-flow/local';
 * const session = new DefaultMessagingSession(configuration, new ConsoleLogger('chat', LogLevel.WARN), localMessagingWebSocket());
 */
export function localMessagingWebSocket(): MessagingWebSocketAdapter {
  const global = globalThis as { CloseEvent?: unknown };
  global.CloseEvent ??= CloseEventShim;
  let connection: WebSocket | undefined;
  return {
    create(url) {
      connection = new WebSocket(url.replace(/^wss:/, 'ws:'));
      connection.binaryType = 'arraybuffer';
    },
    send(message) {
      if (!connection || connection.readyState !== WebSocket.OPEN) return false;
      connection.send(message);
      return true;
    },
    close(code, reason) {
      connection?.close(code, reason);
    },
    destroy() {
      connection = undefined;
    },
    addEventListener(handler, eventListener) {
      connection?.addEventListener(handler as 'message', eventListener as (event: WebSocket.MessageEvent) => void);
    },
    removeEventListener(handler, eventListener) {
      connection?.removeEventListener(handler as 'message', eventListener as (event: WebSocket.MessageEvent) => void);
    },
    readyState() {
      if (!connection) return ReadyState.None;
      return [ReadyState.Connecting, ReadyState.Open, ReadyState.Closing, ReadyState.Closed][connection.readyState]!;
    },
  };
}
