import { type CallbackOutcome, sendChannelFlowCallback } from '../callback/send.js';
import { fitCallback } from '../callback/fit-decision.js';
import type { Decision } from '../decision/index.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { rememberAnswered, wasAnswered } from './answered-callbacks.js';
import { explainForbidden } from './forbidden-causes.js';
import { errorNameOf, typeName } from '../values.js';
import { idsOf, type InvocationState, safeEcho, sinceMs } from './invocation-state.js';
import type { ResolvedOptions } from './options.js';
import { traced } from './tracing.js';
import type { InvocationSummary } from './types.js';

/** No Lambda deadline (tests, scripts): give the callback this long. */
const NO_DEADLINE_CALLBACK_MS = 30_000;
/** Kept back from the Lambda deadline so the handler can still return after a cut-off callback. */
const RETURN_RESERVE_MS = 50;

/** Sends the one callback of an invocation, logs how it went and records its metrics. */
export type Answer = (
  state: InvocationState,
  event: ChannelFlowEvent,
  decision: Decision,
  decidedBy: InvocationSummary['decidedBy'],
  failure?: { cause: unknown },
) => Promise<InvocationSummary>;

/** A decision's `reason` or `rule` as logged: a string as is, anything else (a cycle, a BigInt) by its type. */
const loggable = (value: unknown): string => (typeof value === 'string' ? value : `[${typeName(value)}]`);

/**
 * Builds the answering step for one handler's options.
 *
 * @param config - the resolved options
 * @returns the {@link Answer} function
 * @throws nothing itself; the returned function rejects with CallbackError when the callback fails for good
 * @example
 * const answer = createAnswer(config);
 * const summary = await answer(state, event, noChange(), 'processor');
 */
export function createAnswer(config: ResolvedOptions): Answer {
  const { logger, metrics, tracer } = config;

  return async function channelFlowCallbackAnswer(state, event, decision, decidedBy, failure) {
    const { input, action, fitted } = fitCallback(state.eventValid ? event : safeEcho(event), decision);
    state.callbackStarted = true;
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
      const { name, field, limit, actual } = fitted.limitError;
      summary.error = name;
      logger.warn(`Decision breaks a ChannelFlowCallback limit: message ${fitted.how}`, {
        ...idsOf(event),
        field,
        limit,
        actual,
      });
    }
    const deadlineAt =
      state.deadlineAt === undefined ? Date.now() + NO_DEADLINE_CALLBACK_MS : state.deadlineAt - RETURN_RESERVE_MS;
    let outcome: CallbackOutcome;
    try {
      outcome = await traced(
        tracer,
        'ChannelFlowCallback',
        () => sendChannelFlowCallback(config.client(), input, deadlineAt),
        (result) => ({ action, decidedBy, duplicate: result.status !== 'sent' }),
      );
    } catch (error) {
      summary.durationMs = sinceMs(state.startedAt);
      const { errorName, code, statusCode, causeLine } = error as Record<string, unknown>;
      logger.error('ChannelFlowCallback failed; the message is still PENDING', {
        ...summary,
        errorName,
        errorCode: code,
        statusCode,
        cause: causeLine,
      });
      metrics?.record({ latencyMs: summary.durationMs, callbackFailed: true });
      throw error;
    }
    summary.duplicate = outcome.status !== 'sent';
    summary.durationMs = sinceMs(state.startedAt);
    let callbackForbidden = false;
    if (outcome.status === 'sent') {
      rememberAnswered(summary.callbackId);
      // A clean message is the common case: metrics count them, and LOG_LEVEL=debug logs them too.
      const routine = action === 'noChange' && summary.decidedBy === 'processor';
      const reason = decision.action === 'deny' ? decision.reason : undefined;
      logger[routine ? 'debug' : 'info'](
        'ChannelFlowCallback sent',
        reason === undefined ? summary : { ...summary, reason: loggable(reason) },
      );
    } else if (outcome.status === 'duplicate' || wasAnswered(summary.callbackId)) {
      logger.info('ChannelFlowCallback refused as a duplicate: this CallbackId was already answered', {
        ...summary,
        refusedWith: outcome.refusedWith,
      });
    } else {
      callbackForbidden = true;
      const { message, attributes } = explainForbidden(event);
      logger.error(message, { ...summary, refusedWith: outcome.refusedWith, ...attributes });
    }
    metrics?.record({ ...summary, latencyMs: summary.durationMs, callbackForbidden });
    return summary;
  };
}
