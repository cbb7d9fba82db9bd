// amazon-chime-sdk-js messaging sessions in Node, through the package's localMessagingWebSocket().
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { DefaultMessagingSession, LogLevel, MessagingSessionConfiguration, NoOpLogger } from 'amazon-chime-sdk-js';
import type { Message } from 'amazon-chime-sdk-js';
import { localMessagingWebSocket } from '../../src/local/index.js';

/** One frame as the SDK handed it to the observer, with its payload parsed. */
export interface ReceivedFrame {
  type: string;
  messageType: string | undefined;
  payload: (Record<string, unknown> & { MessageId?: string; Content?: string; ChannelArn?: string }) | undefined;
}

export interface TestSession {
  frames: ReceivedFrame[];
  session: DefaultMessagingSession;
  stop(): Promise<void>;
}

/**
 * Starts a real DefaultMessagingSession for `userArn` (resolving the endpoint with the client, as
 * apps do) and records every message the SDK delivers to its observer.
 */
export async function openSession(
  client: ChimeSDKMessagingClient,
  userArn: string,
  options: { prefetch?: boolean; endpointUrl?: string } = {},
): Promise<TestSession> {
  const configuration = new MessagingSessionConfiguration(
    userArn,
    `session-${Math.random().toString(36).slice(2)}`,
    options.endpointUrl,
    client,
  );
  if (options.prefetch) configuration.prefetchOn = 'connect' as never;
  const session = new DefaultMessagingSession(
    configuration,
    new NoOpLogger(LogLevel.OFF),
    localMessagingWebSocket() as never,
  );
  const frames: ReceivedFrame[] = [];
  let stopped: () => void = () => {};
  const stoppedPromise = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  session.addObserver({
    messagingSessionDidStart: () => {
      frames.push({ type: 'SESSION_ESTABLISHED', messageType: 'SYSTEM', payload: undefined });
    },
    messagingSessionDidReceiveMessage: (message: Message) => {
      if (message.type === 'SESSION_ESTABLISHED') return;
      frames.push({
        type: message.type,
        messageType: message.headers['x-amz-chime-message-type'],
        payload: message.payload ? (JSON.parse(message.payload) as ReceivedFrame['payload']) : undefined,
      });
    },
    messagingSessionDidStop: () => stopped(),
  });
  await session.start();
  // The SDK tells observers on its next tick; wait so SESSION_ESTABLISHED is the first frame recorded.
  await waitFor(() => frames.length > 0);
  return {
    frames,
    session,
    async stop() {
      session.stop();
      await Promise.race([stoppedPromise, new Promise((resolve) => setTimeout(resolve, 1000))]);
    },
  };
}

/** Polls until `condition` holds (every 5 ms, up to 5 s), then resolves; rejects on timeout. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
