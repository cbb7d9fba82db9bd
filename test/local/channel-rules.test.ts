import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssociateChannelFlowCommand,
  BatchCreateChannelMembershipCommand,
  CreateChannelCommand,
  CreateChannelFlowCommand,
  CreateChannelMembershipCommand,
  DeleteChannelCommand,
  DeleteChannelMembershipCommand,
  DeleteChannelMessageCommand,
  DescribeChannelCommand,
  DescribeChannelMembershipCommand,
  DisassociateChannelFlowCommand,
  GetChannelMessageCommand,
  GetChannelMessageStatusCommand,
  ListChannelMembershipsCommand,
  ListChannelMembershipsForAppInstanceUserCommand,
  ListChannelMessagesCommand,
  ListChannelsAssociatedWithChannelFlowCommand,
  ListChannelsCommand,
  RedactChannelMessageCommand,
  SendChannelMessageCommand,
  UpdateChannelCommand,
  UpdateChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, lambdaArn, rejectionOf, startQuietEmulator } from './helpers.js';

// Who may do what on a channel, and the edge answers of the message operations, as real SDK v3
// clients see them over HTTP. One app instance with three users and an admin; no flows unless a
// test adds one.
const HOME = 'arn:aws:chime:us-east-1:123456789012:app-instance/rules-app';
const OTHER_APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/rules-other';
const ALICE = `${HOME}/user/alice`;
const BOB = `${HOME}/user/bob`;
const CAROL = `${HOME}/user/carol`;
const ADMIN = `${HOME}/user/admin`;

const statusAndName = (error: { name: string; $metadata: { httpStatusCode?: number } }) => [
  error.$metadata.httpStatusCode,
  error.name,
];

