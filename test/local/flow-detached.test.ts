import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DisassociateChannelFlowCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, startQuietEmulator } from './helpers.js';

// A message still PENDING when its channel loses the flow: the pending timeout has no flow left
// whose FallbackAction could apply, so the message is sent as written (CONTINUE), even though the
// flow it entered with said ABORT.
describe('a pending message whose channel flow is disassociated', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;

  beforeAll(async () => {
    emulator = await startQuietEmulator({ processors: { silent: async () => undefined }, pendingTimeoutMs: 2500 });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('is sent on pending timeout instead of failing with the old flow fallback', async () => {
    // Prepare
    const { channelArn, channelFlowArn, bearer } = emulator.setupChannel({
      processor: 'silent',
      fallbackAction: 'ABORT',
    });
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'held',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await emulator.waitForPendingEvent(sent.MessageId!);
    // Act
    await client.send(
      new DisassociateChannelFlowCommand({
        ChannelArn: channelArn,
        ChannelFlowArn: channelFlowArn,
        ChimeBearer: bearer,
      }),
    );
    const outcome = await emulator.waitForOutcome(channelArn, sent.MessageId!, 10_000);
    // Assess
    expect(outcome).toMatchObject({ status: 'SENT', decision: 'fallback', reason: 'pending-timeout', content: 'held' });
  });
});
