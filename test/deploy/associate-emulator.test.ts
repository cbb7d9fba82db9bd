// associateChannelFlow against the local emulator: the real SDK client, the real REST
// protocol, and the association visible afterwards through DescribeChannel.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ChimeSDKMessagingClient, DescribeChannelCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { runDeployCli } from '../../src/deploy/cli.js';
import { associateChannelFlow, disassociateChannelFlow } from '../../src/deploy/index.js';
import { silentLogger } from '../../src/logging/logger.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

let emulator: Emulator;
let client: ChimeSDKMessagingClient;

beforeAll(async () => {
  emulator = await startEmulator({ logger: silentLogger });
  client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const describeFlow = async (channelArn: string, bearer: string) =>
  (await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer }))).Channel
    ?.ChannelFlowArn;

describe('associateChannelFlow against the emulator', () => {
  it('moves a channel from one flow to another and back to none', async () => {
    const first = emulator.setupChannel({ processor: 'first' });
    const second = emulator.setupChannel({
      processor: 'second',
      appInstanceArn: first.appInstanceArn,
      bearer: first.bearer,
    });
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
    const args = [
      '--channel-arn',
      setup.channelArn,
      '--channel-flow-arn',
      setup.channelFlowArn,
      '--bearer',
      setup.bearer,
    ];
    expect(await runDeployCli(['disassociate', ...args], io)).toBe(0);
    expect(await describeFlow(setup.channelArn, setup.bearer)).toBeUndefined();
    expect(await runDeployCli(['associate', ...args], io)).toBe(0);
    expect(await describeFlow(setup.channelArn, setup.bearer)).toBe(setup.channelFlowArn);
  });

  it('works as the command the root `npm run associate` script runs, in its own process', async () => {
    const setup = emulator.setupChannel({ processor: 'script' });
    await disassociateChannelFlow({
      channelArn: setup.channelArn,
      channelFlowArn: setup.channelFlowArn,
      chimeBearer: setup.bearer,
      client,
    });
    // Async on purpose: the emulator answers from this process while the child runs.
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        './scripts/register-ts.mjs',
        'src/cli.ts',
        'associate',
        '--channel-arn',
        setup.channelArn,
        '--channel-flow-arn',
        setup.channelFlowArn,
        '--bearer',
        setup.bearer,
      ],
      { cwd: ROOT, env: { ...process.env, ...emulator.env }, timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      associated: { channelArn: setup.channelArn, channelFlowArn: setup.channelFlowArn },
    });
    expect(await describeFlow(setup.channelArn, setup.bearer)).toBe(setup.channelFlowArn);
  }, 40_000);

  it('exits 1 with the reason when the flow does not exist', async () => {
    const setup = emulator.setupChannel({ processor: 'missing-flow' });
    const error = (await run(
      process.execPath,
      [
        '--import',
        './scripts/register-ts.mjs',
        'src/cli.ts',
        'associate',
        '--channel-arn',
        setup.channelArn,
        '--channel-flow-arn',
        `${setup.appInstanceArn}/channel-flow/does-not-exist`,
        '--bearer',
        setup.bearer,
      ],
      { cwd: ROOT, env: { ...process.env, ...emulator.env }, timeout: 30_000 },
    ).catch((e: unknown) => e)) as { code?: number; stderr?: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(/AssociateChannelFlow failed: \w+Exception/);
  }, 40_000);
});
