import type { Context } from 'aws-lambda';
import type { ChannelFlowEvent, ChannelMessage } from '../event/types.js';

import { randomUUID } from 'node:crypto';

let counter = 0;
const pad = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A fresh CallbackId: a random UUID, 36 characters (the service's are 32 to 64).
 *
 * @returns a new CallbackId on each call
 * @example
 * const event = channelFlowEvent({ Content: 'hi' }, newCallbackId());
 */
export const newCallbackId = (): string => randomUUID();

/** The channel ARN of {@link channelFlowEvent}'s messages unless overridden. */
export const SAMPLE_CHANNEL_ARN =
  'arn:aws:chime:us-east-1:111122223333:app-instance/11111111-2222-3333-4444-555555555555/channel/c-demo';

/**
 * A valid channel flow event, as the service sends it, with your overrides.
 *
 * @param message - fields of the ChannelMessage to override (content, metadata, sender, ...)
 * @param callbackId - the event's CallbackId (default a fresh one)
 * @returns a CHANNEL_MESSAGE_EVENT with a new MessageId on each call
 * @example
 * const event = channelFlowEvent({ Content: 'hello' });
 * await handler(event, lambdaContext());
 */
export function channelFlowEvent(
  message: Partial<ChannelMessage> = {},
  callbackId: string = newCallbackId(),
): ChannelFlowEvent {
  const now = new Date().toISOString();
  return {
    EventType: 'CHANNEL_MESSAGE_EVENT',
    CallbackId: callbackId,
    ChannelMessage: {
      MessageId: `msg-${pad(++counter, 8)}`,
      ChannelArn: SAMPLE_CHANNEL_ARN,
      Content: 'hello world',
      Metadata: '{"client":"test"}',
      Sender: {
        Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/11111111-2222-3333-4444-555555555555/user/alice',
        Name: 'Alice',
      },
      Persistence: 'PERSISTENT',
      Type: 'STANDARD',
      CreatedTimestamp: now,
      LastEditedTimestamp: now,
      ...message,
    },
  };
}

/**
 * A Lambda context whose remaining time counts down from `timeoutMs` (default 3000, Lambda's default).
 *
 * @param options - the timeout, function name and request id to report
 * @returns a context whose `getRemainingTimeInMillis()` counts down in real time
 * @example
 * const context = lambdaContext({ timeoutMs: 1000 });
 */
export function lambdaContext(
  options: { timeoutMs?: number; functionName?: string; requestId?: string } = {},
): Context {
  const timeoutMs = options.timeoutMs ?? 3000;
  const deadline = Date.now() + timeoutMs;
  const functionName = options.functionName ?? 'channel-flow-processor';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:111122223333:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: options.requestId ?? `req-${pad(++counter, 8)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

export { fakeChimeTransport, callbackAccepted, serviceError } from './fake-transport.js';
export type { FakeAnswer, FakeRequest, FakeChimeTransport } from './fake-transport.js';
export { callbacksIn } from './callbacks.js';
export { quietLogger, silenceSdkNodeWarning } from './quiet.js';
export type { LogEntry, QuietLogger } from './quiet.js';
