// associateChannelFlow against the local emulator: the real SDK client, the real REST
// protocol, and the association visible afterwards through DescribeChannel.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChimeSDKMessagingClient, DescribeChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { associateChannelFlow, disassociateChannelFlow, runDeployCli } from '../../src/deploy/index.js';
import { silentLogger } from '../../src/logging/logger.js';

let emulator: Emulator;
let client: ChimeSDKMessagingClient;

beforeAll(async () => {
  emulator = await startEmulator({ logger: silentLogger });
  client = new ChimeSDKMessagingClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const describeFlow = async (channelArn: string, bearer: string) =>
  (await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer }))).Channel?.ChannelFlowArn;

describe('associateChannelFlow against the emulator', () => {
  it('moves a channel from one flow to another and back to none', async () => {
    const first = emulator.setupChannel({ processor: 'first' });
    const second = emulator.setupChannel({ processor: 'second', appInstanceArn: first.appInstanceArn, bearer: first.bearer });
    const options = { channelArn: first.channelArn, chimeBearer: first.bearer, client };
    expect(await describeFlow(first.channelArn, first.bearer)).toBe(first.channelFlowArn);

    await disassociateChannelFlow({ ...options, channelFlowArn: first.channelFlowArn });
    expect(await describeFlow(first.channelArn, first.bearer)).toBeUndefined();

    await associateChannelFlow({ ...options, channelFlowArn: second.channelFlowArn });
    expect(await describeFlow(first.channelArn, first.bearer)).toBe(second.channelFlowArn);
  });

  it('reaches the emulator through AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING with its default client (the CLI path)', async () => {
    const setup = emulator.setupChannel({ processor: 'cli' });
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line), env: {} };
    const args = ['--channel-arn', setup.channelArn, '--channel-flow-arn', setup.channelFlowArn, '--bearer', setup.bearer];
    expect(await runDeployCli(['disassociate', ...args], io)).toBe(0);
    expect(await describeFlow(setup.channelArn, setup.bearer)).toBeUndefined();
    expect(await runDeployCli(['associate', ...args], io)).toBe(0);
    expect(await describeFlow(setup.channelArn, setup.bearer)).toBe(setup.channelFlowArn);
  });
});
