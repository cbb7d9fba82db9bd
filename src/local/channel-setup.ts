import { randomUUID } from 'node:crypto';
import { seedAppInstance } from './identity/seed.js';
import type { Store } from './state/store.js';
import type { ChannelRecord, FlowRecord } from './state/types.js';

/** A ready-made flow + channel for tests and demos (created directly in state, no HTTP). */
export interface ChannelSetup {
  appInstanceArn: string;
  channelArn: string;
  channelFlowArn: string;
  /** An AppInstanceUser ARN to use as `ChimeBearer`. */
  bearer: string;
  processorArn: string;
}

/** What {@link setupChannel} is asked for: the processor, and optionally where and as whom. */
export interface ChannelSetupOptions {
  processor: string;
  fallbackAction?: 'CONTINUE' | 'ABORT';
  appInstanceArn?: string;
  bearer?: string;
  reuse?: boolean;
}

/**
 * Creates a flow for `processor` and a channel using it directly in state (no HTTP), in an app
 * instance that exists, with the bearer as member and moderator. With `reuse`, a channel made
 * the same way before (found after a restart with a state file) is returned instead.
 *
 * @param store - the emulator's state
 * @param where - the region and account of the ARNs made
 * @param options - the processor (a name or a Lambda ARN) and the optional fallback, app instance, bearer and reuse
 * @returns the ARNs of the app instance, channel, flow and processor, and the bearer
 * @example
 * const { channelArn, bearer } = setupChannel(store, { region: 'us-east-1', account: '123456789012' }, { processor: 'moderate' });
 * @internal
 */
export function setupChannel(
  store: Store,
  { region, account }: { region: string; account: string },
  {
    processor,
    fallbackAction = 'CONTINUE',
    appInstanceArn = `arn:aws:chime:${region}:${account}:app-instance/local-app`,
    bearer = `${appInstanceArn}/user/local-user`,
    reuse = false,
  }: ChannelSetupOptions,
): ChannelSetup {
  const now = Date.now();
  // Ready channels live in an app instance that exists, with the bearer as member and moderator.
  seedAppInstance(store, { appInstanceArn, users: [bearer], now });
  const processorArn = processor.startsWith('arn:')
    ? processor
    : `arn:aws:lambda:${region}:${account}:function:${processor}`;
  if (reuse) {
    // With --state, a restart finds the channel it made last time instead of adding one.
    for (const channel of store.channels.values()) {
      const flow = channel.ChannelFlowArn ? store.flows.get(channel.ChannelFlowArn) : undefined;
      const only = flow?.Processors.length === 1 ? flow.Processors[0] : undefined;
      if (
        flow &&
        channel.AppInstanceArn === appInstanceArn &&
        only?.Configuration.Lambda.ResourceArn === processorArn &&
        only.FallbackAction === fallbackAction
      ) {
        return {
          appInstanceArn,
          channelArn: channel.ChannelArn,
          channelFlowArn: flow.ChannelFlowArn,
          bearer,
          processorArn,
        };
      }
    }
  }
  const flow: FlowRecord = {
    ChannelFlowArn: `${appInstanceArn}/channel-flow/${randomUUID()}`,
    AppInstanceArn: appInstanceArn,
    Name: `${processor}-flow`,
    Processors: [
      {
        Name: processor,
        Configuration: { Lambda: { ResourceArn: processorArn, InvocationType: 'ASYNC' } },
        ExecutionOrder: 1,
        FallbackAction: fallbackAction,
      },
    ],
    CreatedTimestamp: now,
    LastUpdatedTimestamp: now,
  };
  const channel: ChannelRecord = {
    ChannelArn: `${appInstanceArn}/channel/${randomUUID().replaceAll('-', '')}`,
    AppInstanceArn: appInstanceArn,
    Name: `${processor}-channel`,
    Mode: 'UNRESTRICTED',
    Privacy: 'PUBLIC',
    CreatedBy: { Arn: bearer, Name: bearer.slice(bearer.lastIndexOf('/') + 1) },
    CreatedTimestamp: now,
    LastUpdatedTimestamp: now,
    ChannelFlowArn: flow.ChannelFlowArn,
  };
  store.putFlow(flow);
  store.putChannel(channel);
  store.app.addMembership({
    ChannelArn: channel.ChannelArn,
    MemberArn: bearer,
    Type: 'DEFAULT',
    InvitedBy: bearer,
    CreatedTimestamp: now,
    LastUpdatedTimestamp: now,
  });
  store.app.addModerator(channel.ChannelArn, bearer);
  return {
    appInstanceArn,
    channelArn: channel.ChannelArn,
    channelFlowArn: flow.ChannelFlowArn,
    bearer,
    processorArn,
  };
}
