import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import { beforeDeadline } from '../deadline.js';
import { InvalidOptionsError, ProcessorTimeoutError } from '../errors.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { channelFlowCallback } from './channel-flow-callback.js';
import type { InvocationSummary, Processor, ProcessorContext, ProcessorOptions } from './types.js';

/**
 * Wraps a processor into a Lambda handler for a channel flow: the event is parsed,
 * the processor's decision becomes exactly one ChannelFlowCallback, and whatever
 * goes wrong (throw, garbage, deadline) is answered by the `onError` policy before
 * the Lambda deadline. Returns the middy handler, so `.use(...)` still works.
 *
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
  options: ProcessorOptions = {},
): MiddyfiedHandler<ChannelFlowEvent, InvocationSummary> {
  if (typeof processor !== 'function')
    throw new InvalidOptionsError('processor', 'must be a function (channelFlowProcessor(processor, options))');
  const callback = channelFlowCallback(options);
  const { logger, deadlineMarginMs } = callback.config;

  const channelFlowProcessorHandler = (event: ChannelFlowEvent, context: Context) => {
    // The controller is made only if the processor reads `signal` or the deadline fires: most never do.
    let controller: AbortController | undefined;
    let timedOut = false;
    const ctx: ProcessorContext = {
      event,
      context,
      logger,
      get signal() {
        controller ??= new AbortController();
        if (timedOut && !controller.signal.aborted) controller.abort();
        return controller.signal;
      },
    };
    const decision = processor(event.ChannelMessage, ctx);
    // A synchronous decision needs no timer; an async one must settle before remaining time minus the margin.
    const remaining = context?.getRemainingTimeInMillis?.();
    if (typeof (decision as PromiseLike<unknown> | undefined)?.then !== 'function' || typeof remaining !== 'number')
      return decision;
    const budgetMs = Math.max(0, remaining - deadlineMarginMs);
    return beforeDeadline(decision as PromiseLike<unknown>, Date.now() + budgetMs, () => {
      timedOut = true;
      controller?.abort(); // ~13 us, paid only when the deadline fires
      return new ProcessorTimeoutError(budgetMs);
    });
  };

  // The handler resolves to a Decision; the callback middleware turns it into the summary.
  const handler = channelFlowProcessorHandler as unknown as (
    event: ChannelFlowEvent,
    context: Context,
  ) => Promise<InvocationSummary>;
  return middy<ChannelFlowEvent, InvocationSummary>(handler, {
    // The handler keeps its own deadline (above): middy's would add a second timer per invocation.
    timeoutEarlyInMillis: 0,
    // Runs even when a user's middleware returned early and skipped the callback hook.
    requestEnd: callback.ensureAnswered as (request: unknown) => Promise<void>,
  }).use(callback);
}
