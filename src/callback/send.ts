import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChannelFlowCallbackCommandInput, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { CallbackError, ChannelFlowError } from '../errors.js';
import { beforeDeadline } from '../deadline.js';

/** How the service took a callback. */
export type CallbackOutcome =
  /** Accepted. */
  | { status: 'sent' }
  /** Refused because the CallbackId was already answered (at-least-once redelivery). */
  | { status: 'duplicate'; refusedWith: string }
  /** Refused with 403: a duplicate, or a role without chime:ChannelFlowCallback; the caller decides how loud. */
  | { status: 'forbidden'; refusedWith: string };

const NON_PENDING = /non-pending message/i;
const SENT: CallbackOutcome = Object.freeze({ status: 'sent' });

/**
 * Which refusals mean "already answered". The service has been seen refusing a
 * redelivered callback with 409, with a 400 naming a non-pending message, and with a
 * generic 403; none is worth retrying. Everything else is a real failure.
 *
 * @example
 * classifyRefusal(conflictError); // { status: 'duplicate', refusedWith: 'ConflictException' }
 */
function classifyRefusal(error: unknown): CallbackOutcome | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'ConflictException') return { status: 'duplicate', refusedWith: name };
  if (name === 'BadRequestException' && NON_PENDING.test(String((error as { message?: unknown }).message))) {
    return { status: 'duplicate', refusedWith: name };
  }
  if (name === 'ForbiddenException') return { status: 'forbidden', refusedWith: name };
  return undefined;
}

class DeadlineReachedError extends ChannelFlowError {
  constructor() {
    super('Lambda deadline reached before the callback was accepted');
    this.name = 'DeadlineReachedError';
  }
}

/**
 * Sends one ChannelFlowCallback through the client's own retry strategy, cut off
 * at `deadlineAt` (epoch ms): a retry backoff can outlast the Lambda otherwise.
 * Resolves to the outcome, or rejects with {@link CallbackError}.
 *
 * @example
 * const outcome = await sendChannelFlowCallback(client, toCallbackInput(event, noChange()), Date.now() + 2000);
 * if (outcome.status !== 'sent') console.log('already answered');
 */
export async function sendChannelFlowCallback(
  client: ChimeSDKMessagingClient,
  input: ChannelFlowCallbackCommandInput,
  deadlineAt: number,
): Promise<CallbackOutcome> {
  // A timer, not an abortSignal: the send is on every invocation's path and the timer is the cheaper of
  // the two (figures in docs/benchmarks.md).
  // A send still running at the deadline is left to finish or fail on its own; at worst it is one
  // more refused duplicate.
  try {
    await beforeDeadline(
      client.send(new ChannelFlowCallbackCommand(input)),
      deadlineAt,
      () => new DeadlineReachedError(),
    );
    return SENT;
  } catch (error) {
    const refusal = classifyRefusal(error);
    if (refusal) return refusal;
    throw new CallbackError(input.ChannelMessage?.MessageId ?? '', input.CallbackId ?? '', error);
  }
}
