// Runs an example handler as Lambda would, with the ChannelFlowCallback stubbed, and
// captures what it printed so tests can check no user data reaches the logs.
import { mockClient } from 'aws-sdk-client-mock';
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChannelFlowCallbackCommandInput } from '@aws-sdk/client-chime-sdk-messaging';
import type { Context } from 'aws-lambda';
import { channelFlowEvent, lambdaContext } from '../../src/testing/index.js';
import type { ChannelMessage, InvocationSummary } from '../../src/index.js';

export type ExampleHandler = (event: any, context: Context) => Promise<InvocationSummary>;

/** Stubs every ChimeSDKMessagingClient's ChannelFlowCallback with the service's success answer. */
export function stubCallbacks() {
  const messaging = mockClient(ChimeSDKMessagingClient);
  messaging.on(ChannelFlowCallbackCommand).callsFake((input: ChannelFlowCallbackCommandInput) => ({
    ChannelArn: input.ChannelArn,
    CallbackId: input.CallbackId,
  }));
  return messaging;
}

export interface ExampleRun {
  summary: InvocationSummary;
  /** The one callback sent for this message. */
  callback: ChannelFlowCallbackCommandInput;
  /** Everything written to stdout/stderr during the invocation (the Lambda's logs). */
  logs: string;
}

/** Invokes `handler` with a pending message and returns the summary, the callback it sent and its logs. */
export async function runExample(
  handler: ExampleHandler,
  messaging: ReturnType<typeof stubCallbacks>,
  message: Partial<ChannelMessage>,
  timeoutMs = 3000,
): Promise<ExampleRun> {
  const event = channelFlowEvent({
    Sender: { Arn: 'arn:aws:chime:us-east-1:111122223333:app-instance/app/user/u-1', Name: 'Zelda Quixote' },
    ...message,
  });
  const before = messaging.commandCalls(ChannelFlowCallbackCommand).length;
  const captured: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown) => {
    captured.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  let summary: InvocationSummary;
  try {
    summary = await handler(event, lambdaContext({ timeoutMs }));
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  const calls = messaging.commandCalls(ChannelFlowCallbackCommand).slice(before);
  if (calls.length !== 1) throw new Error(`expected exactly one ChannelFlowCallback, got ${calls.length}`);
  const callback = calls[0]!.args[0].input as ChannelFlowCallbackCommandInput;
  if (callback.CallbackId !== event.CallbackId) throw new Error('callback answered another CallbackId');
  return { summary, callback, logs: captured.join('') };
}
