import {
  AssociateChannelFlowCommand,
  ChimeSDKMessagingClient,
  DisassociateChannelFlowCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { parseBearerArn, parseChannelArn, parseChannelFlowArn } from './arn.js';
import { ChannelFlowAssociationError, InvalidArnError } from './errors.js';

export interface ChannelFlowAssociation {
  /** The channel whose new messages the flow will hold and process. */
  channelArn: string;
  /** The flow, e.g. the `ChannelFlowArn` output of the CDK stack. */
  channelFlowArn: string;
  /** ARN of an AppInstanceUser or AppInstanceBot that is an app instance admin or a moderator of the channel (sent as x-amz-chime-bearer). */
  chimeBearer: string;
  /** Default: a client in the channel's region (honours AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING). */
  client?: ChimeSDKMessagingClient;
}

/**
 * Checks the three ARNs agree (same region, account and app instance) before any call: the service's own errors say much less.
 *
 * @param options - the channel, channel flow and bearer ARNs
 * @returns the region the three ARNs share
 * @throws {InvalidArnError} when an ARN is malformed or the three belong to different app instances
 * @example
 * const { region } = checkAssociation({ channelArn, channelFlowArn, chimeBearer });
 */
export function checkAssociation(options: ChannelFlowAssociation): { region: string } {
  const channel = parseChannelArn(options.channelArn);
  const flow = parseChannelFlowArn(options.channelFlowArn);
  const bearer = parseBearerArn(options.chimeBearer);
  if (flow.appInstanceArn !== channel.appInstanceArn) {
    throw new InvalidArnError(
      'channelFlowArn',
      'the flow belongs to another app instance (or region, or account) than the channel',
    );
  }
  if (bearer.appInstanceArn !== channel.appInstanceArn) {
    throw new InvalidArnError('chimeBearer', 'the bearer belongs to another app instance than the channel');
  }
  return { region: channel.region };
}

type Operation = 'AssociateChannelFlow' | 'DisassociateChannelFlow';

/** Both operations take the same three ARNs and answer nothing of use: one path for both. */
async function callChannelFlowOperation(
  operation: Operation,
  options: ChannelFlowAssociation,
): Promise<{ channelArn: string; channelFlowArn: string }> {
  const { region } = checkAssociation(options);
  const client = options.client ?? new ChimeSDKMessagingClient({ region });
  const input = {
    ChannelArn: options.channelArn,
    ChannelFlowArn: options.channelFlowArn,
    ChimeBearer: options.chimeBearer,
  };
  try {
    await client.send(
      operation === 'AssociateChannelFlow'
        ? new AssociateChannelFlowCommand(input)
        : new DisassociateChannelFlowCommand(input),
    );
  } catch (error) {
    throw new ChannelFlowAssociationError(operation, error);
  } finally {
    // A client made here is used once; close its sockets so a CLI run exits at once.
    if (!options.client) client.destroy();
  }
  return { channelArn: options.channelArn, channelFlowArn: options.channelFlowArn };
}

/**
 * Attaches a channel flow to a channel (AssociateChannelFlow): from then on every
 * new STANDARD message of the channel goes through the flow's processor.
 * CloudFormation has no resource for this, so it is a call made once per channel.
 *
 * @param options - the channel, channel flow and bearer (AppInstanceUser or AppInstanceBot) ARNs
 * @returns the channel and channel flow ARNs the service answered
 * @throws {InvalidArnError} when the ARNs are malformed or disagree (before any call)
 * @throws {ChannelFlowAssociationError} when the service refuses the call (its error as `cause`)
 * @example
 * await associateChannelFlow({
 *   channelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd/channel/room-1',
 *   channelFlowArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd/channel-flow/0123abcd',
 *   chimeBearer: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd/user/admin',
 * });
 */
export const associateChannelFlow = (
  options: ChannelFlowAssociation,
): Promise<{ channelArn: string; channelFlowArn: string }> => callChannelFlowOperation('AssociateChannelFlow', options);

/**
 * Detaches a channel flow from a channel (DisassociateChannelFlow): new messages are delivered without processing.
 *
 * @param options - the channel, channel flow and bearer (AppInstanceUser or AppInstanceBot) ARNs
 * @returns the channel and channel flow ARNs the service answered
 * @throws {InvalidArnError} when the ARNs are malformed or disagree (before any call)
 * @throws {ChannelFlowAssociationError} when the service refuses the call (its error as `cause`)
 * @example
 * await disassociateChannelFlow({ channelArn, channelFlowArn, chimeBearer });
 */
export const disassociateChannelFlow = (
  options: ChannelFlowAssociation,
): Promise<{ channelArn: string; channelFlowArn: string }> =>
  callChannelFlowOperation('DisassociateChannelFlow', options);
