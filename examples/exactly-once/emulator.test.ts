// End to end through the local emulator, which delivers every event twice (faults: duplicate=1),
// with the example's tables on dynalite: every message is SENT once and counted once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ChimeSDKMessagingClient, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { startEmulator, type Emulator } from 'chime-channel-flow/local';
import type { InvocationRecord } from '../../src/local/flow/engine.js';
import { silentLogger } from '../../src/logging/logger.js';
import { LOCAL_TABLES, prepareLocal } from './local.js';

process.env.LOG_LEVEL ??= 'warn';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

let local: Awaited<ReturnType<typeof prepareLocal>>;
let emulator: Emulator;
beforeAll(async () => {
  local = await prepareLocal();
  // The processor's worker gets this environment, as a Lambda gets its configuration.
  Object.assign(process.env, local.env);
  emulator = await startEmulator({
    logger: silentLogger,
    faults: 'duplicate=1,seed=1',
    processors: { 'exactly-once': new URL('./handler.ts', import.meta.url).pathname },
  });
});
afterAll(async () => {
  await emulator.close();
  await local.close();
});

describe('exactly-once through the emulator, every event delivered twice', () => {
  it('sends each message once and counts each once', async () => {
    // Prepare
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'exactly-once' });
    const client = new ChimeSDKMessagingClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
    });
    const runs: InvocationRecord[] = [];
    const stop = emulator.onInvocation((record) => runs.push(record));
    // Act
    for (const content of ['one', 'two', 'three']) {
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: channelArn,
          ChimeBearer: bearer,
          Content: content,
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      expect(await emulator.waitForOutcome(channelArn, sent.MessageId!, 8000)).toMatchObject({ status: 'SENT' });
    }
    await emulator.idle();
    stop();
    client.destroy();
    // Assess
    const { Item } = await local.client.send(
      new GetItemCommand({ TableName: LOCAL_TABLES.COUNTER_TABLE, Key: { channel: { S: channelArn } } }),
    );
    expect(Number(Item?.messages?.N)).toBe(3);
    // A copy that overlaps the first meets its in-progress record and fails; Lambda's retry replays the summary.
    for (const run of runs) expect([undefined, 'IdempotencyAlreadyInProgressError']).toContain(run.error);
    const answered = runs.filter((run) => (run.result as { duplicate?: boolean } | undefined)?.duplicate === false);
    expect(new Set(answered.map((run) => run.callbackId)).size).toBe(3);
    expect(runs.length).toBeGreaterThanOrEqual(6);
  });
});
