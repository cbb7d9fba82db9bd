import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AssociateChannelFlowCommand,
  ChimeSDKMessagingClient,
  DisassociateChannelFlowCommand,
  ForbiddenException,
} from '@aws-sdk/client-chime-sdk-messaging';
import { runDeployCli } from '../../src/deploy/cli.js';
import type { CliIo } from '../../src/deploy/cli.js';

const APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1';
const CHANNEL = `${APP}/channel/room-1`;
const FLOW = `${APP}/channel-flow/flow-1`;
const BEARER = `${APP}/user/admin`;

const messaging = mockClient(ChimeSDKMessagingClient);
const client = new ChimeSDKMessagingClient({ region: 'us-east-1' });

function io(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env, client };
}

beforeEach(() => {
  messaging.reset();
  messaging.on(AssociateChannelFlowCommand).resolves({});
  messaging.on(DisassociateChannelFlowCommand).resolves({});
});

describe('deploy CLI', () => {
  it('associates from flags and prints JSON', async () => {
    const streams = io();
    const code = await runDeployCli(
      ['associate', '--channel-arn', CHANNEL, '--channel-flow-arn', FLOW, '--bearer', BEARER],
      streams,
    );
    expect(code).toBe(0);
    expect(JSON.parse(streams.stdout[0] ?? '')).toEqual({ associated: { channelArn: CHANNEL, channelFlowArn: FLOW } });
    expect(messaging.commandCalls(AssociateChannelFlowCommand)[0]?.args[0].input).toEqual({
      ChannelArn: CHANNEL,
      ChannelFlowArn: FLOW,
      ChimeBearer: BEARER,
    });
  });

  it('falls back to CHANNEL_ARN, CHANNEL_FLOW_ARN and CHIME_BEARER', async () => {
    const streams = io({ CHANNEL_ARN: CHANNEL, CHANNEL_FLOW_ARN: FLOW, CHIME_BEARER: BEARER });
    expect(await runDeployCli(['disassociate'], streams)).toBe(0);
    expect(messaging.commandCalls(DisassociateChannelFlowCommand)).toHaveLength(1);
    expect(JSON.parse(streams.stdout[0] ?? '')).toHaveProperty('disassociated');
  });

  it('flags win over the environment', async () => {
    const other = `${APP}/channel/room-2`;
    await runDeployCli(
      ['associate', '--channel-arn', other],
      io({ CHANNEL_ARN: CHANNEL, CHANNEL_FLOW_ARN: FLOW, CHIME_BEARER: BEARER }),
    );
    expect(messaging.commandCalls(AssociateChannelFlowCommand)[0]?.args[0].input.ChannelArn).toBe(other);
  });

  it.each([[[]], [['frobnicate']], [['associate', 'extra']], [['associate', '--no-such-flag']]])(
    'exits 2 with the usage for %j',
    async (argv) => {
      const streams = io();
      expect(await runDeployCli(argv, streams)).toBe(2);
      expect(streams.stderr.join('\n')).toContain('Usage:');
      expect(messaging.calls()).toHaveLength(0);
    },
  );

  it('prints the usage on --help and exits 0', async () => {
    const streams = io();
    expect(await runDeployCli(['--help'], streams)).toBe(0);
    expect(streams.stdout.join('\n')).toContain('associate');
  });

  it('exits 1 naming the missing argument', async () => {
    const streams = io();
    expect(await runDeployCli(['associate', '--channel-arn', CHANNEL, '--bearer', BEARER], streams)).toBe(1);
    expect(streams.stderr.join('\n')).toContain('channelFlowArn');
    expect(messaging.calls()).toHaveLength(0);
  });

  it('exits 1 with the hint when the service refuses', async () => {
    messaging
      .on(AssociateChannelFlowCommand)
      .rejects(new ForbiddenException({ message: 'denied', $metadata: { httpStatusCode: 403 } }));
    const streams = io();
    expect(
      await runDeployCli(
        ['associate', '--channel-arn', CHANNEL, '--channel-flow-arn', FLOW, '--bearer', BEARER],
        streams,
      ),
    ).toBe(1);
    expect(streams.stderr.join('\n')).toMatch(/ForbiddenException.*moderator/s);
  });
});
