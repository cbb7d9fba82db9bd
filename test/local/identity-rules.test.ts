import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ChimeSDKIdentityClient,
  CreateAppInstanceAdminCommand,
  CreateAppInstanceCommand,
  CreateAppInstanceUserCommand,
  DeleteAppInstanceCommand,
  DeleteAppInstanceUserCommand,
  DescribeAppInstanceCommand,
  DescribeAppInstanceUserCommand,
  ListAppInstanceAdminsCommand,
  ListAppInstanceUsersCommand,
  ListAppInstancesCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import type { Emulator } from '../../src/local/index.js';
import { rejectionOf, startQuietEmulator } from './helpers.js';

// The chime-sdk-identity side of the emulator as the real SDK v3 identity client sees it:
// idempotent creation, 404 and 409 answers, and paging.
describe('identity operations over the SDK', () => {
  let emulator: Emulator;
  let identity: ChimeSDKIdentityClient;

  const newAppInstance = async (name: string) =>
    (await identity.send(new CreateAppInstanceCommand({ Name: name, ClientRequestToken: crypto.randomUUID() })))
      .AppInstanceArn!;

  beforeAll(async () => {
    emulator = await startQuietEmulator({ appInstances: [] });
    identity = new ChimeSDKIdentityClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    identity.destroy();
    await emulator.close();
  });

  it('answers a repeated CreateAppInstance token with the first app instance', async () => {
    // Prepare
    const input = { Name: 'same', Metadata: 'm', ClientRequestToken: crypto.randomUUID() };
    // Act
    const first = await identity.send(new CreateAppInstanceCommand(input));
    const again = await identity.send(new CreateAppInstanceCommand(input));
    const described = await identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: first.AppInstanceArn }));
    // Assess
    expect(again.AppInstanceArn).toBe(first.AppInstanceArn);
    expect([described.AppInstance?.Name, described.AppInstance?.Metadata]).toEqual(['same', 'm']);
  });

  it('makes a new app instance for the same token once the first is deleted', async () => {
    // Prepare
    const input = { Name: 'gone', ClientRequestToken: crypto.randomUUID() };
    const first = await identity.send(new CreateAppInstanceCommand(input));
    await identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: first.AppInstanceArn }));
    // Act
    const second = await identity.send(new CreateAppInstanceCommand(input));
    const describeGone = await rejectionOf(
      identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: first.AppInstanceArn })),
    );
    // Assess
    expect(second.AppInstanceArn).not.toBe(first.AppInstanceArn);
    expect([describeGone.$metadata.httpStatusCode, describeGone.name]).toEqual([404, 'NotFoundException']);
  });

  it('pages app instances with MaxResults and NextToken', async () => {
    // Prepare
    await newAppInstance('page-a');
    await newAppInstance('page-b');
    await newAppInstance('page-c');
    // Act: walk every page of two
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await identity.send(new ListAppInstancesCommand({ MaxResults: 2, NextToken: token }));
      names.push(...(page.AppInstances ?? []).map((a) => a.Name ?? ''));
      token = page.NextToken;
      pages++;
    } while (token);
    const badToken = await rejectionOf(identity.send(new ListAppInstancesCommand({ NextToken: 'not-a-token' })));
    // Assess
    expect(names).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(new Set(names).size).toBe(names.length);
    expect(pages).toBe(Math.ceil(names.length / 2));
    expect([badToken.$metadata.httpStatusCode, badToken.name]).toEqual([400, 'BadRequestException']);
  });

  it('refuses a second user with the same id (409) and answers 404 for users and app instances not there', async () => {
    // Prepare
    const app = await newAppInstance('users');
    const create = () =>
      identity.send(
        new CreateAppInstanceUserCommand({
          AppInstanceArn: app,
          AppInstanceUserId: 'erin',
          Name: 'Erin',
          ClientRequestToken: crypto.randomUUID(),
        }),
      );
    const { AppInstanceUserArn } = await create();
    // Act
    const duplicate = await rejectionOf(create());
    await identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn }));
    const describeDeleted = await rejectionOf(
      identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn })),
    );
    const deleteAgain = await rejectionOf(identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn })));
    const missingApp = `${app}-missing`;
    const userInMissing = await rejectionOf(
      identity.send(
        new CreateAppInstanceUserCommand({
          AppInstanceArn: missingApp,
          AppInstanceUserId: 'x',
          Name: 'x',
          ClientRequestToken: crypto.randomUUID(),
        }),
      ),
    );
    // Assess
    expect([duplicate.$metadata.httpStatusCode, duplicate.name]).toEqual([409, 'ConflictException']);
    for (const error of [describeDeleted, deleteAgain, userInMissing])
      expect([error.$metadata.httpStatusCode, error.name]).toEqual([404, 'NotFoundException']);
  });

  it('lists users and admins of one app instance, a page at a time', async () => {
    // Prepare
    const app = await newAppInstance('listing');
    for (const id of ['u1', 'u2', 'u3'])
      await identity.send(
        new CreateAppInstanceUserCommand({
          AppInstanceArn: app,
          AppInstanceUserId: id,
          Name: id,
          Metadata: `meta-${id}`,
          ClientRequestToken: crypto.randomUUID(),
        }),
      );
    await identity.send(
      new CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: `${app}/user/u1` }),
    );
    await identity.send(
      new CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: `${app}/user/u2` }),
    );
    // Act
    const users1 = await identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn: app, MaxResults: 2 }));
    const users2 = await identity.send(
      new ListAppInstanceUsersCommand({ AppInstanceArn: app, MaxResults: 2, NextToken: users1.NextToken }),
    );
    const admins1 = await identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn: app, MaxResults: 1 }));
    const admins2 = await identity.send(
      new ListAppInstanceAdminsCommand({ AppInstanceArn: app, MaxResults: 1, NextToken: admins1.NextToken }),
    );
    const adminsOfMissing = await rejectionOf(
      identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn: `${app}-missing` })),
    );
    // Assess
    expect([...(users1.AppInstanceUsers ?? []), ...(users2.AppInstanceUsers ?? [])].map((u) => u.Metadata)).toEqual([
      'meta-u1',
      'meta-u2',
      'meta-u3',
    ]);
    expect(users2.NextToken).toBeUndefined();
    expect(
      [...(admins1.AppInstanceAdmins ?? []), ...(admins2.AppInstanceAdmins ?? [])].map((a) => a.Admin?.Name),
    ).toEqual(['u1', 'u2']);
    expect([adminsOfMissing.$metadata.httpStatusCode, adminsOfMissing.name]).toEqual([404, 'NotFoundException']);
  });

  it('deletes an app instance together with its users and admins', async () => {
    // Prepare
    const app = await newAppInstance('doomed');
    const { AppInstanceUserArn } = await identity.send(
      new CreateAppInstanceUserCommand({
        AppInstanceArn: app,
        AppInstanceUserId: 'frank',
        Name: 'Frank',
        ClientRequestToken: crypto.randomUUID(),
      }),
    );
    await identity.send(
      new CreateAppInstanceAdminCommand({ AppInstanceArn: app, AppInstanceAdminArn: AppInstanceUserArn }),
    );
    // Act
    await identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: app }));
    const gone = await rejectionOf(identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn: app })));
    // The same ARN made again starts empty: nothing of the deleted instance came back with it.
    emulator.addAppInstance({ appInstanceArn: app });
    const user = await rejectionOf(identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn })));
    const admins = await identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn: app }));
    // Assess
    expect([gone.$metadata.httpStatusCode, gone.name]).toEqual([404, 'NotFoundException']);
    expect([user.$metadata.httpStatusCode, user.name]).toEqual([404, 'NotFoundException']);
    expect(admins.AppInstanceAdmins).toEqual([]);
  });
});
