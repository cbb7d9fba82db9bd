// The wrapper end to end: a channelFlowProcessor handler invoked by the local emulator, calling back
// with its default-constructed SDK client over real HTTP, while the emulator injects callback faults
// (429, 503, resets, latency) and redelivers events (at-least-once).
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ChimeSDKMessagingClient,
  GetChannelMessageCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, noChange, update, type InvocationSummary } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { resetDefaultChimeClient } from '../../src/callback/client.js';
import { startEmulator, type Emulator } from '../../src/local/index.js';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  resetDefaultChimeClient();
});

const decide = (content: string) =>
  content.includes('spam') ? 'deny' : content.includes('darn') ? 'update' : 'noChange';

async function run(faults: string, count: number) {
  const summaries: InvocationSummary[] = [];
  const moderate = channelFlowProcessor(
    (message) => {
      const action = decide(message.Content);
      return action === 'deny'
        ? deny('spam')
        : action === 'update'
          ? update({ content: message.Content.replaceAll('darn', '****') })
          : noChange();
    },
    { logger: silentLogger },
  );
  emulator = await startEmulator({
    logger: silentLogger,
    faults,
    retryDelaysMs: [5, 10],
    functionTimeoutMs: 3000,
    processors: {
      moderate: async (event: unknown, context: unknown) => {
        const summary = await moderate(event as never, context as never);
        summaries.push(summary);
        return summary;
      },
    },
  });
  resetDefaultChimeClient(); // the handler's default client must pick up the emulator's endpoint
  const client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    maxAttempts: 1,
  });
  const channel = emulator.setupChannel({ processor: 'moderate', fallbackAction: 'ABORT' });
  const contents = Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? `buy spam ${i}` : i % 3 === 1 ? `oh darn ${i}` : `hello ${i}`,
  );
  const sent = [];
  for (const content of contents) {
    const reply = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.channelArn,
        ChimeBearer: channel.bearer,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    sent.push({ content, messageId: reply.MessageId! });
  }
  const outcomes = await Promise.all(
    sent.map((message) => emulator!.waitForOutcome(channel.channelArn, message.messageId, 15_000)),
  );
  // A message can be answered while an invocation that gave up at its deadline is retried: let those finish.
  const settleBy = Date.now() + 15_000;
  while ((emulator.stats().inFlight > 0 || summaries.length < sent.length) && Date.now() < settleBy)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return { client, channel, sent, outcomes, summaries };
}

describe('channelFlowProcessor against the local emulator over HTTP', () => {
  it('every message ends as its decision says despite throttling, 503s, resets and latency on the callback', async () => {
    const { client, channel, sent, outcomes, summaries } = await run(
      'throttle=0.2,unavailable=0.1,reset=0.05,latency=5ms',
      30,
    );
    for (const [index, outcome] of outcomes.entries()) {
      const expected = decide(sent[index]!.content);
      expect(outcome.status).toBe(expected === 'deny' ? 'DENIED' : 'SENT');
    }
    // Every message was answered; a callback applied but whose response was lost to a reset comes back
    // on the SDK's retry as a duplicate, never as a second applied callback.
    for (const message of sent) {
      const mine = summaries.filter((summary) => summary.messageId === message.messageId);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.filter((summary) => !summary.duplicate).length).toBeLessThanOrEqual(1);
    }
    expect(emulator!.stats()).toMatchObject({ stuck: 0, pending: 0, callbacksAccepted: sent.length });
    const masked = sent.find((message) => decide(message.content) === 'update')!;
    const stored = await client.send(
      new GetChannelMessageCommand({
        ChannelArn: channel.channelArn,
        MessageId: masked.messageId,
        ChimeBearer: channel.bearer,
      }),
    );
    expect(stored.ChannelMessage?.Content).toBe(masked.content.replaceAll('darn', '****'));
    client.destroy();
  });

  it('a redelivered event is answered once; the redelivery resolves as a duplicate, not a failure', async () => {
    const { client, sent, outcomes, summaries } = await run('duplicate=1', 6);
    for (const [index, outcome] of outcomes.entries())
      expect(outcome.status).toBe(decide(sent[index]!.content) === 'deny' ? 'DENIED' : 'SENT');
    expect(summaries).toHaveLength(sent.length * 2);
    for (const message of sent) {
      const mine = summaries.filter((summary) => summary.messageId === message.messageId);
      expect(mine.map((summary) => summary.duplicate).sort()).toEqual([false, true]);
    }
    client.destroy();
  });
});
