import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AssociateChannelFlowCommand,
  ChimeSDKMessagingClient,
  DisassociateChannelFlowCommand,
  ForbiddenException,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-messaging';
import { associateChannelFlow, disassociateChannelFlow, ChannelFlowAssociationError } from '../../src/deploy/index.js';

const APP = 'arn:aws:chime:eu-west-1:111122223333:app-instance/app-1';
const association = {
  channelArn: `${APP}/channel/room-1`,
  channelFlowArn: `${APP}/channel-flow/flow-1`,
  chimeBearer: `${APP}/user/admin`,
};

const messaging = mockClient(ChimeSDKMessagingClient);

beforeEach(() => {
  messaging.reset();
});

describe('associateChannelFlow', () => {
  it('sends AssociateChannelFlow with the channel, the flow and the bearer', async () => {
    messaging.on(AssociateChannelFlowCommand).resolves({});
    const result = await associateChannelFlow(association);
    const calls = messaging.commandCalls(AssociateChannelFlowCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      ChannelArn: association.channelArn,
      ChannelFlowArn: association.channelFlowArn,
      ChimeBearer: association.chimeBearer,
    });
    expect(result).toEqual({ channelArn: association.channelArn, channelFlowArn: association.channelFlowArn });
  });

  it("makes its default client in the channel's region", async () => {
    let region: string | undefined;
    messaging.on(AssociateChannelFlowCommand).callsFake(async (_input, getClient) => {
      region = await (getClient() as ChimeSDKMessagingClient).config.region();
      return {};
    });
    await associateChannelFlow(association);
    expect(region).toBe('eu-west-1');
  });

  it('refuses a bearer from another app instance before calling the service', async () => {
    await expect(
      associateChannelFlow({
        ...association,
        chimeBearer: 'arn:aws:chime:eu-west-1:111122223333:app-instance/other/user/admin',
      }),
    ).rejects.toMatchObject({
      name: 'InvalidArnError',
      argument: 'chimeBearer',
    });
    expect(messaging.calls()).toHaveLength(0);
  });

  it.each([
    ['another region', 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1/channel-flow/flow-1'],
    ['another app instance', 'arn:aws:chime:eu-west-1:111122223333:app-instance/app-2/channel-flow/flow-1'],
  ])('refuses a flow in %s before calling the service', async (_, channelFlowArn) => {
    await expect(associateChannelFlow({ ...association, channelFlowArn })).rejects.toMatchObject({
      name: 'InvalidArnError',
      argument: 'channelFlowArn',
    });
    expect(messaging.calls()).toHaveLength(0);
  });

  it('turns a Forbidden answer into an error that says who may associate', async () => {
    messaging
      .on(AssociateChannelFlowCommand)
      .rejects(new ForbiddenException({ message: 'denied', $metadata: { httpStatusCode: 403 } }));
    const error = (await associateChannelFlow(association).catch((e: unknown) => e)) as ChannelFlowAssociationError;
    expect(error).toBeInstanceOf(ChannelFlowAssociationError);
    expect(error).toMatchObject({
      operation: 'AssociateChannelFlow',
      errorName: 'ForbiddenException',
      statusCode: 403,
    });
    expect(error.hint).toMatch(/admin|moderator/);
    expect(error.cause).toBeInstanceOf(ForbiddenException);
  });
});

describe('disassociateChannelFlow', () => {
  it('sends DisassociateChannelFlow', async () => {
    messaging.on(DisassociateChannelFlowCommand).resolves({});
    await disassociateChannelFlow(association);
    expect(messaging.commandCalls(DisassociateChannelFlowCommand)[0]?.args[0].input).toEqual({
      ChannelArn: association.channelArn,
      ChannelFlowArn: association.channelFlowArn,
      ChimeBearer: association.chimeBearer,
    });
  });

  it('wraps a NotFound answer', async () => {
    messaging
      .on(DisassociateChannelFlowCommand)
      .rejects(new NotFoundException({ message: 'nope', $metadata: { httpStatusCode: 404 } }));
    await expect(disassociateChannelFlow(association)).rejects.toMatchObject({
      operation: 'DisassociateChannelFlow',
      errorName: 'NotFoundException',
    });
  });
});
