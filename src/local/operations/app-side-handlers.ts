import {
  createAppInstance,
  createAppInstanceAdmin,
  createAppInstanceUser,
  deleteAppInstance,
  deleteAppInstanceUser,
  describeAppInstance,
  describeAppInstanceUser,
  listAppInstanceAdmins,
  listAppInstanceUsers,
  listAppInstances,
} from '../identity/operations.js';
import { guarded, requireMember, requireReader } from './access.js';
import {
  deleteChannel,
  deleteChannelMessage,
  getMessagingSessionEndpoint,
  inExistingAppInstance,
  listChannels,
  listChannelsAssociatedWithChannelFlow,
  redactChannelMessage,
  updateChannel,
  withChannelMembers,
} from './channel-admin.js';
import type { OperationHandler } from './context.js';
import {
  batchCreateChannelMembership,
  createChannelMembership,
  deleteChannelMembership,
  describeChannelMembership,
  listChannelMemberships,
  listChannelMembershipsForAppInstanceUser,
} from './memberships.js';

/**
 * The app side's handlers: identity, memberships, channel administration, the session endpoint,
 * and the service's rules wrapped around the flow side's handlers (only members send; only app
 * instances that exist hold channels and flows).
 *
 * @example
 * Object.assign(handlers, appSideHandlers(handlers));
 */
export function appSideHandlers(base: Record<string, OperationHandler>): Record<string, OperationHandler> {
  return {
    CreateAppInstance: createAppInstance,
    DescribeAppInstance: describeAppInstance,
    ListAppInstances: listAppInstances,
    DeleteAppInstance: deleteAppInstance,
    CreateAppInstanceUser: createAppInstanceUser,
    DescribeAppInstanceUser: describeAppInstanceUser,
    ListAppInstanceUsers: listAppInstanceUsers,
    DeleteAppInstanceUser: deleteAppInstanceUser,
    CreateAppInstanceAdmin: createAppInstanceAdmin,
    ListAppInstanceAdmins: listAppInstanceAdmins,
    CreateChannelMembership: createChannelMembership,
    BatchCreateChannelMembership: batchCreateChannelMembership,
    DescribeChannelMembership: describeChannelMembership,
    ListChannelMemberships: listChannelMemberships,
    DeleteChannelMembership: deleteChannelMembership,
    ListChannelMembershipsForAppInstanceUser: listChannelMembershipsForAppInstanceUser,
    UpdateChannel: updateChannel,
    DeleteChannel: deleteChannel,
    ListChannels: listChannels,
    ListChannelsAssociatedWithChannelFlow: listChannelsAssociatedWithChannelFlow,
    DeleteChannelMessage: deleteChannelMessage,
    RedactChannelMessage: redactChannelMessage,
    GetMessagingSessionEndpoint: getMessagingSessionEndpoint,
    CreateChannel: withChannelMembers(base.CreateChannel!),
    CreateChannelFlow: inExistingAppInstance(base.CreateChannelFlow!),
    SendChannelMessage: guarded(requireMember, base.SendChannelMessage!),
    ListChannelMessages: guarded(requireReader, base.ListChannelMessages!),
  };
}
