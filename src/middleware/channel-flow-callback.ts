import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { defaultChimeClient } from '../callback/client.js';
import { sendChannelFlowCallback, type CallbackOutcome } from '../callback/send.js';
import { fitCallback } from '../callback/fit-decision.js';
import { deny, isDecision, noChange, type Decision } from '../decision/index.js';
import { ChannelFlowError, InvalidDecisionError, InvalidEventError, ProcessorTimeoutError } from '../errors.js';
import { errorFields, isInstanceSafely } from '../logging/error-fields.js';
import { errorNameOf, typeName } from '../values.js';
import { parseChannelFlowEvent } from '../event/parse.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { emitInvocationMetrics } from '../metrics/emf.js';
import { rememberAnswered, wasAnswered } from './answered-callbacks.js';
import { resolveProcessorOptions, type ResolvedOptions } from './options.js';
import type { InvocationSummary, ProcessorOptions } from './types.js';

/** Per-invocation state, kept in middy's `request.internal` under this key. */
const STATE_KEY = 'chimeChannelFlow';

interface InvocationState {
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
}

interface ChannelFlowRequest {
  event: unknown;
  context: Context;
  response: unknown;
  error: unknown;
  internal: Record<string, unknown>;
}

/** No Lambda deadline (tests, scripts): give the callback this long. */
const NO_DEADLINE_CALLBACK_MS = 30_000;
/** Kept back from the Lambda deadline so the handler can still return after a cut-off callback. */
const RETURN_RESERVE_MS = 50;

/** A decision's `reason` or `rule` as logged: a string as is, anything else (a cycle, a BigInt) by its type. */
const loggable = (value: unknown): string => (typeof value === 'string' ? value : `[${typeName(value)}]`);
const sinceMs = (startedAt: number) => Math.round((performance.now() - startedAt) * 100) / 100;

/**
 * The middy middleware at the heart of the package: parses the event (before),
 * turns the handler's decision into one ChannelFlowCallback (after), and applies
 * the error policy when anything fails (onError). Use it in your own `middy()`
 * chain; {@link channelFlowProcessor} is this plus a processor function.
 *
 * For the processor deadline, give middy the same margin: `middy(handler, { timeoutEarlyInMillis: 500 })`.
 *
 * @example
 * import middy from '@middy/core';
 * import { channelFlowCallback, noChange } from 'chime-channel-flow';
 * export const handler = middy(async () => noChange(), { timeoutEarlyInMillis: 500 }).use(channelFlowCallback({ onError: 'deny' }));
 */
