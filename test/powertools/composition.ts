// The production composition under test: Powertools Logger, Metrics and Idempotency (on dynalite over HTTP)
// around the package, as channelFlowProcessor (outerMiddlewares) and as a plain channelFlowCallback() chain.
import { jest } from '@jest/globals';
import middy from '@middy/core';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import {
  channelFlowCallback,
  channelFlowProcessor,
  type ChannelFlowEvent,
  type ChannelMessage,
  type Decision,
  type InvocationSummary,
  type OnError,
  update,
} from 'chime-channel-flow';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { IDEMPOTENCY_TABLE, type Dynalite } from './dynalite.js';

export type Chain = 'channelFlowProcessor' | 'plain channelFlowCallback() chain';
export const CHAINS: Chain[] = ['channelFlowProcessor', 'plain channelFlowCallback() chain'];

/** Everything written to stdout (Powertools' Logger and Metrics write there), one JSON object per line. */
export function captureStdout() {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const records = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    text: () => chunks.join(''),
    records,
    logs: () => records().filter((record) => !('_aws' in record)),
    blobs: () => records().filter((record) => '_aws' in record),
    clear: () => {
      chunks.length = 0;
    },
    restore: () => spy.mockRestore(),
  };
}

export interface Composition {
  handler: (event: unknown, context: Context) => Promise<InvocationSummary>;
  sideEffects: () => number;
  /** Lets a processor that waits on it finish (for concurrent deliveries). */
  release: () => void;
}

/**
 * Builds the handler: a processor with a side effect (a counter) that adds its own metric, the package's
 * metrics going into the same Powertools Metrics, Lambda context and correlation id on every log line.
 */
export function compose(
  chain: Chain,
  db: Dynalite,
  client: ChimeSDKMessagingClient,
  options: { onError?: OnError; gate?: boolean; throwOnce?: boolean } = {},
): Composition {
  const logger = new Logger({ serviceName: 'moderator' });
  const metrics = new Metrics({ namespace: 'ChatModeration', serviceName: 'moderator' });
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: IDEMPOTENCY_TABLE, awsSdkV3Client: db.client });
  const idempotency = makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({ eventKeyJmesPath: 'CallbackId' }),
  });
  let count = 0;
  let throws = options.throwOnce === true;
  let open: () => void = () => {};
  const gate = options.gate ? new Promise<void>((resolve) => (open = resolve)) : Promise.resolve();
  const processor = async (message: ChannelMessage): Promise<Decision> => {
    await gate;
    if (throws) {
      throws = false;
      throw new Error('downstream unavailable');
    }
    count += 1;
    metrics.addMetric('TicketsCreated', MetricUnit.Count, 1);
    return update({ content: message.Content.toUpperCase() });
  };
  const packageOptions = { client, logger, metrics, onError: options.onError ?? 'allow' };
  const outer = [
    injectLambdaContext(logger, { resetKeys: true }),
    logMetrics(metrics, { captureColdStartMetric: true }),
    idempotency,
  ];
  let handler: Composition['handler'];
  if (chain === 'channelFlowProcessor') {
    const processorHandler = channelFlowProcessor(processor, { ...packageOptions, outerMiddlewares: outer });
    handler = (event, context) => processorHandler(event as ChannelFlowEvent, context);
  } else {
    const flow = channelFlowCallback(packageOptions);
    const plain = middy(
      async (event: { ChannelMessage: ChannelMessage }) => processor(event.ChannelMessage),
      flow.plugin,
    )
      .use(outer)
      .use(flow);
    handler = (event, context) =>
      plain(event as { ChannelMessage: ChannelMessage }, context) as Promise<InvocationSummary>;
  }
  return { handler, sideEffects: () => count, release: () => open() };
}
