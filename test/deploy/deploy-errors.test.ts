// What a user of the deploy helpers reads when something is off: ARNs of the wrong kind, association
// failures without an HTTP answer or with an error the hints do not know, and the CLI on missing input
// and on failures that are not the package's own.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { AssociateChannelFlowCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { runDeployCli } from '../../src/deploy/cli.js';
import type { CliIo } from '../../src/deploy/cli.js';
import {
  ChannelFlowAssociationError,
  InvalidArnError,
  parseAppInstanceArn,
  parseBearerArn,
} from '../../src/deploy/index.js';

const APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1';
const CHANNEL = `${APP}/channel/room-1`;
const FLOW = `${APP}/channel-flow/flow-1`;
const BEARER = `${APP}/user/admin`;

describe('ARNs of the wrong kind', () => {
  it('refuses a bearer that is not an app instance user or bot', () => {
    expect(() => parseBearerArn(`${APP}/channel/room-1`)).toThrow(
      new InvalidArnError(
        'chimeBearer',
        'expected an app instance user or bot: app-instance/ID/user/ID or app-instance/ID/bot/ID',
      ),
    );
    expect(parseBearerArn(`${APP}/bot/helper`).appInstanceArn).toBe(APP);
  });

  it('refuses an app instance ARN with more than an app instance in it', () => {
    expect(() => parseAppInstanceArn(`${APP}/user/admin`)).toThrow(
      new InvalidArnError('appInstanceArn', 'expected app-instance/ID'),
    );
  });
});

describe('ChannelFlowAssociationError', () => {
  it('names the error without a status when there was no HTTP answer', () => {
    // Act
    const error = new ChannelFlowAssociationError(
      'AssociateChannelFlow',
      Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' }),
    );
    // Assess
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toBe(
      'AssociateChannelFlow failed: TimeoutError. See the AssociateChannelFlow API reference for this error.',
    );
  });

  it('names a thrown value that is not an Error "Error", and points at the API reference', () => {
    // Act
    const error = new ChannelFlowAssociationError('DisassociateChannelFlow', undefined);
    // Assess
    expect([error.errorName, error.hint]).toEqual([
      'Error',
      'See the DisassociateChannelFlow API reference for this error.',
    ]);
    expect(error.message).toBe(
      'DisassociateChannelFlow failed: Error. See the DisassociateChannelFlow API reference for this error.',
    );
  });
});

describe('deploy CLI input and unexpected failures', () => {
  const messaging = mockClient(ChimeSDKMessagingClient);
  const client = new ChimeSDKMessagingClient({ region: 'us-east-1' });
  const io = (env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), env, client };
  };
  const all = ['associate', '--channel-arn', CHANNEL, '--channel-flow-arn', FLOW, '--bearer', BEARER];

  beforeEach(() => {
    messaging.reset();
  });

  it('exits 1 naming the channel ARN when nothing gives it, and the bearer when only it is missing', async () => {
    // Prepare
    const none = io();
    const noBearer = io({ CHANNEL_ARN: CHANNEL, CHANNEL_FLOW_ARN: FLOW });
    // Act
    const codes = [await runDeployCli(['associate'], none), await runDeployCli(['associate'], noBearer)];
    // Assess
    expect(codes).toEqual([1, 1]);
    expect(none.stderr.join('\n')).toMatch(/channelArn.*missing/);
    expect(noBearer.stderr.join('\n')).toMatch(/chimeBearer.*missing/);
    expect(messaging.calls()).toHaveLength(0);
  });

  it('reports a failure of any kind inside the SDK as the association error, with the generic hint', async () => {
    // Prepare
    messaging
      .on(AssociateChannelFlowCommand)
      .callsFakeOnce(() => {
        throw new RangeError('unexpected inside the SDK');
      })
      .callsFakeOnce(() => {
        throw 'a bare string';
      });
    const first = io();
    const second = io();
    // Act
    const codes = [await runDeployCli(all, first), await runDeployCli(all, second)];
    // Assess
    expect(codes).toEqual([1, 1]);
    expect(first.stderr).toEqual([
      'AssociateChannelFlow failed: RangeError. See the AssociateChannelFlow API reference for this error.',
    ]);
    expect(second.stderr).toEqual([
      'AssociateChannelFlow failed: Error. See the AssociateChannelFlow API reference for this error.',
    ]);
  });
});
