import { errorNameOf, readSafely } from '../values.js';
import type { InvocationSummary } from './types.js';

// Powertools Idempotency's middleware keeps its handler in request.internal under this key (IDEMPOTENCY_KEY in
// @aws-lambda-powertools/commons), and sets `.skip` when the event had no idempotency key.
const IDEMPOTENCY_HANDLER_KEY = 'powertools-for-aws.idempotency.idempotencyHandler';
const IDEMPOTENCY_SKIP_KEY = 'powertools-for-aws.idempotency.skip';

/** Thrown by Powertools Idempotency while another delivery of the same key is still running. */
const IN_PROGRESS_ERROR = 'IdempotencyAlreadyInProgressError';

const ACTIONS: readonly unknown[] = ['update', 'deny', 'noChange'];

/**
 * True for what the package's handler resolves to: the shape an idempotency store replays.
 *
 * @param value - a response
 * @returns whether it is an {@link InvocationSummary}
 * @example
 * isInvocationSummary(await handler(event, context)); // true
 */
function isInvocationSummary(value: unknown): value is InvocationSummary {
  // Read safely: an early response may be anything, a Proxy included.
  return (
    typeof readSafely(value, 'callbackId') === 'string' &&
    typeof readSafely(value, 'messageId') === 'string' &&
    ACTIONS.includes(readSafely(value, 'action')) &&
    typeof readSafely(value, 'duplicate') === 'boolean'
  );
}

/**
 * An early response is a replay of an earlier delivery's result when it is that delivery's summary for
 * the same CallbackId, or when Powertools Idempotency ran in this request (it returns early only with a
 * stored result). Either way the earlier delivery answered: no second callback, no error policy.
 *
 * @param response - the early response
 * @param callbackId - this event's CallbackId
 * @param internal - `request.internal`
 * @returns whether the response replays an earlier delivery
 * @example
 * if (isReplay(request.response, event.CallbackId, request.internal)) logger.info('duplicate delivery');
 */
export function isReplay(response: unknown, callbackId: string, internal: Record<string, unknown>): boolean {
  if (isInvocationSummary(response)) return readSafely(response, 'callbackId') === callbackId;
  return internal[IDEMPOTENCY_HANDLER_KEY] !== undefined && internal[IDEMPOTENCY_SKIP_KEY] !== true;
}

/**
 * True for Powertools Idempotency's error for a concurrent duplicate (the record is in progress).
 *
 * @param error - a thrown value
 * @returns whether another delivery of this key is still running
 * @example
 * if (isInProgressDuplicate(request.error)) return; // the other delivery answers
 */
export const isInProgressDuplicate = (error: unknown): boolean => errorNameOf(error) === IN_PROGRESS_ERROR;

/**
 * Keeps Powertools Idempotency's `onError` from deleting the record of the delivery in progress: it
 * deletes "its" record on any error, its own in-progress error included, and a deleted record lets a
 * later redelivery run the side effect again. Effective when the package's middleware runs inside
 * Powertools' (its `onError` first), as documented.
 *
 * @param internal - `request.internal`
 * @example
 * if (isInProgressDuplicate(request.error)) keepInProgressRecord(request.internal);
 */
export function keepInProgressRecord(internal: Record<string, unknown>): void {
  if (internal[IDEMPOTENCY_HANDLER_KEY] !== undefined) internal[IDEMPOTENCY_SKIP_KEY] = true;
}
