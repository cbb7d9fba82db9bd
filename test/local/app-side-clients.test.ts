// boto3 and the aws CLI drive identity and memberships against the emulator, with the
// LocalStack-style credentials test/test (any key is accepted by default).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { Emulator } from '../../src/local/index.js';
import { startQuietEmulator } from './helpers.js';

const run = promisify(execFile);
const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const hasBoto3 = has('python3', ['-c', 'import boto3']);
const hasAwsCli = has('aws', ['--version']);
if (!hasBoto3) console.warn('SKIPPED boto3 app-side test: python3 with boto3 is not installed');
if (!hasAwsCli) console.warn('SKIPPED aws CLI app-side test: the aws CLI is not installed');

const BOTO3_SCRIPT = `
import json, sys, boto3
endpoint = sys.argv[1]
kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
identity = boto3.client('chime-sdk-identity', **kw)
messaging = boto3.client('chime-sdk-messaging', **kw)
app = identity.create_app_instance(Name='boto-app', ClientRequestToken='boto-app-token')['AppInstanceArn']
users = [identity.create_app_instance_user(AppInstanceArn=app, AppInstanceUserId=u, Name=u.title(), ClientRequestToken='t-' + u)['AppInstanceUserArn'] for u in ('ann', 'ben', 'cat')]
identity.create_app_instance_admin(AppInstanceArn=app, AppInstanceAdminArn=users[2])
channel = messaging.create_channel(AppInstanceArn=app, Name='boto-room', ChimeBearer=users[0], ClientRequestToken='room-token')['ChannelArn']
batch = messaging.batch_create_channel_membership(ChannelArn=channel, MemberArns=[users[1]], ChimeBearer=users[0])
member = messaging.describe_channel_membership(ChannelArn=channel, MemberArn=users[1], ChimeBearer=users[0])['ChannelMembership']
listed = messaging.list_channel_memberships(ChannelArn=channel, ChimeBearer=users[0])['ChannelMemberships']
mine = messaging.list_channel_memberships_for_app_instance_user(ChimeBearer=users[1])['ChannelMemberships']
messaging.delete_channel_membership(ChannelArn=channel, MemberArn=users[1], ChimeBearer=users[1])
after = messaging.list_channel_memberships(ChannelArn=channel, ChimeBearer=users[0])['ChannelMemberships']
try:
    messaging.send_channel_message(ChannelArn=channel, Content='hi', Type='STANDARD', Persistence='PERSISTENT', ChimeBearer=users[1])
    outsider = 'sent'
except messaging.exceptions.ForbiddenException:
    outsider = 'ForbiddenException'
admin_sent = messaging.send_channel_message(ChannelArn=channel, Content='from admin', Type='STANDARD', Persistence='PERSISTENT', ChimeBearer=users[2])['Status']['Value']
print(json.dumps({
  'users': [u['Name'] for u in identity.list_app_instance_users(AppInstanceArn=app)['AppInstanceUsers']],
  'admins': [a['Admin']['Arn'] for a in identity.list_app_instance_admins(AppInstanceArn=app)['AppInstanceAdmins']],
  'described': identity.describe_app_instance_user(AppInstanceUserArn=users[0])['AppInstanceUser']['Name'],
  'batch': [m['Arn'] for m in batch['BatchChannelMemberships']['Members']],
  'memberName': member['Member']['Name'], 'invitedBy': member['InvitedBy']['Arn'],
  'listed': sorted(m['Member']['Name'] for m in listed),
  'mine': [m['ChannelSummary']['ChannelArn'] for m in mine],
  'after': [m['Member']['Name'] for m in after],
  'outsider': outsider, 'adminSent': admin_sent, 'users_arns': users, 'channel': channel,
}))
`;

describe('boto3 and the aws CLI on identity and memberships', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startQuietEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const childEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    return env;
  };

  (hasBoto3 ? it : it.skip)(
    'boto3: app instance, users, admin, channel, memberships, leave, and the send rules',
    async () => {
      const { stdout } = await run('python3', ['-c', BOTO3_SCRIPT, emulator.endpoint], { env: childEnv() });
      const result = JSON.parse(stdout) as Record<string, unknown> & { users_arns: string[]; channel: string };
      const [ann, ben, cat] = result.users_arns;
      expect(result).toMatchObject({
        users: ['Ann', 'Ben', 'Cat'],
        admins: [cat],
        described: 'Ann',
        batch: [ben],
        memberName: 'Ben',
        invitedBy: ann,
        // The creator is a member too.
        listed: ['Ann', 'Ben'],
        mine: [result.channel],
        after: ['Ann'],
        // Ben left: he may no longer send; Cat, an AppInstanceAdmin, may send to any channel.
        outsider: 'ForbiddenException',
        adminSent: 'SENT',
      });
    },
    30_000,
  );

  // Each aws CLI run costs seconds of Python start-up: three calls, on an app instance and channel made in state.
  (hasAwsCli ? it : it.skip)(
    'the aws CLI: create a user, add it to a channel, list the memberships',
    async () => {
      const aws = async (service: string, args: string[]) =>
        JSON.parse(
          (
            await run('aws', [service, ...args, '--endpoint-url', emulator.endpoint, '--output', 'json'], {
              env: childEnv(),
            })
          ).stdout || '{}',
        ) as Record<string, unknown>;
      const app = emulator.addAppInstance();
      const { channelArn, bearer } = emulator.setupChannel({
        processor: 'p',
        appInstanceArn: app,
        bearer: `${app}/user/owner`,
      });
      const created = await aws('chime-sdk-identity', [
        'create-app-instance-user',
        '--app-instance-arn',
        app,
        '--app-instance-user-id',
        'guest',
        '--name',
        'Guest',
      ]);
      const guest = created.AppInstanceUserArn as string;
      expect(guest).toBe(`${app}/user/guest`);
      await aws('chime-sdk-messaging', [
        'create-channel-membership',
        '--channel-arn',
        channelArn,
        '--member-arn',
        guest,
        '--type',
        'DEFAULT',
        '--chime-bearer',
        bearer,
      ]);
      const listed = await aws('chime-sdk-messaging', [
        'list-channel-memberships',
        '--channel-arn',
        channelArn,
        '--chime-bearer',
        bearer,
      ]);
      expect(listed.ChannelMemberships).toEqual([
        { Member: { Arn: bearer, Name: 'owner' } },
        { Member: { Arn: guest, Name: 'Guest' } },
      ]);
    },
    60_000,
  );
});
