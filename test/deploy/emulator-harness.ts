// Runs an example end to end through the local emulator, as `npm start` does: the handler
// module is loaded by path, a real SDK client sends the message, the emulator invokes the
// processor, and the test reads back the status and what the channel received.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChimeSDKMessagingClient,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  NotFoundException,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator, LambdaHandler, MessageOutcome } from '../../src/local/index.js';
import { afterAll, beforeAll } from '@jest/globals';
import { silentLogger } from '../../src/logging/logger.js';

// The handler's own JSON logs would flood the test output; the unit tests check what they contain.
process.env.LOG_LEVEL ??= 'warn';

const EXAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

export interface Delivery {
  outcome: MessageOutcome;
  /** GetChannelMessageStatus once the message left PENDING (`SENT`, `DENIED`, `FAILED`); `NotFound` for a denied message. */
  status: string;
  /** The stored message as a member reads it; undefined when the service no longer has it (denied). */
  delivered: { Content?: string; Metadata?: string } | undefined;
}

export interface EmulateOptions {
  functionTimeoutMs?: number;
  handlerPath?: string;
  /** Run the handler in the test's own process, where stubs of SDK clients apply (default: a worker). */
  inProcess?: boolean;
}

export interface EmulatedExample {
  emulator: Emulator;
  send(content: string, metadata?: string): Promise<Delivery>;
  close(): Promise<void>;
}

/**
 * Starts an emulator whose only processor is `examples/NAME/handler.ts`, on a fresh
 * flow and channel.
 */
export async function emulateExample(name: string, options: EmulateOptions = {}): Promise<EmulatedExample> {
  const path = options.handlerPath ?? join(EXAMPLES_DIR, name, 'handler.ts');
  // A path runs in a worker of its own, as Lambda isolates a function; a test that stubs an SDK client
  // in its own process (aws-sdk-client-mock) needs the handler in that process instead.
  const source = options.inProcess ? ((await import(path)) as { handler: LambdaHandler }).handler : path;
  const emulator = await startEmulator({
    logger: silentLogger,
    processors: { [name]: source },
    ...(options.functionTimeoutMs ? { functionTimeoutMs: options.functionTimeoutMs } : {}),
  });
  const { channelArn, bearer } = emulator.setupChannel({ processor: name });
  const client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });

  async function send(content: string, metadata?: string): Promise<Delivery> {
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
        ...(metadata !== undefined ? { Metadata: metadata } : {}),
      }),
    );
    const messageId = sent.MessageId!;
    const outcome = await emulator.waitForOutcome(channelArn, messageId, 8000);
    let status: string;
    try {
      const answer = await client.send(
        new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: bearer }),
      );
      status = answer.Status?.Value ?? 'UNKNOWN';
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      status = 'NotFound';
    }
    let delivered: Delivery['delivered'];
    try {
      const answer = await client.send(
        new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: bearer }),
      );
      delivered = {
        ...(answer.ChannelMessage?.Content !== undefined ? { Content: answer.ChannelMessage.Content } : {}),
        ...(answer.ChannelMessage?.Metadata !== undefined ? { Metadata: answer.ChannelMessage.Metadata } : {}),
      };
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      delivered = undefined;
    }
    return { outcome, status, delivered };
  }

  return {
    emulator,
    send,
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that run the example through its own emulator for
 * the whole test file; call `send` inside the tests.
 */
export function useEmulatedExample(name: string, options: EmulateOptions = {}): Pick<EmulatedExample, 'send'> {
  let run: EmulatedExample | undefined;
  beforeAll(async () => {
    run = await emulateExample(name, options);
  });
  afterAll(async () => {
    await run?.close();
  });
  return {
    send: (content, metadata) => {
      if (!run) throw new Error('useEmulatedExample: send() called outside a test');
      return run.send(content, metadata);
    },
  };
}
