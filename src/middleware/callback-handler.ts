import type { Context } from 'aws-lambda';
import { defaultChimeClient } from '../callback/client.js';
import { beforeDeadline } from '../deadline.js';
import { type Decision, deny, isDecision, noChange } from '../decision/index.js';
import { ChannelFlowError, InvalidDecisionError, InvalidEventError, ProcessorTimeoutError } from '../errors.js';
import { parseChannelFlowEvent } from '../event/parse.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { type Answer, createAnswer } from './answer.js';
import { errorFields, isInstanceSafely } from '../logging/error-fields.js';
import { errorNameOf } from '../values.js';
import { idsOf, type InvocationState, newInvocationState, sinceMs } from './invocation-state.js';
import { type ResolvedOptions, resolveProcessorOptions } from './options.js';
import { isInProgressDuplicate, isReplay } from './replay.js';
import { traced } from './tracing.js';
import type { InvocationSummary, Processor, ProcessorContext, ProcessorOptions } from './types.js';

/**
 * One channel-flow invocation, step by step, with or without middy: parse the event, run the
 * processor before its deadline, send exactly one ChannelFlowCallback, apply the error policy,
 * and answer an invocation a middleware cut short. `channelFlowCallback()` and
 * `channelFlowProcessor()` are thin middy adapters over it; {@link handle} is the whole
 * invocation for code that does not use middy.
 *
 * @example
 * import { ChannelFlowCallbackHandler, noChange } from 'chime-channel-flow';
 * const flow = new ChannelFlowCallbackHandler({ onError: 'deny' });
 * export const handler = (event: unknown, context: import('aws-lambda').Context) => flow.handle(event, context, () => noChange());
 */
export class ChannelFlowCallbackHandler {
  /** The validated options, with defaults. */
  readonly config: ResolvedOptions;
  readonly #answer: Answer;

  /**
   * @param options - the same options as `channelFlowProcessor`
   * @throws {@link InvalidOptionsError} for options that cannot work
   */
  constructor(options: ProcessorOptions = {}) {
    this.config = resolveProcessorOptions(options, defaultChimeClient);
    this.#answer = createAnswer(this.config);
  }

  /**
   * Starts an invocation: its clock and deadline.
   *
   * @param context - the Lambda context
   * @returns the invocation's state, to pass to the other steps
   */
  start(context: Context | undefined): InvocationState {
    return newInvocationState(context, this.config.deadlineMarginMs, this.config.logger);
  }

  /**
   * Parses the event into the state.
   *
   * @param state - from {@link start}
   * @param event - the raw invocation event
   * @returns the typed event
   * @throws {@link InvalidEventError}; when still answerable, `state.event` is set so {@link fail} answers it
   */
  parse(state: InvocationState, event: unknown): ChannelFlowEvent {
    try {
      state.event = parseChannelFlowEvent(event);
      state.eventValid = true;
      this.#correlate(state.event);
      return state.event;
    } catch (error) {
      if (error instanceof InvalidEventError && error.answerable) state.event = event as ChannelFlowEvent;
      throw error;
    }
  }

  /**
   * Runs a processor with its context and deadline (remaining time minus `deadlineMarginMs`);
   * a synchronous decision is returned as is, without a timer.
   *
   * @param processor - the user's processor
   * @param event - the parsed event
   * @param context - the Lambda context
   * @returns what the processor returns, or a promise of it cut off at the deadline
   * @throws {@link ProcessorTimeoutError} (as a rejection) at the deadline, or what the processor throws
   */
  run(processor: Processor, event: ChannelFlowEvent, context: Context): unknown {
    return traced(
      this.config.tracer,
      'ChannelFlowProcessor',
      () => this.#runBeforeDeadline(processor, event, context),
      (decision) => ({ action: isDecision(decision) ? decision.action : 'none' }),
    );
  }

