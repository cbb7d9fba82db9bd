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
import { createChannelFlow } from './channel-flows.js';
import { createChannel } from './channels.js';
import { listChannelMessages, sendChannelMessage } from './messages.js';
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
import type { RouteHandler } from './context.js';
import { route } from './context.js';
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
 * instances that exist hold channels and flows). These entries replace the flow side's own.
 *
 * @returns the handlers by operation name
 * @example
 * const handlers = { ...flowSideHandlers, ...appSideHandlers() };
 */
export function appSideHandlers(): Record<string, RouteHandler> {
  return {
    CreateAppInstance: route(createAppInstance),
    DescribeAppInstance: route(describeAppInstance),
    ListAppInstances: route(listAppInstances),
    DeleteAppInstance: route(deleteAppInstance),
    CreateAppInstanceUser: route(createAppInstanceUser),
    DescribeAppInstanceUser: route(describeAppInstanceUser),
    ListAppInstanceUsers: route(listAppInstanceUsers),
    DeleteAppInstanceUser: route(deleteAppInstanceUser),
    CreateAppInstanceAdmin: route(createAppInstanceAdmin),
    ListAppInstanceAdmins: route(listAppInstanceAdmins),
    CreateChannelMembership: route(createChannelMembership),
    BatchCreateChannelMembership: route(batchCreateChannelMembership),
    DescribeChannelMembership: route(describeChannelMembership),
    ListChannelMemberships: route(listChannelMemberships),
    DeleteChannelMembership: route(deleteChannelMembership),
    ListChannelMembershipsForAppInstanceUser: route(listChannelMembershipsForAppInstanceUser),
    UpdateChannel: route(updateChannel),
    DeleteChannel: route(deleteChannel),
    ListChannels: route(listChannels),
    ListChannelsAssociatedWithChannelFlow: route(listChannelsAssociatedWithChannelFlow),
    DeleteChannelMessage: route(deleteChannelMessage),
    RedactChannelMessage: route(redactChannelMessage),
    GetMessagingSessionEndpoint: route(getMessagingSessionEndpoint),
    CreateChannel: route(withChannelMembers(createChannel)),
    CreateChannelFlow: route(inExistingAppInstance(createChannelFlow)),
    SendChannelMessage: route(guarded(requireMember, sendChannelMessage)),
    ListChannelMessages: route(guarded(requireReader, listChannelMessages)),
  };
}
