import { ChannelFlowCallbackHandler } from './callback-handler.js';
import { type ChannelFlowRequest, invocationStateOf, STATE_KEY } from './invocation-state.js';
import { isInProgressDuplicate, keepInProgressRecord } from './replay.js';
import type { ProcessorOptions } from './types.js';

/** Plugin options for `middy(handler, plugin)`: the safety net and the processor's deadline. */
export interface ChannelFlowPlugin {
  /** Answers an invocation a middleware cut short (an early response skips every `after` hook). */
  readonly requestEnd: (request: ChannelFlowRequest) => Promise<void> | undefined;
  /** middy's own deadline for the handler: `deadlineMarginMs`, so the callback still has its time. */
  readonly timeoutEarlyInMillis: number;
}

/** The middy middleware, plus the plugin options and the handler object it adapts. */
export interface ChannelFlowCallbackMiddleware {
  readonly before: (request: ChannelFlowRequest) => void;
  readonly after: (request: ChannelFlowRequest) => Promise<void>;
  readonly onError: (request: ChannelFlowRequest) => Promise<void>;
  /** Pass to `middy(handler, flow.plugin)` for the safety net and the deadline. */
  readonly plugin: ChannelFlowPlugin;
  /** The handler object the hooks call. */
  readonly handler: ChannelFlowCallbackHandler;
}

/**
 * The middy middleware at the heart of the package, a thin adapter over
 * {@link ChannelFlowCallbackHandler}: parses the event (before), turns the handler's decision into
 * one ChannelFlowCallback (after), and applies the error policy (onError). Its `plugin`, given to
 * `middy()`, adds the safety net for early responses and the processor's deadline.
 *
 * Put it after Powertools' middlewares (`injectLambdaContext`, `logMetrics`, `makeHandlerIdempotent`)
 * so they see the summary rather than the decision, and before moderation rules.
 *
 * @param options - the same options as `channelFlowProcessor`
 * @returns the middleware, with `plugin` and `handler`
 * @throws {@link InvalidOptionsError} for options that cannot work
 * @example
 * import middy from '@middy/core';
 * import { channelFlowCallback, noChange } from 'chime-channel-flow';
 * const flow = channelFlowCallback({ onError: 'deny' });
 * export const handler = middy(async () => noChange(), flow.plugin).use(flow);
 */
export function channelFlowCallback(options: ProcessorOptions = {}): ChannelFlowCallbackMiddleware {
  const handler = new ChannelFlowCallbackHandler(options);

  const channelFlowCallbackBefore = (request: ChannelFlowRequest): void => {
    const state = handler.start(request.context);
    request.internal[STATE_KEY] = state;
    handler.parse(state, request.event);
  };

  const channelFlowCallbackAfter = async (request: ChannelFlowRequest): Promise<void> => {
    const state = invocationStateOf(request.internal);
    // Our `before` did not run (a middleware before ours returned early): the safety net decides.
    if (!state) return;
    // A limit error thrown here reaches onError, which applies the policy.
    request.response = await handler.finish(state, request.response);
  };

  const channelFlowCallbackOnError = async (request: ChannelFlowRequest): Promise<void> => {
    if (isInProgressDuplicate(request.error)) keepInProgressRecord(request.internal);
    const { summary, error } = await handler.fail(invocationStateOf(request.internal), request.error, request.event);
    request.error = error;
    if (summary) request.response = summary;
  };

  // Not async: the common case (already answered) returns nothing, and middy awaits only a promise.
  const channelFlowCallbackRequestEnd = (request: ChannelFlowRequest): Promise<void> | undefined =>
    handler.settle(request, invocationStateOf(request.internal));

  return {
    before: channelFlowCallbackBefore,
    after: channelFlowCallbackAfter,
    onError: channelFlowCallbackOnError,
    plugin: { requestEnd: channelFlowCallbackRequestEnd, timeoutEarlyInMillis: handler.config.deadlineMarginMs },
    handler,
  };
}
