import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { defaultChimeClient } from '../callback/client.js';
import { sendChannelFlowCallback } from '../callback/send.js';
import { resolveCallback } from '../callback/to-callback-input.js';
import { deny, isDecision, noChange, type Decision } from '../decision/index.js';
import { ChannelFlowError, InvalidDecisionError, InvalidEventError, ProcessorTimeoutError, typeName } from '../errors.js';
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

const roundMs = (ms: number) => Math.round(ms * 100) / 100;
const errorName = (error: unknown) => (error instanceof Error ? error.name : typeName(error));
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : 'non-error value thrown');

function remainingMs(context: Context | undefined): number | undefined {
  const remaining = context?.getRemainingTimeInMillis?.();
  return typeof remaining === 'number' && Number.isFinite(remaining) ? remaining : undefined;
}

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
  const { logger } = config;
  const service = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'chime-channel-flow';

  /** One EMF line when metrics are on; flags rather than an options object keep the off path allocation-free. */
  const report = (summary: InvocationSummary | undefined, latencyMs: number, callbackForbidden: boolean, callbackFailed: boolean) => {
    if (!config.metrics) return;
    emitInvocationMetrics(
      { action: summary?.action, decidedBy: summary?.decidedBy, duplicate: summary?.duplicate, latencyMs, callbackForbidden, callbackFailed },
      { namespace: config.metrics.namespace, service },
    );
  };

  /** Sends the one callback for this invocation and builds the summary. */
  const answer = async (state: InvocationState, event: ChannelFlowEvent, decision: Decision, decidedBy: InvocationSummary['decidedBy'], cause?: unknown): Promise<InvocationSummary> => {
    const { input, action } = state.eventValid ? resolveCallback(event, decision) : resolveCallback(safeEcho(event), decision);
    state.callbackStarted = true;
    const deadlineAt = state.deadlineAt === undefined ? Date.now() + NO_DEADLINE_CALLBACK_MS : state.deadlineAt - RETURN_RESERVE_MS;
    const ids = { messageId: event.ChannelMessage.MessageId, callbackId: event.CallbackId };
    let outcome;
    try {
      outcome = await sendChannelFlowCallback(config.client(), input, deadlineAt);
    } catch (error) {
      const latencyMs = roundMs(performance.now() - state.startedAt);
      logger.error('ChannelFlowCallback failed; the message is still PENDING', { ...ids, action, errorName: (error as ChannelFlowError).name, statusCode: (error as { statusCode?: number }).statusCode, durationMs: latencyMs });
      report(undefined, latencyMs, false, true);
      throw error;
    }
    const duplicate = outcome.status !== 'sent';
    const summary: InvocationSummary = { ...ids, action, decidedBy, duplicate, durationMs: roundMs(performance.now() - state.startedAt) };
    if (decision.rule !== undefined) summary.rule = decision.rule;
    if (cause !== undefined) summary.error = errorName(cause);
    let forbidden = false;
    if (outcome.status === 'sent') {
      rememberAnswered(event.CallbackId);
      logger.info('ChannelFlowCallback sent', { ...summary, reason: decision.action === 'deny' ? decision.reason : undefined });
    } else if (outcome.status === 'duplicate' || wasAnswered(event.CallbackId)) {
      logger.info('Callback refused as a duplicate: this CallbackId was already answered', { ...summary, refusedWith: outcome.refusedWith });
    } else {
      forbidden = true;
      logger.error(
        'ChannelFlowCallback refused with 403: either another delivery of this event already answered it, or the function role lacks chime:ChannelFlowCallback on this channel',
        { ...summary, refusedWith: outcome.refusedWith },
      );
    }
    report(summary, summary.durationMs, forbidden, false);
    return summary;
  };

  const channelFlowCallbackBefore = (request: ChannelFlowRequest): void => {
    const remaining = remainingMs(request.context);
    const state: InvocationState = {
      startedAt: performance.now(),
      deadlineAt: remaining === undefined ? undefined : Date.now() + remaining,
      budgetMs: remaining === undefined ? undefined : Math.max(0, remaining - config.deadlineMarginMs),
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
    // Nothing to answer with, or the callback itself failed: let the invocation fail loudly.
    if (!state?.event || state.callbackStarted) {
      if (!state?.callbackStarted) logger.error('Invalid channel flow event: no callback can be sent', { errorName: errorName(request.error), errorMessage: errorMessage(request.error) });
      return;
    }
    const event = state.event;
    let error = request.error;
    if (errorName(error) === 'TimeoutError' && !(error instanceof ChannelFlowError)) {
      error = new ProcessorTimeoutError(state.budgetMs ?? 0, { cause: error });
      request.error = error;
    }
    logger.error('Processor failed; applying the error policy', {
      messageId: event.ChannelMessage.MessageId,
      callbackId: event.CallbackId,
      policy: config.onError,
      errorName: errorName(error),
      errorMessage: errorMessage(error),
    });
    if (config.onError === 'rethrow') return;
    const decision = config.onError === 'deny' ? deny(`error policy: ${errorName(error)}`) : noChange();
    request.response = await answer(state, event, decision, 'policy', error);
  };

  /** For {@link channelFlowProcessor}'s requestEnd: a middleware that returned early skipped the after hooks. */
  // Not async: the common case (already answered) returns nothing, and middy awaits only a promise.
  const channelFlowCallbackEnsureAnswered = (request: ChannelFlowRequest): Promise<void> | undefined => {
    const state = request.internal[STATE_KEY] as InvocationState | undefined;
    if (!state?.event || state.callbackStarted || request.error) return undefined;
    const early = request.response;
    const decision = isDecision(early) ? early : config.onError === 'deny' ? deny('error policy: early response without a decision') : noChange();
    logger.warn('A middleware returned early; answering the callback so the message is not left PENDING', {
      messageId: state.event.ChannelMessage.MessageId,
      callbackId: state.event.CallbackId,
      action: decision.action,
    });
    return answer(state, state.event, decision, isDecision(early) ? 'processor' : 'policy').then(() => undefined);
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
  const m = event.ChannelMessage;
  const message: ChannelFlowEvent['ChannelMessage'] = {
    MessageId: m.MessageId,
    ChannelArn: m.ChannelArn,
    Content: typeof m.Content === 'string' ? m.Content : '',
  };
  if (typeof m.Metadata === 'string') message.Metadata = m.Metadata;
  if (m.SubChannelId !== undefined) message.SubChannelId = m.SubChannelId;
  return { EventType: 'CHANNEL_MESSAGE_EVENT', CallbackId: event.CallbackId, ChannelMessage: message };
}

