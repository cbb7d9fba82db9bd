import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { channelFlowProcessor, noChange, update } from '../../src/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { Emulator } from '../../src/local/index.js';
import { APP, STRICT_CREDENTIALS, USER, startQuietEmulator } from './helpers.js';

const run = promisify(execFile);
const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const hasBoto3 = has('python3', ['-c', 'import boto3']);
const hasAwsCli = has('aws', ['--version']);
if (!hasBoto3 && !hasAwsCli) {
  // eslint-disable-next-line no-console
  console.warn('SKIPPED independent-client tests: neither python3+boto3 nor the aws CLI is installed');
}

// boto3 drives the whole flow: create flow and channel, associate, send, wait for the processor, read back.
const BOTO3_SCRIPT = `
import json, os, sys, time, boto3, botocore
endpoint, app, user, secret = sys.argv[1:5]
client = boto3.client('chime-sdk-messaging', endpoint_url=endpoint, region_name=os.environ['AWS_REGION'],
    aws_access_key_id=os.environ['AWS_ACCESS_KEY_ID'], aws_secret_access_key=secret)
out = {}
try:
    flow = client.create_channel_flow(AppInstanceArn=app, Name='boto-flow', Processors=[{'Name': 'mask', 'ExecutionOrder': 1, 'FallbackAction': 'CONTINUE',
        'Configuration': {'Lambda': {'ResourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:mask', 'InvocationType': 'ASYNC'}}}])
    channel = client.create_channel(AppInstanceArn=app, Name='boto-channel', ChimeBearer=user)
    client.associate_channel_flow(ChannelArn=channel['ChannelArn'], ChannelFlowArn=flow['ChannelFlowArn'], ChimeBearer=user)
    sent = client.send_channel_message(ChannelArn=channel['ChannelArn'], Content='oh darn', Type='STANDARD', Persistence='PERSISTENT', ChimeBearer=user)
    out['sendStatus'] = sent['Status']['Value']
    for _ in range(200):
        status = client.get_channel_message_status(ChannelArn=channel['ChannelArn'], MessageId=sent['MessageId'], ChimeBearer=user)['Status']['Value']
        if status != 'PENDING':
            break
        time.sleep(0.02)
    out['finalStatus'] = status
    got = client.get_channel_message(ChannelArn=channel['ChannelArn'], MessageId=sent['MessageId'], ChimeBearer=user)['ChannelMessage']
    out['content'] = got['Content']
    out['createdIsDatetime'] = hasattr(got['CreatedTimestamp'], 'year')
    listed = client.list_channel_messages(ChannelArn=channel['ChannelArn'], ChimeBearer=user)
    out['listed'] = [m['Content'] for m in listed['ChannelMessages']]
    out['channelArn'] = channel['ChannelArn']
except botocore.exceptions.ClientError as e:
    out['error'] = e.response['Error']['Code']
    out['status'] = e.response['ResponseMetadata']['HTTPStatusCode']
print(json.dumps(out))
`;

describe('independent clients agree with the emulator', () => {
  let emulator: Emulator;
  const mask = channelFlowProcessor(
    (message) =>
      message.Content.includes('darn') ? update({ content: message.Content.replaceAll('darn', '****') }) : noChange(),
    { logger: silentLogger },
  );

  beforeAll(async () => {
    // Strict mode, so a wrong secret is refused.
    emulator = await startQuietEmulator({ processors: { mask }, credentials: STRICT_CREDENTIALS });
  });
  afterAll(async () => {
    await emulator.close();
  });

  // Only the emulator's local credentials: no profile, no session token, no config files.
  const childEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...emulator.env,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    return env;
  };

  (hasBoto3 ? it : it.skip)(
    'boto3 runs the whole flow through a processor and reads the masked message back',
    async () => {
      const { stdout } = await run(
        'python3',
        ['-c', BOTO3_SCRIPT, emulator.endpoint, APP, USER, emulator.credentials.secretAccessKey],
        { env: childEnv() },
      );
      const result = JSON.parse(stdout) as Record<string, unknown>;
      expect(result).toMatchObject({
        sendStatus: 'PENDING',
        finalStatus: 'SENT',
        content: 'oh ****',
        listed: ['oh ****'],
        createdIsDatetime: true,
      });
    },
  );

  (hasBoto3 ? it : it.skip)('boto3 with a wrong secret gets 401 UnauthorizedClientException', async () => {
    const { stdout } = await run('python3', ['-c', BOTO3_SCRIPT, emulator.endpoint, APP, USER, 'wrong-secret'], {
      env: childEnv(),
    });
    expect(JSON.parse(stdout)).toEqual({ error: 'UnauthorizedClientException', status: 401 });
  });

  (hasAwsCli ? it : it.skip)(
    'the aws CLI creates and describes a channel, and fails with a wrong secret',
    async () => {
      const aws = (args: string[], env: NodeJS.ProcessEnv) =>
        run('aws', ['chime-sdk-messaging', ...args, '--endpoint-url', emulator.endpoint, '--output', 'json'], { env });
      const created = JSON.parse(
        (
          await aws(
            ['create-channel', '--app-instance-arn', APP, '--name', 'cli-channel', '--chime-bearer', USER],
            childEnv(),
          )
        ).stdout,
      ) as { ChannelArn: string };
      expect(created.ChannelArn.startsWith(`${APP}/channel/`)).toBe(true);
      const described = JSON.parse(
        (await aws(['describe-channel', '--channel-arn', created.ChannelArn, '--chime-bearer', USER], childEnv()))
          .stdout,
      ) as { Channel: { Name: string } };
      expect(described.Channel.Name).toBe('cli-channel');
      const refused = await aws(['describe-channel', '--channel-arn', created.ChannelArn, '--chime-bearer', USER], {
        ...childEnv(),
        AWS_SECRET_ACCESS_KEY: 'wrong',
      }).then(
        () => undefined,
        (error: { stderr: string; code: number }) => error,
      );
      expect(refused?.stderr).toMatch(/UnauthorizedClientException/);
      // Three aws CLI processes: each starts Python and botocore, seconds apiece on a busy machine.
    },
    60_000,
  );
});
