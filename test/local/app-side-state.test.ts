// --state keeps the app side too: app instances, users, admins, memberships and moderators survive a restart.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKIdentityClient,
  CreateAppInstanceAdminCommand,
  CreateAppInstanceCommand,
  CreateAppInstanceUserCommand,
  ListAppInstanceAdminsCommand,
  ListAppInstanceUsersCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import {
  CreateChannelCommand,
  CreateChannelMembershipCommand,
  ListChannelMembershipsCommand,
  UpdateChannelCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, startQuietEmulator } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ccf-app-state-'));
let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const identityFor = (e: Emulator) =>
  new ChimeSDKIdentityClient({ endpoint: e.endpoint, region: e.region, credentials: e.credentials, maxAttempts: 1 });

describe('--state with the app side', () => {
  it('keeps app instances, users, admins, memberships and moderators across a restart', async () => {
    const state = join(dir, 'state.json');
    emulator = await startQuietEmulator({ state });
    let identity = identityFor(emulator);
    let messaging = clientFor(emulator);
    const { AppInstanceArn } = await identity.send(
      new CreateAppInstanceCommand({ Name: 'kept', ClientRequestToken: 'kept-app' }),
    );
    const arn = async (id: string) =>
      (
        await identity.send(
          new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: id, Name: id, ClientRequestToken: id }),
        )
      ).AppInstanceUserArn!;
    const [owner, guest, admin] = [await arn('owner'), await arn('guest'), await arn('admin')];
    await identity.send(new CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: admin }));
    const { ChannelArn } = await messaging.send(
      new CreateChannelCommand({ AppInstanceArn, Name: 'room', ChimeBearer: owner, ClientRequestToken: 'room' }),
    );
    await messaging.send(
      new CreateChannelMembershipCommand({ ChannelArn, MemberArn: guest, Type: 'DEFAULT', ChimeBearer: owner }),
    );
    identity.destroy();
    messaging.destroy();
    await emulator.close();

    emulator = await startQuietEmulator({ state });
    identity = identityFor(emulator);
    messaging = clientFor(emulator);
    const users = await identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn }));
    expect(users.AppInstanceUsers?.map((u) => u.Name)).toEqual(['owner', 'guest', 'admin']);
    const admins = await identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn }));
    expect(admins.AppInstanceAdmins?.map((a) => a.Admin?.Arn)).toEqual([admin]);
    const members = await messaging.send(new ListChannelMembershipsCommand({ ChannelArn, ChimeBearer: owner }));
    expect(members.ChannelMemberships?.map((m) => m.Member?.Arn)).toEqual([owner, guest]);
    // The owner is still the channel's moderator; the guest is not.
    await expect(
      messaging.send(new UpdateChannelCommand({ ChannelArn, Name: 'renamed', ChimeBearer: owner })),
    ).resolves.toBeDefined();
    await expect(
      messaging.send(new UpdateChannelCommand({ ChannelArn, Name: 'nope', ChimeBearer: guest })),
    ).rejects.toMatchObject({
      name: 'ForbiddenException',
    });
    identity.destroy();
    messaging.destroy();
  });
});
