// The handler as Lambda runs it, with the callback stubbed and its DynamoDB tables on dynalite.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowEvent, lambdaContext } from 'chime-channel-flow/testing';
import type { InvocationSummary } from 'chime-channel-flow';
import { stubCallbacks } from '../../test/deploy/example-harness.js';
import { captureStdout } from '../../test/powertools/composition.js';
import { LOCAL_TABLES, prepareLocal } from './local.js';

const messaging = stubCallbacks();
let local: Awaited<ReturnType<typeof prepareLocal>>;
let handler: typeof import('./handler.js').handler;
beforeAll(async () => {
  local = await prepareLocal();
  Object.assign(process.env, local.env);
  // Imported once the environment points at dynalite, as Lambda loads it with its environment set.
  ({ handler } = await import('./handler.js'));
});
afterAll(() => local.close());

const counted = async (channelArn: string) => {
  const { Item } = await local.client.send(
    new GetItemCommand({ TableName: LOCAL_TABLES.COUNTER_TABLE, Key: { channel: { S: channelArn } } }),
  );
  return Number(Item?.messages?.N ?? 0);
};

describe('exactly-once example', () => {
  it('counts a message once and answers it once, however often it is delivered', async () => {
    // Prepare
    const event = channelFlowEvent({
      Content: 'ship it on friday',
      ChannelArn: `${channelFlowEvent().ChannelMessage.ChannelArn}-once`,
    });
    const stdout = captureStdout();
    // Act
    let summaries: InvocationSummary[];
    try {
      summaries = [];
      for (const requestId of ['req-1', 'req-2', 'req-3'])
        summaries.push(await handler(structuredClone(event), lambdaContext({ requestId })));
    } finally {
      stdout.restore();
    }
    // Assess
    expect(await counted(event.ChannelMessage.ChannelArn)).toBe(1);
    const callbacks = messaging
      .commandCalls(ChannelFlowCallbackCommand)
      .filter((call) => call.args[0].input.CallbackId === event.CallbackId);
    expect(callbacks).toHaveLength(1);
    expect(summaries[1]).toEqual(summaries[0]);
    expect(stdout.logs().filter((line) => /^Duplicate delivery/.test(String(line.message)))).toHaveLength(2);
    expect(stdout.blobs().filter((blob) => blob.MessagesCounted === 1)).toHaveLength(1);
    expect(stdout.text()).not.toContain('ship it on friday');
  });

  it('counts two different messages twice', async () => {
    const channelArn = `${channelFlowEvent().ChannelMessage.ChannelArn}-twice`;
    const stdout = captureStdout();
    try {
      await handler(channelFlowEvent({ ChannelArn: channelArn }), lambdaContext());
      await handler(channelFlowEvent({ ChannelArn: channelArn }), lambdaContext());
    } finally {
      stdout.restore();
    }
    expect(await counted(channelArn)).toBe(2);
  });
});
