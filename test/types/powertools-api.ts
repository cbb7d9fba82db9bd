// Type tests: Powertools instances fit the package's options as they are, without casts (the package takes
// them structurally and never imports Powertools). Compiled by `npm run typecheck`; nothing here runs.
import middy from '@middy/core';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { ChannelFlowCallbackHandler, channelFlowCallback, channelFlowProcessor, noChange } from 'chime-channel-flow';
import { ChannelFlowEventSchema } from 'chime-channel-flow/zod';

declare const persistenceStore: BasePersistenceLayer;
const logger = new Logger();
const metrics = new Metrics({ namespace: 'Chat' });
const tracer = new Tracer();

channelFlowProcessor(() => noChange(), {
  logger,
  metrics,
  tracer,
  outerMiddlewares: [injectLambdaContext(logger), logMetrics(metrics), makeHandlerIdempotent({ persistenceStore })],
});

const flow = channelFlowCallback({ logger, metrics, tracer });
middy(async () => noChange(), flow.plugin).use(flow);
new ChannelFlowCallbackHandler({ logger, metrics }).handle({}, {} as never, () => noChange());

// @ts-expect-error metrics is a boolean, { namespace } or a Powertools Metrics
channelFlowProcessor(() => noChange(), { metrics: 'yes' });
// @ts-expect-error a tracer needs isTracingEnabled, getSegment and setSegment
channelFlowProcessor(() => noChange(), { tracer: { getSegment: () => undefined } });

// The schema's output carries the ids the callback needs.
const parsed = ChannelFlowEventSchema.parse({});
const callbackId: string = parsed.CallbackId;
const messageId: string = parsed.ChannelMessage.MessageId;
void [callbackId, messageId];
