import type {
  ChannelFlowCallbackCommandInput,
  ChannelFlowCallbackCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { OperationHandler } from './context.js';
import { channelOrThrow } from './context.js';
import { STANDARD_MAX_BYTES } from './messages.js';
import { ErrorShape, ServiceError } from '../errors.js';
import { patchOf } from '../flow/lookup.js';

/**
 * CallbackId is an idempotency token, so the SDK types it optional (it fills one in when the caller
 * gives none); the model requires it on the wire, and validation checked it before the handler runs.
 */
type CallbackInput = ChannelFlowCallbackCommandInput & { CallbackId: string };

/** Options the server passes to the callback handler: fault injection between claim and commit. */
export interface CallbackHooks {
  /** Runs after the CallbackId is claimed and before the outcome commits (latency, reset). Throwing gives the id back. */
  beforeCommit?: () => Promise<void>;
}

/**
 * ChannelFlowCallback: the processor's answer. Validates, claims the CallbackId (a racing twin
 * gets ConflictException), then moves the message to SENT or drops it (DENIED).
 */
export function channelFlowCallback(
  hooks: CallbackHooks = {},
): OperationHandler<CallbackInput, ChannelFlowCallbackCommandOutput> {
  return async (ctx) => {
    const { ChannelArn, CallbackId, DeleteResource, ChannelMessage } = ctx.input;
    channelOrThrow(ctx, ChannelArn);
    if (
      ChannelMessage.Content !== undefined &&
      Buffer.byteLength(ChannelMessage.Content, 'utf8') > STANDARD_MAX_BYTES
    ) {
      throw new ServiceError(
        ErrorShape.BadRequest,
        `Invalid input: ChannelMessage.Content must be at most ${STANDARD_MAX_BYTES} bytes`,
      );
    }
    const commit = ctx.engine.claimCallback(ChannelArn, CallbackId, ChannelMessage.MessageId);
    if (hooks.beforeCommit) {
      try {
        await hooks.beforeCommit();
      } catch (error) {
        ctx.engine.unclaim(CallbackId);
        throw error;
      }
    }
    commit(DeleteResource === true, patchOf(ChannelMessage));
    return { body: { ChannelArn, CallbackId } };
  };
}
