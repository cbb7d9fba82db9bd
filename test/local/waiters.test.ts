import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { EmulatorTimeoutError } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, startQuietEmulator } from './helpers.js';

// Test helpers users call on the emulator: waiting for the invocation event of a message that is
// not sent yet, and the named timeout error when it never comes.
describe('emulator waiters', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;

  beforeAll(async () => {
    emulator = await startQuietEmulator({ processors: { silent: async () => undefined } });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('resolves a wait registered before the send with the next invocation event, and only for its message', async () => {
    // Prepare
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'silent' });
    const anyMessage = emulator.waitForPendingEvent(undefined, 10_000);
    const otherMessage = emulator.waitForPendingEvent('f'.repeat(64), 300).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Act
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'watched',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    const event = await anyMessage;
    const other = await otherMessage;
    // Assess
    expect(event.ChannelMessage.MessageId).toBe(sent.MessageId);
    expect(event.ChannelMessage.Content).toBe('watched');
    expect(other).toBeInstanceOf(EmulatorTimeoutError);
    expect((other as Error).message).toBe(
      `Timed out after 300 ms waiting for a pending event for message ${'f'.repeat(64)}`,
    );
  });
});
