import type {
  ChannelFlowCallbackCommandInput,
  ChannelMessageCallback,
  PushNotificationConfiguration,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { Decision, MessagePatch } from '../decision/index.js';
import type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from '../event/types.js';
import { DecisionLimitError } from '../errors.js';
import { typeName } from '../values.js';
import { CALLBACK_LIMITS, lengthFor } from './limits.js';

type Attributes = Record<string, MessageAttributeValue>;
type PushPatch = NonNullable<MessagePatch['pushNotification']>;
/** A length limit in code points. */
type Range = { readonly min: number; readonly max: number };

const { contentMaxBytes } = CALLBACK_LIMITS;

/**
 * The text fields an update may set: patch key, callback field, limit. An absent
 * original counts as ''. Code points never outnumber UTF-8 bytes, so content's
 * byte limit also bounds its length; the bytes are checked on their own.
 */
const TEXT_FIELDS = [
  ['content', 'Content', { min: 1, max: contentMaxBytes }],
  ['metadata', 'Metadata', { min: 0, max: CALLBACK_LIMITS.metadataMax }],
  ['contentType', 'ContentType', { min: 0, max: CALLBACK_LIMITS.contentTypeMax }],
] as const;

/** `field` is the path under `ChannelMessage.`, joined only when throwing. */
const limitError = (field: string, limit: string, actual: string) =>
  new DecisionLimitError(`ChannelMessage.${field}`, limit, actual);

/** The one length check: `value` must be a string of `min` to `max` code points. */
function checkString(value: unknown, field: string, { min, max }: Range): asserts value is string {
  if (typeof value !== 'string') throw limitError(field, 'a string', typeName(value));
  const length = lengthFor(value, max);
  if (length < min || length > max) throw limitError(field, `${min} to ${max} characters`, `${length} characters`);
}

function checkContentBytes(content: string): void {
  // Counted only when it could pass the limit: a UTF-16 unit is at most 3 UTF-8 bytes.
  const bytes = content.length * 3 > contentMaxBytes ? Buffer.byteLength(content) : 0;
  if (bytes > contentMaxBytes) throw limitError('Content', `at most ${contentMaxBytes} UTF-8 bytes`, `${bytes} bytes`);
}

/** typeName tells null and arrays apart from objects. */
function checkObject(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (typeName(value) !== 'object') throw limitError(field, 'an object', typeName(value));
}

function checkAttributes(value: unknown): asserts value is Attributes {
  checkObject(value, 'MessageAttributes');
  for (const name of Object.keys(value)) {
    checkString(name, 'MessageAttributes name', CALLBACK_LIMITS.attributeName);
    const attribute = value[name];
    // typeName says 'array' for a bare array, which is not { StringValues } either.
    const values = typeName(attribute) === 'object' ? (attribute as MessageAttributeValue).StringValues : null;
    if (values === undefined) continue;
    if (!Array.isArray(values))
      throw limitError('MessageAttributes value', '{ StringValues: string[] }', typeName(attribute));
    for (const item of values) checkString(item, 'MessageAttributes value', CALLBACK_LIMITS.attributeValue);
  }
}

/** Only the fields given: an absent one stays absent rather than becoming undefined. */
function toPushNotification(push: unknown): PushNotificationConfiguration {
  checkObject(push, 'PushNotification');
  const { title, body, type } = push as PushPatch;
  const out: PushNotificationConfiguration = {};
  if (title !== undefined) {
    checkString(title, 'PushNotification.Title', CALLBACK_LIMITS.pushTitle);
    out.Title = title;
  }
  if (body !== undefined) {
    checkString(body, 'PushNotification.Body', CALLBACK_LIMITS.pushBody);
    out.Body = body;
  }
  if (type !== undefined) {
    if (!CALLBACK_LIMITS.pushTypes.includes(type))
      throw limitError('PushNotification.Type', 'DEFAULT or VOIP', typeName(type));
    out.Type = type;
  }
  return out;
}

/** Same names with the same StringValues (JSON.stringify compares the string arrays item by item). */
function sameAttributes(a: Attributes | undefined, b: Attributes | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || JSON.stringify(a[key]?.StringValues) !== JSON.stringify(b[key]?.StringValues))
      return false;
  }
  return true;
}