export function channelFlowCallback(options: ProcessorOptions = {}): MiddlewareObj & ChannelFlowCallbackHooks {
  const config = resolveProcessorOptions(options, defaultChimeClient);
  const { logger, metrics, logErrorMessages } = config;
  const service = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'chime-channel-flow';

  /** Logs how the service took the callback; returns whether it was a 403 we cannot explain (maybe IAM). */
  const logOutcome = (outcome: CallbackOutcome, summary: InvocationSummary, decision: Decision): boolean => {
    if (outcome.status === 'sent') {
      rememberAnswered(summary.callbackId);
      // A clean message is the common case: one info line each is CloudWatch cost and ~10 us of CPU, for
      // little; metrics count them, and LOG_LEVEL=debug logs them too.
      const routine = summary.action === 'noChange' && summary.decidedBy === 'processor';
      const attributes =
        decision.action === 'deny' && decision.reason !== undefined
          ? { ...summary, reason: loggable(decision.reason) }
          : summary;
      logger[routine ? 'debug' : 'info']('ChannelFlowCallback sent', attributes);
      return false;
    }
    const attributes = { ...summary, refusedWith: outcome.refusedWith };
    if (outcome.status === 'duplicate' || wasAnswered(summary.callbackId)) {
      logger.info('ChannelFlowCallback refused as a duplicate: this CallbackId was already answered', attributes);
      return false;
    }
    logger.error(
      'ChannelFlowCallback refused with 403: either another delivery already answered it, or the function role lacks chime:ChannelFlowCallback on this channel',
      attributes,
    );
    return true;
  };

  /** Sends the one callback for this invocation and builds the summary. */
  const answer = async (
    state: InvocationState,
    event: ChannelFlowEvent,
    decision: Decision,
    decidedBy: InvocationSummary['decidedBy'],
    failure?: { cause: unknown },
  ): Promise<InvocationSummary> => {
    const { input, action, fitted } = fitCallback(state.eventValid ? event : safeEcho(event), decision);
    state.callbackStarted = true;
    const deadlineAt =
      state.deadlineAt === undefined ? Date.now() + NO_DEADLINE_CALLBACK_MS : state.deadlineAt - RETURN_RESERVE_MS;
    const summary: InvocationSummary = {
      messageId: event.ChannelMessage.MessageId,
      callbackId: event.CallbackId,
      action,
      decidedBy: fitted?.how === 'denied' ? 'policy' : decidedBy,
      duplicate: false,
      durationMs: 0,
    };
    if (decision.rule !== undefined) summary.rule = loggable(decision.rule);
    if (failure) summary.error = errorNameOf(failure.cause);
    if (fitted) {
      // Never the original: the decision asked for a change (see fitCallback).
      summary.error = fitted.limitError.name;
      const { field, limit, actual } = fitted.limitError;
      logger.warn(
        fitted.how === 'truncated'
          ? 'Decision breaks a ChannelFlowCallback limit; content truncated to fit'
          : 'Decision breaks a ChannelFlowCallback limit; message denied instead of sent as written',
        { messageId: summary.messageId, callbackId: summary.callbackId, field, limit, actual },
      );
    }
    let outcome: CallbackOutcome;
    try {
      outcome = await sendChannelFlowCallback(config.client(), input, deadlineAt);
    } catch (error) {
      summary.durationMs = sinceMs(state.startedAt);
      const failure = error as { errorName?: string; code?: string; statusCode?: number; causeLine?: string };
      logger.error('ChannelFlowCallback failed; the message is still PENDING', {
        ...summary,
        errorName: failure.errorName,
        errorCode: failure.code,
        statusCode: failure.statusCode,
        cause: failure.causeLine,
      });
      if (metrics)
        emitInvocationMetrics(
          { latencyMs: summary.durationMs, callbackFailed: true },
          { namespace: metrics.namespace, service },
        );
      throw error;
    }
    summary.duplicate = outcome.status !== 'sent';
    summary.durationMs = sinceMs(state.startedAt);
    const forbidden = logOutcome(outcome, summary, decision);
    if (metrics)
      emitInvocationMetrics(
        { ...summary, latencyMs: summary.durationMs, callbackForbidden: forbidden },
        { namespace: metrics.namespace, service },
      );
    return summary;
  };

  const channelFlowCallbackBefore = (request: ChannelFlowRequest): void => {
    const remaining = request.context?.getRemainingTimeInMillis?.();
    const hasDeadline = typeof remaining === 'number' && Number.isFinite(remaining);
    const state: InvocationState = {
      startedAt: performance.now(),
      deadlineAt: hasDeadline ? Date.now() + remaining : undefined,
      budgetMs: hasDeadline ? Math.max(0, remaining - config.deadlineMarginMs) : undefined,
      event: undefined,
      eventValid: false,
      callbackStarted: false,
    };
    request.internal[STATE_KEY] = state;
    try {
      state.event = parseChannelFlowEvent(request.event);
      state.eventValid = true;
    } catch (error) {
      // Still answerable (ids intact)? Then the error policy answers it rather than leaving it PENDING.
      if (error instanceof InvalidEventError && error.answerable) state.event = request.event as ChannelFlowEvent;
      throw error;
    }
  };

  const channelFlowCallbackAfter = async (request: ChannelFlowRequest): Promise<void> => {
    const state = request.internal[STATE_KEY] as InvocationState;
    const decision = request.response;
    if (!isDecision(decision)) throw new InvalidDecisionError(decision);
    // A limit error thrown here reaches onError, which applies the policy.
    request.response = await answer(state, state.event as ChannelFlowEvent, decision, 'processor');
  };

  const channelFlowCallbackOnError = async (request: ChannelFlowRequest): Promise<void> => {
    const state = request.internal[STATE_KEY] as InvocationState | undefined;
    // The callback itself failed (already logged): let the invocation fail loudly.
    if (state?.callbackStarted) return;
    let error = request.error;
    const event = state?.event;
    if (!event) {
      logger.error('Invalid channel flow event: no callback can be sent', errorFields(error, logErrorMessages));
      return;
    }
    // middy's own early timeout (timeoutEarlyInMillis in a user's chain) throws a plain TimeoutError.
    if (errorNameOf(error) === 'TimeoutError' && !isInstanceSafely(error, ChannelFlowError)) {
      request.error = error = new ProcessorTimeoutError(state.budgetMs ?? 0, { cause: error });
    }
    logger.error('Processor failed; applying the error policy', {
      messageId: event.ChannelMessage.MessageId,
      callbackId: event.CallbackId,
      policy: config.onError,
      ...errorFields(error, logErrorMessages),
    });
    if (config.onError === 'rethrow') return;
    const decision = config.onError === 'deny' ? deny(`error policy: ${errorNameOf(error)}`) : noChange();
    request.response = await answer(state, event, decision, 'policy', { cause: error });
  };

  /** For {@link channelFlowProcessor}'s requestEnd: a middleware that returned early skipped the after hooks. */
  // Not async: the common case (already answered) returns nothing, and middy awaits only a promise.
  const channelFlowCallbackEnsureAnswered = (request: ChannelFlowRequest): Promise<void> | undefined => {
    const state = request.internal[STATE_KEY] as InvocationState | undefined;
    if (!state?.event || state.callbackStarted || request.error) return undefined;
    const early = request.response;
    const decided = isDecision(early);
    const decision = decided
      ? early
      : config.onError === 'deny'
        ? deny('error policy: early response without a decision')
        : noChange();
    logger.warn('A middleware returned early; answering the callback so the message is not left PENDING', {
      messageId: state.event.ChannelMessage.MessageId,
      callbackId: state.event.CallbackId,
      action: decision.action,
    });
    return answer(state, state.event, decision, decided ? 'processor' : 'policy').then(() => undefined);
  };

  return {
    before: channelFlowCallbackBefore,
    after: channelFlowCallbackAfter,
    onError: channelFlowCallbackOnError,
    ensureAnswered: channelFlowCallbackEnsureAnswered,
    config,
  } as MiddlewareObj & ChannelFlowCallbackHooks;
}

/** Extra members of the middleware object, used by channelFlowProcessor. */
export interface ChannelFlowCallbackHooks {
  /** Answers an invocation that a middleware cut short (early response); no-op otherwise. */
  ensureAnswered: (request: ChannelFlowRequest) => Promise<void> | undefined;
  /** The validated options, with defaults. */
  config: ResolvedOptions;
}

/** An answerable event whose other fields failed parsing: echo only the ids and well-typed text. */
function safeEcho(event: ChannelFlowEvent): ChannelFlowEvent {
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
