import { randomUUID } from 'node:crypto';
import type { FlowRecord, MessageRecord, Processor } from '../state/types.js';
import type { ProcessorInvocationFailureEvent } from './types.js';

/**
 * The EventBridge event the service sends when it cannot invoke a flow's processor
 * (`Chime ChannelFlow Processing Status`, `ProcessorInvocationFailure`). @internal
 */
export function invocationFailureEvent(options: {
  account: string;
  region: string;
  flow: FlowRecord;
  message: MessageRecord;
  processor: Processor;
  reason: string;
  now?: number;
}): ProcessorInvocationFailureEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Chime ChannelFlow Processing Status',
    source: 'aws.chime',
    account: options.account,
    time: new Date(options.now ?? Date.now()).toISOString(),
    region: options.region,
    resources: [],
    detail: {
      eventType: 'ProcessorInvocationFailure',
      appInstanceArn: options.flow.AppInstanceArn,
      channelArn: options.message.ChannelArn,
      messageId: options.message.MessageId,
      processorResourceArn: options.processor.Configuration.Lambda.ResourceArn,
      failureReason: options.reason,
    },
  };
}