/** What a deny sends: only the ids (SubChannelId too on an elastic channel). */
function messageIds(message: ChannelMessage): ChannelMessageCallback {
  const out: ChannelMessageCallback = { MessageId: message.MessageId };
  if (message.SubChannelId !== undefined) out.SubChannelId = message.SubChannelId;
  return out;
}

/** The message as the sender wrote it, in callback form (nothing here is checked: the service accepted it). */
function originalMessage(message: ChannelMessage): ChannelMessageCallback {
  const out = messageIds(message);
  if (message.Content) out.Content = message.Content;
  if (typeof message.Metadata === 'string') out.Metadata = message.Metadata;
  if (message.MessageAttributes)
    out.MessageAttributes = message.MessageAttributes as ChannelMessageCallback['MessageAttributes'];
  if (typeof message.ContentType === 'string') out.ContentType = message.ContentType;
  return out;
}

/**
 * What an `update()` becomes: the original with the patched fields replaced and
 * checked; `undefined` when the patch changes nothing (sent as no-change).
 */
function updatedMessage(message: ChannelMessage, patch: MessagePatch): ChannelMessageCallback | undefined {
  const out = originalMessage(message);
  let changed = false;
  for (const [key, field, range] of TEXT_FIELDS) {
    const text = patch[key];
    if (text !== undefined && text !== (message[field] ?? '')) {
      checkString(text, field, range);
      if (field === 'Content') checkContentBytes(text);
      out[field] = text;
      changed = true;
    }
  }
  if (patch.messageAttributes !== undefined && !sameAttributes(patch.messageAttributes, message.MessageAttributes)) {
    checkAttributes(patch.messageAttributes);
    out.MessageAttributes = patch.messageAttributes as ChannelMessageCallback['MessageAttributes'];
    changed = true;
  }
  if (patch.pushNotification !== undefined) {
    out.PushNotification = toPushNotification(patch.pushNotification);
    changed = true;
  }
  return changed ? out : undefined;
}

/** Which action a decision really is once compared with the original (an update equal to it is a no-change). */
export type SentAction = Decision['action'];

/** The one shape of what resolveCallback returns, whatever the action. */
const resolved = (
  event: ChannelFlowEvent,
  deleteResource: boolean,
  message: ChannelMessageCallback,
  action: SentAction,
) => ({
  input: {
    CallbackId: event.CallbackId,
    ChannelArn: event.ChannelMessage.ChannelArn,
    DeleteResource: deleteResource,
    ChannelMessage: message,
  },
  action,
});

/**
 * Turns an event and a decision into the `ChannelFlowCallbackCommandInput` to send,
 * or throws {@link DecisionLimitError} naming the field, the limit and the actual
 * size. Pure: no I/O, the inputs are not mutated.
 *
 * @param event - The parsed invocation event.
 * @param decision - What the processor decided.
 * @returns The input of `ChannelFlowCallbackCommand`.
 * @throws {@link DecisionLimitError} for a decision over a callback limit.
 * @example
 * import { toCallbackInput, update } from 'chime-channel-flow';
 * const input = toCallbackInput(event, update({ content: 'hi' }));
 * // { CallbackId, ChannelArn, DeleteResource: false, ChannelMessage: { MessageId, Content: 'hi', ... } }
 */
export function toCallbackInput(event: ChannelFlowEvent, decision: Decision): ChannelFlowCallbackCommandInput {
  return resolveCallback(event, decision).input;
}

/**
 * {@link toCallbackInput} plus the action it really sends (an update equal to the original is a no-change).
 *
 * @example
 * resolveCallback(event, update({ content: event.ChannelMessage.Content })).action; // 'noChange'
 */
export function resolveCallback(
  event: ChannelFlowEvent,
  decision: Decision,
): { input: ChannelFlowCallbackCommandInput; action: SentAction } {
  const message = event.ChannelMessage;
  if (decision.action === 'deny') return resolved(event, true, messageIds(message), 'deny');
  const updated = decision.action === 'update' ? updatedMessage(message, decision.patch) : undefined;
  return updated
    ? resolved(event, false, updated, 'update')
    : resolved(event, false, originalMessage(message), 'noChange');
}
