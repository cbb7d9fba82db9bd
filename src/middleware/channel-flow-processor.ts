import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { InvalidOptionsError } from '../errors.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { channelFlowCallback } from './channel-flow-callback.js';
import { validateProcessorOptions } from './options.js';
import type { InvocationSummary, Processor, ProcessorOptions } from './types.js';

/** Options of {@link channelFlowProcessor}: the handler's, plus middlewares that wrap the package's. */
export interface ChannelFlowProcessorOptions extends ProcessorOptions {
  /**
   * Middlewares used before the package's own: their `before` runs first and their `after` last, so they
   * see the summary, not the decision. For Powertools' `injectLambdaContext`, `logMetrics`,
   * `captureLambdaHandler` and `makeHandlerIdempotent`. Middlewares given to `.use()` run inside and see
   * the decision before it is sent.
   */
  outerMiddlewares?: readonly MiddlewareObj[];
}

/**
 * Wraps a processor into a Lambda handler for a channel flow: the event is parsed,
 * the processor's decision becomes exactly one ChannelFlowCallback, and whatever
 * goes wrong (throw, garbage, deadline) is answered by the `onError` policy before
 * the Lambda deadline. Returns the middy handler, so `.use(...)` still works.
 *
 * @param processor - reads the pending message, returns or resolves to a decision
 * @param options - error policy, client, logger, metrics, tracer, outer middlewares
 * @returns the middy handler
 * @throws {@link InvalidOptionsError} when the processor is not a function or an option cannot work
 * @example
 * import { channelFlowProcessor, deny, noChange, update } from 'chime-channel-flow';
 *
 * export const handler = channelFlowProcessor(async (message) => {
 *   if (message.Content.includes('buy now')) return deny('spam');
 *   if (message.Content.includes('darn')) return update({ content: message.Content.replaceAll('darn', '****') });
 *   return noChange();
 * }, { onError: 'allow' });
 */
export function channelFlowProcessor(
  processor: Processor,
  options: ChannelFlowProcessorOptions = {},
): MiddyfiedHandler<ChannelFlowEvent, InvocationSummary> {
  if (typeof processor !== 'function') throw new InvalidOptionsError('processor', 'must be a function');
  // Validated first, so a non-object reports as such before it is taken apart.
  validateProcessorOptions(options);
  const { outerMiddlewares = [], ...handlerOptions } = options;
  if (!Array.isArray(outerMiddlewares)) throw new InvalidOptionsError('outerMiddlewares', 'must be an array');
  const flow = channelFlowCallback(handlerOptions);
  const { handler } = flow;

  // Resolves to the processor's decision (or garbage, for the policy); the middleware's `after` turns it into
  // the summary, which is what the chain returns.
  const channelFlowProcessorHandler = (event: ChannelFlowEvent, context: Context) =>
    handler.run(processor, event, context) as Promise<InvocationSummary>;

  return middy<ChannelFlowEvent, InvocationSummary>(channelFlowProcessorHandler, {
    // The handler keeps its own deadline: middy's would add a second timer per invocation.
    timeoutEarlyInMillis: 0,
    // Runs even when a middleware returned early and skipped the callback hook.
    requestEnd: flow.plugin.requestEnd,
  })
    .use(outerMiddlewares)
    .use(flow);
}