describe('channel, membership and message rules over the SDK', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;

  const newChannel = async (extra: Partial<ConstructorParameters<typeof CreateChannelCommand>[0]> = {}) =>
    (
      await client.send(
        new CreateChannelCommand({
          AppInstanceArn: HOME,
          Name: 'room',
          ChimeBearer: ALICE,
          ClientRequestToken: crypto.randomUUID(),
          ...extra,
        }),
      )
    ).ChannelArn!;
  const send = async (channelArn: string, bearer: string, extra: Record<string, unknown> = {}) =>
    (
      await client.send(
        new SendChannelMessageCommand({
          ChannelArn: channelArn,
          ChimeBearer: bearer,
          Content: 'hello',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
          ClientRequestToken: crypto.randomUUID(),
          ...extra,
        }),
      )
    ).MessageId!;

  beforeAll(async () => {
    emulator = await startQuietEmulator({
      processors: { manual: async () => undefined },
    });
    emulator.addAppInstance({ appInstanceArn: HOME, users: [ALICE, BOB, CAROL, ADMIN], admins: [ADMIN] });
    emulator.addAppInstance({ appInstanceArn: OTHER_APP, users: [`${OTHER_APP}/user/dave`] });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  describe('channels', () => {
    it('answers a repeated CreateChannel token with the first channel, and a taken ChannelId with 409', async () => {
      // Prepare
      const token = crypto.randomUUID();
      const input = { AppInstanceArn: HOME, Name: 'twice', ChimeBearer: ALICE, ClientRequestToken: token };
      // Act
      const first = await client.send(new CreateChannelCommand(input));
      const again = await client.send(new CreateChannelCommand(input));
      const fixed = await newChannel({ ChannelId: 'fixed-id' });
      const taken = await rejectionOf(newChannel({ ChannelId: 'fixed-id' }));
      // Assess
      expect(again.ChannelArn).toBe(first.ChannelArn);
      expect(fixed).toBe(`${HOME}/channel/fixed-id`);
      expect(statusAndName(taken)).toEqual([409, 'ConflictException']);
    });

    it('refuses a channel in an app instance that does not exist with 400', async () => {
      const missing = 'arn:aws:chime:us-east-1:123456789012:app-instance/never-made';
      const error = await rejectionOf(
        client.send(
          new CreateChannelCommand({
            AppInstanceArn: missing,
            Name: 'x',
            ChimeBearer: `${missing}/user/alice`,
            ClientRequestToken: crypto.randomUUID(),
          }),
        ),
      );
      expect(statusAndName(error)).toEqual([400, 'BadRequestException']);
      expect(error.message).toContain('CreateAppInstance');
    });

    it('makes MemberArns members and ModeratorArns moderators at creation', async () => {
      // Prepare
      const channelArn = await newChannel({ MemberArns: [BOB], ModeratorArns: [CAROL] });
      // Act: CAROL (moderator) may rename; BOB (member) may not
      await client.send(new UpdateChannelCommand({ ChannelArn: channelArn, Name: 'renamed', ChimeBearer: CAROL }));
      const refused = await rejectionOf(
        client.send(new UpdateChannelCommand({ ChannelArn: channelArn, Name: 'nope', ChimeBearer: BOB })),
      );
      const members = await client.send(
        new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: BOB }),
      );
      // Assess
      expect(statusAndName(refused)).toEqual([403, 'ForbiddenException']);
      expect(members.ChannelMemberships?.map((m) => m.Member?.Arn).sort()).toEqual(
        [ALICE, ADMIN, BOB, CAROL].filter((a) => a !== ADMIN).sort(),
      );
    });

    it('changes only the fields UpdateChannel names', async () => {
      // Prepare
      const channelArn = await newChannel({ Metadata: 'm0', Mode: 'UNRESTRICTED' });
      // Act
      await client.send(new UpdateChannelCommand({ ChannelArn: channelArn, Name: 'only-name', ChimeBearer: ALICE }));
      const afterName = (await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: ALICE })))
        .Channel;
      await client.send(
        new UpdateChannelCommand({ ChannelArn: channelArn, Mode: 'RESTRICTED', Metadata: 'm1', ChimeBearer: ALICE }),
      );
      const afterAll = (await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: ALICE })))
        .Channel;
      // Assess
      expect([afterName?.Name, afterName?.Mode, afterName?.Metadata]).toEqual(['only-name', 'UNRESTRICTED', 'm0']);
      expect([afterAll?.Name, afterAll?.Mode, afterAll?.Metadata]).toEqual(['only-name', 'RESTRICTED', 'm1']);
    });

    it('deletes a channel that holds messages: describing it afterwards is 403, as for any channel not there (DescribeChannel models no 404)', async () => {
      // Prepare
      const channelArn = await newChannel();
      await send(channelArn, ALICE);
      // Act
      await client.send(new DeleteChannelCommand({ ChannelArn: channelArn, ChimeBearer: ALICE }));
      const error = await rejectionOf(
        client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: ALICE })),
      );
      // Assess
      expect(statusAndName(error)).toEqual([403, 'ForbiddenException']);
    });

    it('lists private channels to admins only, a page at a time', async () => {
      // Prepare: a fresh app instance so the listing holds only these channels
      const app = emulator.addAppInstance({ users: [`${HOME}/user/alice`], admins: [ADMIN] });
      const make = (name: string) =>
        client.send(
          new CreateChannelCommand({
            AppInstanceArn: app,
            Name: name,
            Privacy: 'PRIVATE',
            ChimeBearer: ADMIN,
            ClientRequestToken: crypto.randomUUID(),
          }),
        );
      await make('p1');
      await make('p2');
      // Act
      const refused = await rejectionOf(
        client.send(new ListChannelsCommand({ AppInstanceArn: app, Privacy: 'PRIVATE', ChimeBearer: ALICE })),
      );
      const first = await client.send(
        new ListChannelsCommand({ AppInstanceArn: app, Privacy: 'PRIVATE', ChimeBearer: ADMIN, MaxResults: 1 }),
      );
      const second = await client.send(
        new ListChannelsCommand({
          AppInstanceArn: app,
          Privacy: 'PRIVATE',
          ChimeBearer: ADMIN,
          MaxResults: 1,
          NextToken: first.NextToken,
        }),
      );
      const publicOnes = await client.send(new ListChannelsCommand({ AppInstanceArn: app, ChimeBearer: ALICE }));
      // Assess
      expect(statusAndName(refused)).toEqual([403, 'ForbiddenException']);
      expect(first.NextToken).toBeDefined();
      expect([...(first.Channels ?? []), ...(second.Channels ?? [])].map((c) => c.Name).sort()).toEqual(['p1', 'p2']);
      expect(second.NextToken).toBeUndefined();
      expect(publicOnes.Channels).toEqual([]);
    });
  });

  describe('channel flow associations', () => {
    const flowIn = async (app: string, bearer: string) =>
      (
        await client.send(
          new CreateChannelFlowCommand({
            AppInstanceArn: app,
            Name: 'rules-flow',
            ClientRequestToken: crypto.randomUUID(),
            Processors: [
              {
                Name: 'manual',
                ExecutionOrder: 1,
                FallbackAction: 'CONTINUE',
                Configuration: { Lambda: { ResourceArn: lambdaArn('manual'), InvocationType: 'ASYNC' } },
              },
            ],
          }),
        )
      ).ChannelFlowArn ?? `${bearer}-none`;

    it('refuses a second flow (409), a flow of another app instance (400) and unknown ones (404)', async () => {
      // Prepare
      const channelArn = await newChannel();
      const flowA = await flowIn(HOME, ALICE);
      const flowB = await flowIn(HOME, ALICE);
      const foreign = await flowIn(OTHER_APP, ALICE);
      await client.send(
        new AssociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: flowA, ChimeBearer: ALICE }),
      );
      // Act
      const second = await rejectionOf(
        client.send(
          new AssociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: flowB, ChimeBearer: ALICE }),
        ),
      );
      const again = await client.send(
        new AssociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: flowA, ChimeBearer: ALICE }),
      );
      const other = await newChannel();
      const crossApp = await rejectionOf(
        client.send(
          new AssociateChannelFlowCommand({ ChannelArn: other, ChannelFlowArn: foreign, ChimeBearer: ALICE }),
        ),
      );
      const unknown = await rejectionOf(
        client.send(
          new AssociateChannelFlowCommand({ ChannelArn: other, ChannelFlowArn: `${flowA}x`, ChimeBearer: ALICE }),
        ),
      );
      const wrongDisassociation = await rejectionOf(
        client.send(
          new DisassociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: flowB, ChimeBearer: ALICE }),
        ),
      );
      const listed = await client.send(new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: flowA }));
      // Assess
      expect(statusAndName(second)).toEqual([409, 'ConflictException']);
      expect(again.$metadata.httpStatusCode).toBe(200);
      expect(statusAndName(crossApp)).toEqual([400, 'BadRequestException']);
      expect(statusAndName(unknown)).toEqual([404, 'NotFoundException']);
      expect(statusAndName(wrongDisassociation)).toEqual([404, 'NotFoundException']);
      expect(listed.Channels?.map((c) => c.ChannelArn)).toEqual([channelArn]);
    });
  });

  describe('memberships', () => {
    it('lets only moderators add members to a RESTRICTED channel, and only members to an UNRESTRICTED one', async () => {
      // Prepare
      const restricted = await newChannel({ Mode: 'RESTRICTED', MemberArns: [BOB] });
      const open = await newChannel();
      // Act
      const byMember = await rejectionOf(
        client.send(
          new CreateChannelMembershipCommand({
            ChannelArn: restricted,
            MemberArn: CAROL,
            Type: 'DEFAULT',
            ChimeBearer: BOB,
          }),
        ),
      );
      const byModerator = await client.send(
        new CreateChannelMembershipCommand({
          ChannelArn: restricted,
          MemberArn: CAROL,
          Type: 'DEFAULT',
          ChimeBearer: ALICE,
        }),
      );
      const byOutsider = await rejectionOf(
        client.send(
          new CreateChannelMembershipCommand({ ChannelArn: open, MemberArn: CAROL, Type: 'DEFAULT', ChimeBearer: BOB }),
        ),
      );
      // Assess
      expect(statusAndName(byMember)).toEqual([403, 'ForbiddenException']);
      expect(byModerator.Member?.Arn).toBe(CAROL);
      expect(statusAndName(byOutsider)).toEqual([403, 'ForbiddenException']);
    });

    it('adds a batch as DEFAULT members when no Type is given, keeping existing memberships as they were', async () => {
      // Prepare
      const channelArn = await newChannel();
      await client.send(
        new CreateChannelMembershipCommand({
          ChannelArn: channelArn,
          MemberArn: BOB,
          Type: 'HIDDEN',
          ChimeBearer: ALICE,
        }),
      );
      // Act
      const batch = await client.send(
        new BatchCreateChannelMembershipCommand({
          ChannelArn: channelArn,
          MemberArns: [BOB, CAROL],
          ChimeBearer: ALICE,
        }),
      );
      const bob = await client.send(
        new DescribeChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: BOB, ChimeBearer: ALICE }),
      );
      const hidden = await client.send(
        new ListChannelMembershipsCommand({ ChannelArn: channelArn, Type: 'HIDDEN', ChimeBearer: ALICE }),
      );
      // Assess
      expect(batch.BatchChannelMemberships?.Type).toBe('DEFAULT');
      expect(batch.BatchChannelMemberships?.Members?.map((m) => m.Arn)).toEqual([BOB, CAROL]);
      expect(batch.Errors).toEqual([]);
      expect(bob.ChannelMembership?.Type).toBe('HIDDEN');
      expect(hidden.ChannelMemberships?.map((m) => m.Member?.Arn)).toEqual([BOB]);
    });

    it('pages memberships, answers 404 for a non-member and lets only moderators remove others', async () => {
      // Prepare
      const channelArn = await newChannel({ MemberArns: [BOB, CAROL] });
      // Act
      const first = await client.send(
        new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: ALICE, MaxResults: 2 }),
      );
      const rest = await client.send(
        new ListChannelMembershipsCommand({
          ChannelArn: channelArn,
          ChimeBearer: ALICE,
          MaxResults: 2,
          NextToken: first.NextToken,
        }),
      );
      const notMember = await rejectionOf(
        client.send(
          new DescribeChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: ADMIN, ChimeBearer: ALICE }),
        ),
      );
      const removeOther = await rejectionOf(
        client.send(new DeleteChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: CAROL, ChimeBearer: BOB })),
      );
      await client.send(
        new DeleteChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: BOB, ChimeBearer: BOB }),
      );
      const left = await rejectionOf(
        client.send(
          new DescribeChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: BOB, ChimeBearer: ALICE }),
        ),
      );
      // Assess
      expect(first.ChannelMemberships).toHaveLength(2);
      expect(rest.ChannelMemberships).toHaveLength(1);
      expect(rest.NextToken).toBeUndefined();
      expect(statusAndName(notMember)).toEqual([404, 'NotFoundException']);
      expect(statusAndName(removeOther)).toEqual([403, 'ForbiddenException']);
      expect(statusAndName(left)).toEqual([404, 'NotFoundException']);
    });

    it("lists a user's own memberships, and another user's only to an admin", async () => {
      // Prepare: a user in exactly two channels
      const dan = `${HOME}/user/dan-${crypto.randomUUID().slice(0, 8)}`;
      emulator.addAppInstance({ appInstanceArn: HOME, users: [dan] });
      await newChannel({ MemberArns: [dan], Name: 'one' });
      await newChannel({ MemberArns: [dan], Name: 'two' });
      // Act
      const own = await client.send(
        new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: dan, MaxResults: 1 }),
      );
      const ownRest = await client.send(
        new ListChannelMembershipsForAppInstanceUserCommand({
          ChimeBearer: dan,
          MaxResults: 1,
          NextToken: own.NextToken,
        }),
      );
      const byPeer = await rejectionOf(
        client.send(new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: BOB, AppInstanceUserArn: dan })),
      );
      const byAdmin = await client.send(
        new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: ADMIN, AppInstanceUserArn: dan }),
      );
      // Assess
      expect(own.NextToken).toBeDefined();
      expect(
        [...(own.ChannelMemberships ?? []), ...(ownRest.ChannelMemberships ?? [])]
          .map((m) => m.ChannelSummary?.Name)
          .sort(),
      ).toEqual(['one', 'two']);
      expect(statusAndName(byPeer)).toEqual([403, 'ForbiddenException']);
      expect(byAdmin.ChannelMemberships?.map((m) => m.AppInstanceUserMembershipSummary?.Type)).toEqual([
        'DEFAULT',
        'DEFAULT',
      ]);
    });
  });

  describe('messages', () => {
    it('refuses Metadata on a CONTROL message with 400', async () => {
      const channelArn = await newChannel();
      const error = await rejectionOf(send(channelArn, ALICE, { Type: 'CONTROL', Content: 'ctl', Metadata: 'm' }));
      expect(statusAndName(error)).toEqual([400, 'BadRequestException']);
      expect(error.message).toContain('Metadata');
    });

    it('answers a repeated ClientRequestToken with the first message instead of a second one', async () => {
      // Prepare
      const channelArn = await newChannel();
      const token = crypto.randomUUID();
      // Act
      const first = await send(channelArn, ALICE, { ClientRequestToken: token });
      const second = await send(channelArn, ALICE, { ClientRequestToken: token, Content: 'different' });
      const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: ALICE }));
      // Assess
      expect(second).toBe(first);
      expect(listed.ChannelMessages?.map((m) => m.Content)).toEqual(['hello']);
    });

    it('lets only the sender edit or read the status of a message; an edit keeps or replaces metadata as given', async () => {
      // Prepare
      const channelArn = await newChannel({ MemberArns: [BOB] });
      const messageId = await send(channelArn, ALICE, { Metadata: 'meta-0', ContentType: 'text/plain' });
      // Act
      const byOther = await rejectionOf(
        client.send(
          new UpdateChannelMessageCommand({
            ChannelArn: channelArn,
            MessageId: messageId,
            Content: 'x',
            ChimeBearer: BOB,
          }),
        ),
      );
      const statusByOther = await rejectionOf(
        client.send(
          new GetChannelMessageStatusCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: BOB }),
        ),
      );
      await client.send(
        new UpdateChannelMessageCommand({
          ChannelArn: channelArn,
          MessageId: messageId,
          Content: 'edit-1',
          ChimeBearer: ALICE,
        }),
      );
      const kept = (
        await client.send(
          new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: ALICE }),
        )
      ).ChannelMessage;
      await client.send(
        new UpdateChannelMessageCommand({
          ChannelArn: channelArn,
          MessageId: messageId,
          Content: 'edit-2',
          Metadata: 'meta-2',
          ContentType: 'text/markdown',
          ChimeBearer: ALICE,
        }),
      );
      const replaced = (
        await client.send(
          new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: ALICE }),
        )
      ).ChannelMessage;
      // Assess
      expect(statusAndName(byOther)).toEqual([403, 'ForbiddenException']);
      expect(statusAndName(statusByOther)).toEqual([403, 'ForbiddenException']);
      expect([kept?.Content, kept?.Metadata, kept?.ContentType, kept?.Status?.Value]).toEqual([
        'edit-1',
        'meta-0',
        'text/plain',
        'SENT',
      ]);
      expect(kept?.LastEditedTimestamp).toBeInstanceOf(Date);
      expect([replaced?.Content, replaced?.Metadata, replaced?.ContentType]).toEqual([
        'edit-2',
        'meta-2',
        'text/markdown',
      ]);
    });

    it('never stores a NON_PERSISTENT message for reading back', async () => {
      const channelArn = await newChannel();
      const messageId = await send(channelArn, ALICE, { Persistence: 'NON_PERSISTENT' });
      const error = await rejectionOf(
        client.send(new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: ALICE })),
      );
      expect(statusAndName(error)).toEqual([404, 'NotFoundException']);
    });

    it('lists only messages inside NotBefore and NotAfter', async () => {
      // Prepare
      const channelArn = await newChannel();
      await send(channelArn, ALICE, { Content: 'inside' });
      const sentAt = (await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: ALICE })))
        .ChannelMessages?.[0]?.CreatedTimestamp as Date;
      const hour = 3600_000;
      // Act
      const around = await client.send(
        new ListChannelMessagesCommand({
          ChannelArn: channelArn,
          ChimeBearer: ALICE,
          NotBefore: new Date(sentAt.getTime() - hour),
          NotAfter: new Date(sentAt.getTime() + hour),
        }),
      );
      const later = await client.send(
        new ListChannelMessagesCommand({
          ChannelArn: channelArn,
          ChimeBearer: ALICE,
          NotBefore: new Date(sentAt.getTime() + hour),
        }),
      );
      const earlier = await client.send(
        new ListChannelMessagesCommand({
          ChannelArn: channelArn,
          ChimeBearer: ALICE,
          NotAfter: new Date(sentAt.getTime() - hour),
        }),
      );
      // Assess
      expect(around.ChannelMessages?.map((m) => m.Content)).toEqual(['inside']);
      expect(later.ChannelMessages).toEqual([]);
      expect(earlier.ChannelMessages).toEqual([]);
    });

    it('shows a message its flow refused as FAILED with the refused content, and refuses to edit it', async () => {
      // Prepare: a flow whose processor cannot be invoked (no function mapped), with ABORT as fallback
      const { channelArn, bearer } = emulator.setupChannel({ processor: 'unmapped', fallbackAction: 'ABORT' });
      const messageId = await send(channelArn, bearer, { Content: 'refused words' });
      await emulator.waitForOutcome(channelArn, messageId);
      // Act
      const shown = (
        await client.send(
          new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: bearer }),
        )
      ).ChannelMessage;
      const edit = await rejectionOf(
        client.send(
          new UpdateChannelMessageCommand({
            ChannelArn: channelArn,
            MessageId: messageId,
            Content: 'retry',
            ChimeBearer: bearer,
          }),
        ),
      );
      const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));
      // Assess
      expect([shown?.Status?.Value, shown?.Content]).toEqual(['FAILED', 'refused words']);
      expect(statusAndName(edit)).toEqual([400, 'BadRequestException']);
      expect(listed.ChannelMessages).toEqual([]);
    });

    it('lets a moderator delete a message and its sender redact one: deleted is gone, redacted keeps no content', async () => {
      // Prepare
      const channelArn = await newChannel({ MemberArns: [BOB] });
      const toDelete = await send(channelArn, BOB, { Content: 'delete me' });
      const toRedact = await send(channelArn, BOB, { Content: 'redact me', Metadata: 'private' });
      // Act
      await client.send(
        new DeleteChannelMessageCommand({ ChannelArn: channelArn, MessageId: toDelete, ChimeBearer: ALICE }),
      );
      const redacted = await client.send(
        new RedactChannelMessageCommand({ ChannelArn: channelArn, MessageId: toRedact, ChimeBearer: BOB }),
      );
      const deleted = await rejectionOf(
        client.send(new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: toDelete, ChimeBearer: ALICE })),
      );
      const listed = await client.send(new ListChannelMessagesCommand({ ChannelArn: channelArn, ChimeBearer: ALICE }));
      // Assess
      expect(redacted.MessageId).toBe(toRedact);
      expect(statusAndName(deleted)).toEqual([404, 'NotFoundException']);
      expect(listed.ChannelMessages?.map((m) => [m.MessageId, m.Content ?? '', m.Metadata])).toEqual([
        [toRedact, '', undefined],
      ]);
    });

    it("answers 404 for deleting or redacting a message that is not there, and 403 for redacting another's as a member", async () => {
      // Prepare
      const channelArn = await newChannel({ MemberArns: [BOB] });
      const messageId = await send(channelArn, ALICE);
      // Act
      const deleteMissing = await rejectionOf(
        client.send(
          new DeleteChannelMessageCommand({ ChannelArn: channelArn, MessageId: 'a'.repeat(64), ChimeBearer: ALICE }),
        ),
      );
      const redactMissing = await rejectionOf(
        client.send(
          new RedactChannelMessageCommand({ ChannelArn: channelArn, MessageId: 'a'.repeat(64), ChimeBearer: ALICE }),
        ),
      );
      const redactByMember = await rejectionOf(
        client.send(
          new RedactChannelMessageCommand({ ChannelArn: channelArn, MessageId: messageId, ChimeBearer: BOB }),
        ),
      );
      // Assess
      expect(statusAndName(deleteMissing)).toEqual([404, 'NotFoundException']);
      expect(statusAndName(redactMissing)).toEqual([404, 'NotFoundException']);
      expect(statusAndName(redactByMember)).toEqual([403, 'ForbiddenException']);
    });
  });
});
