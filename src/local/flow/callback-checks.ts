import { ErrorShape, ServiceError } from '../errors.js';
import type { Store } from '../state/store.js';
import type { CallbackRecord, MessageRecord, MessageVersion } from '../state/types.js';
import { PATCH_FIELDS } from './lookup.js';
import type { MessageOutcome } from './types.js';

/**
 * The callback record and PENDING message a ChannelFlowCallback may settle, checked as the
 * service does: an unknown or foreign id and one being processed are ConflictException; an id
 * whose message is no longer pending, or a MessageId that does not match, is BadRequestException.
 *
 * @throws {@link ServiceError} when the callback may not be applied (after calling `onReject`)
 * @internal
 */
export function claimableCallback(
  store: Store,
  { channelArn, callbackId, messageId }: { channelArn: string; callbackId: string; messageId: string },
  onReject: () => void,
): { record: CallbackRecord; message: MessageRecord } {
  const reject = (shape: ErrorShape, text: string): never => {
    onReject();
    throw new ServiceError(shape, text);
  };
  const record = store.callbacks.get(callbackId);
  if (!record || record.channelArn !== channelArn)
    return reject(ErrorShape.Conflict, `Callback id ${callbackId} is not a pending callback of this channel`);
  if (record.state === 'inflight')
    return reject(ErrorShape.Conflict, `A callback for callback id ${callbackId} is already being processed`);
  const message = store.getMessage(channelArn, record.messageId);
  if (record.state === 'used' || !message?.pending || message.pending.callbackId !== callbackId)
    return reject(
      ErrorShape.BadRequest,
      `Unable to complete processing of non-pending message for callback id ${callbackId}`,
    );
  if (record.messageId !== messageId)
    return reject(
      ErrorShape.BadRequest,
      `Invalid input: ChannelMessage.MessageId does not match callback id ${callbackId}`,
    );
  return { record, message };
}

/** `version` with the patch fields a callback set; `changed` when any differs from before. @internal */
export function patchedVersion(
  version: MessageVersion,
  patch: Partial<MessageVersion>,
): { next: MessageVersion; changed: boolean } {
  const next: MessageVersion = { ...version };
  let changed = false;
  for (const key of PATCH_FIELDS) {
    if (patch[key] === undefined) continue;
    if (JSON.stringify(patch[key]) !== JSON.stringify(next[key])) changed = true;
    Object.assign(next, { [key]: patch[key] });
  }
  return { next, changed };
}

/** The lifecycle event type announcing an outcome. @internal */
export function outcomeEventType(outcome: MessageOutcome): 'denied' | 'failed' | 'updated' | 'sent' {
  if (outcome.status === 'DENIED') return 'denied';
  if (outcome.status === 'FAILED') return 'failed';
  return outcome.isEdit ? 'updated' : 'sent';
}
