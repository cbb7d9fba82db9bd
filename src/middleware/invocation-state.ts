import type { Context } from 'aws-lambda';
import type { ChannelFlowEvent } from '../event/types.js';
import type { Logger } from '../logging/logger.js';

/** Per-invocation state, kept in middy's `request.internal` under {@link STATE_KEY}. */
export interface InvocationState {
  startedAt: number;
  /** Lambda deadline, epoch ms; undefined outside Lambda (no getRemainingTimeInMillis). */
  deadlineAt: number | undefined;
  /** What the processor had before the deadline margin, for the timeout error. */
  budgetMs: number | undefined;
  /** Set when the event can be answered. */
  event: ChannelFlowEvent | undefined;
  /** False when the event is answerable but another field is malformed: echo only what is safe. */
  eventValid: boolean;
  /** Set once a callback was attempted: never send a second one. */
  callbackStarted: boolean;
  /** The configured logger, for rules used as middlewares in the same chain. */
  logger: Logger;
}

/** The middy request, as far as the package reads it. */
export interface ChannelFlowRequest {
  event: unknown;
  context: Context;
  response: unknown;
  error: unknown;
  internal: Record<string, unknown>;
}

/** Key of the package's state in `request.internal` (namespaced, as Powertools does). */
export const STATE_KEY = 'chimeChannelFlow';

/**
 * Starts the state of one invocation: the clock, and the deadline from the Lambda context.
 *
 * @param context - the Lambda context (may lack getRemainingTimeInMillis in tests)
 * @param marginMs - kept back from the deadline for the callback
 * @param logger - the configured logger
 * @returns a fresh state with no event yet
 * @example
 * const state = newInvocationState(context, 500, logger);
 */
export function newInvocationState(context: Context | undefined, marginMs: number, logger: Logger): InvocationState {
  const remaining = context?.getRemainingTimeInMillis?.();
  const hasDeadline = typeof remaining === 'number' && Number.isFinite(remaining);
  return {
    startedAt: performance.now(),
    deadlineAt: hasDeadline ? Date.now() + remaining : undefined,
    budgetMs: hasDeadline ? Math.max(0, remaining - marginMs) : undefined,
    event: undefined,
    eventValid: false,
    callbackStarted: false,
    logger,
  };
}

/**
 * The package's state in a middy request, if its `before` ran.
 *
 * @param internal - `request.internal`
 * @returns the state, or undefined
 * @example
 * const state = invocationStateOf(request.internal);
 */
export function invocationStateOf(internal: Record<string, unknown> | undefined): InvocationState | undefined {
  const state = internal?.[STATE_KEY];
  return typeof state === 'object' && state !== null && 'callbackStarted' in state
    ? (state as InvocationState)
    : undefined;
}

/**
 * The logger configured for `channelFlowCallback()`/`channelFlowProcessor` in this request's chain,
 * for middlewares (moderation rules) that log; undefined outside such a chain.
 *
 * @param request - a middy request
 * @returns the configured logger, or undefined
 * @example
 * const logger = configuredLogger(request) ?? createJsonLogger();
 */
export const configuredLogger = (request: { internal?: Record<string, unknown> }): Logger | undefined =>
  invocationStateOf(request.internal)?.logger;

/** An answerable event whose other fields failed parsing: echo only the ids and well-typed text. */
export function safeEcho(event: ChannelFlowEvent): ChannelFlowEvent {
  const { MessageId, ChannelArn, Content, Metadata, SubChannelId } = event.ChannelMessage;
  const message: ChannelFlowEvent['ChannelMessage'] = {
    MessageId,
    ChannelArn,
    Content: typeof Content === 'string' ? Content : '',
    SubChannelId,
  };
  if (typeof Metadata === 'string') message.Metadata = Metadata;
  return { EventType: 'CHANNEL_MESSAGE_EVENT', CallbackId: event.CallbackId, ChannelMessage: message };
}

/** The ids every log line of an invocation carries (undefined for an event that never parsed). */
export const idsOf = (event: ChannelFlowEvent | undefined) => ({
  messageId: event?.ChannelMessage.MessageId,
  callbackId: event?.CallbackId,
});

export const sinceMs = (startedAt: number): number => Math.round((performance.now() - startedAt) * 100) / 100;
