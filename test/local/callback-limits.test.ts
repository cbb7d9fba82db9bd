import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChannelFlowCallbackCommand,
  GetChannelMessageStatusCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, rejectionOf, startQuietEmulator } from './helpers.js';

// A processor's ChannelFlowCallback whose new content is over the 4 KB a STANDARD message holds is
// refused with 400, and does not use up the CallbackId: the message stays PENDING and a valid
// answer still lands.
describe('ChannelFlowCallback content limit', () => {
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

  it('refuses content over 4096 UTF-8 bytes and keeps the message pending for a valid answer', async () => {
    // Prepare
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'silent' });
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'short',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    const event = await emulator.waitForPendingEvent(sent.MessageId!);
    const answer = (content: string) =>
      client.send(
        new ChannelFlowCallbackCommand({
          ChannelArn: channelArn,
          CallbackId: event.CallbackId,
          ChannelMessage: { MessageId: sent.MessageId!, Content: content },
        }),
      );
    // Act: 1366 three-byte characters are 4098 bytes, under 4096 characters
    const tooBig = await rejectionOf(answer('€'.repeat(1366)));
    const status = await client.send(
      new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: sent.MessageId!, ChimeBearer: bearer }),
    );
    await answer('€'.repeat(1365));
    const outcome = await emulator.waitForOutcome(channelArn, sent.MessageId!);
    // Assess
    expect([tooBig.$metadata.httpStatusCode, tooBig.name]).toEqual([400, 'BadRequestException']);
    expect(tooBig.message).toContain('ChannelMessage.Content must be at most 4096 bytes');
    expect(status.Status?.Value).toBe('PENDING');
    expect([outcome.status, outcome.content]).toEqual(['SENT', '€'.repeat(1365)]);
  });
});