  #runBeforeDeadline(processor: Processor, event: ChannelFlowEvent, context: Context): unknown {
    // The controller is made only if the processor reads `signal` or the deadline fires: most never do.
    let controller: AbortController | undefined;
    let timedOut = false;
    const ctx: ProcessorContext = {
      event,
      context,
      logger: this.config.logger,
      get signal() {
        controller ??= new AbortController();
        if (timedOut && !controller.signal.aborted) controller.abort();
        return controller.signal;
      },
    };
    const decision: unknown = processor(event.ChannelMessage, ctx);
    const remaining = context?.getRemainingTimeInMillis?.();
    if (typeof (decision as PromiseLike<unknown> | undefined)?.then !== 'function' || typeof remaining !== 'number')
      return decision;
    const budgetMs = Math.max(0, remaining - this.config.deadlineMarginMs);
    return beforeDeadline(decision as PromiseLike<unknown>, Date.now() + budgetMs, () => {
      timedOut = true;
      controller?.abort();
      return new ProcessorTimeoutError(budgetMs);
    });
  }

  /**
   * Turns the processor's decision into the one callback.
   *
   * @param state - the invocation's state, with its event parsed
   * @param response - what the processor (and any later middleware) returned
   * @returns the summary of what was sent
   * @throws {@link InvalidDecisionError} or {@link DecisionLimitError} (for {@link fail}), or CallbackError
   */
  finish(state: InvocationState, response: unknown): Promise<InvocationSummary> {
    if (!isDecision(response)) throw new InvalidDecisionError(response);
    return this.#answer(state, state.event as ChannelFlowEvent, response, 'processor');
  }

  /**
   * Applies the error policy: answers with deny or allow, or sends nothing for `rethrow`, for an event
   * that cannot be answered, for a callback that already failed, and for a concurrent duplicate.
   *
   * @param state - the invocation's state, if it was started
   * @param error - what was thrown
   * @param rawEvent - the raw event, for a state that never saw it
   * @returns the summary when the policy answered, and the error to surface otherwise
   */
  async fail(
    state: InvocationState | undefined,
    error: unknown,
    rawEvent?: unknown,
  ): Promise<{ summary?: InvocationSummary; error: unknown }> {
    const { logger, logErrorMessages, onError } = this.config;
    const event = state?.event;
    // The callback itself failed (already logged): let the invocation fail loudly.
    if (state?.callbackStarted) return { error };
    if (isInProgressDuplicate(error)) {
      this.#logDuplicate(
        event ?? lenientParse(rawEvent),
        state,
        'another delivery is in progress; Lambda retries this one',
      );
      return { error };
    }
    if (!state || !event) {
      logger.error('Invalid channel flow event: no callback can be sent', errorFields(error, logErrorMessages));
      return { error };
    }
    // middy's own early timeout (timeoutEarlyInMillis in a user's chain) throws a plain TimeoutError.
    const surfaced =
      errorNameOf(error) === 'TimeoutError' && !isInstanceSafely(error, ChannelFlowError)
        ? new ProcessorTimeoutError(state.budgetMs ?? 0, { cause: error })
        : error;
    logger.error('Processor failed; applying the error policy', {
      ...idsOf(event),
      policy: onError,
      ...errorFields(surfaced, logErrorMessages),
    });
    if (onError === 'rethrow') return { error: surfaced };
    const decision = this.#policyDecision(errorNameOf(surfaced));
    return { summary: await this.#answer(state, event, decision, 'policy', { cause: surfaced }), error: surfaced };
  }

  /**
   * The safety net for an invocation a middleware cut short (an early response skips every `after`
   * hook): a replay of an earlier delivery's result is logged once as a duplicate and answered by no
   * callback; a decision is sent; anything else is answered by the policy. No-op once answered.
   *
   * @param request - the middy request at its end
   * @param started - the invocation's state, when the package's `before` ran
   * @returns a promise when there was something to do
   */
  settle(
    request: { event: unknown; response: unknown; error: unknown; internal: Record<string, unknown> },
    started: InvocationState | undefined,
  ): Promise<void> | undefined {
    if (request.error || started?.callbackStarted) return undefined;
    const event = started?.event ?? lenientParse(request.event);
    if (!event) return undefined;
    const { response } = request;
    if (isReplay(response, event.CallbackId, request.internal)) {
      this.#logDuplicate(event, started, 'an earlier delivery answered it (idempotency record)');
      this.config.metrics?.flushLate();
      return undefined;
    }
    // Without our `before`, the event parsed just now: it is valid.
    const state = started ?? { ...this.start(undefined), event, eventValid: true };
    const decided = isDecision(response);
    const decision = decided ? response : this.#policyDecision('early response without a decision');
    this.config.logger.warn('A middleware returned early; answering the callback', {
      ...idsOf(event),
      action: decision.action,
    });
    return this.#answer(state, event, decision, decided ? 'processor' : 'policy').then(() => undefined);
  }

  /**
   * The whole invocation without middy: parse, run, answer, apply the policy.
   *
   * @param event - the raw invocation event
   * @param context - the Lambda context
   * @param processor - the user's processor
   * @returns the summary of what was sent
   * @throws what the policy does not answer: an unanswerable event, `rethrow`, a failed callback
   */
  async handle(event: unknown, context: Context, processor: Processor): Promise<InvocationSummary> {
    const state = this.start(context);
    try {
      const parsed = this.parse(state, event);
      return await this.finish(state, await this.run(processor, parsed, context));
    } catch (error) {
      const { summary, error: surfaced } = await this.fail(state, error, event);
      if (summary) return summary;
      throw surfaced;
    }
  }

  /** What the policy answers with when the processor gave no usable decision. */
  #policyDecision(why: string): Decision {
    return this.config.onError === 'deny' ? deny(`error policy: ${why}`) : noChange();
  }

  /** Every log line of the invocation carries the CallbackId, with a logger that supports it. */
  #correlate(event: ChannelFlowEvent | undefined): void {
    if (event) this.config.logger.setCorrelationId?.(event.CallbackId);
  }

  #logDuplicate(event: ChannelFlowEvent | undefined, state: InvocationState | undefined, why: string): void {
    this.#correlate(event);
    this.config.logger.info(`Duplicate delivery: ${why}; no callback sent`, { ...idsOf(event), duplicate: true });
    this.config.metrics?.record({ duplicate: true, latencyMs: state ? sinceMs(state.startedAt) : 0 });
  }
}

/** The event, if it parses; for steps that run without the package's `before`. */
function lenientParse(event: unknown): ChannelFlowEvent | undefined {
  try {
    return parseChannelFlowEvent(event);
  } catch {
    return undefined;
  }
}
