import type { ChannelFlowCallbackCommandInput, ChannelMessageCallback, PushNotificationConfiguration } from '@aws-sdk/client-chime-sdk-messaging';
import type { Decision, MessagePatch } from '../decision/index.js';
import type { ChannelFlowEvent, ChannelMessage, MessageAttributeValue } from '../event/types.js';
import { DecisionLimitError, typeName } from '../errors.js';
import { CALLBACK_LIMITS, lengthFor } from './limits.js';

type Attributes = Record<string, MessageAttributeValue>;

function checkString(value: unknown, field: string, min: number, max: number): asserts value is string {
  if (typeof value !== 'string') throw new DecisionLimitError(field, 'a string', typeName(value));
  const length = lengthFor(value, max);
  if (length < min || length > max) throw new DecisionLimitError(field, `${min} to ${max} characters`, `${length} characters`);
}

function checkContent(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new DecisionLimitError('ChannelMessage.Content', 'a string', typeName(value));
  if (value.length === 0) throw new DecisionLimitError('ChannelMessage.Content', 'at least 1 character', '0 characters');
  // Byte length only when it could pass the limit: 4096 UTF-16 units are at most 12288 bytes.
  if (value.length > CALLBACK_LIMITS.contentMaxBytes / 3) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > CALLBACK_LIMITS.contentMaxBytes) {
      throw new DecisionLimitError('ChannelMessage.Content', `at most ${CALLBACK_LIMITS.contentMaxBytes} UTF-8 bytes`, `${bytes} bytes`);
    }
  }
}

function checkAttributes(value: unknown): asserts value is Attributes {
  const field = 'ChannelMessage.MessageAttributes';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DecisionLimitError(field, 'an object', typeName(value));
  const { attributeName, attributeValue } = CALLBACK_LIMITS;
  for (const name of Object.keys(value)) {
    const nameLength = lengthFor(name, attributeName.max);
    if (nameLength < attributeName.min || nameLength > attributeName.max) {
      throw new DecisionLimitError(`${field} name`, `${attributeName.min} to ${attributeName.max} characters`, `${nameLength} characters`);
    }
    const attribute: unknown = (value as Record<string, unknown>)[name];
    const values = typeof attribute === 'object' && attribute !== null ? (attribute as MessageAttributeValue).StringValues : attribute;
    if (values === undefined) continue;
    if (!Array.isArray(values)) throw new DecisionLimitError(`${field} value`, '{ StringValues: string[] }', typeName(attribute));
    for (const item of values) checkString(item, `${field} value`, attributeValue.min, attributeValue.max);
  }
}

function toPushNotification(push: unknown): PushNotificationConfiguration {
  const field = 'ChannelMessage.PushNotification';
  if (typeof push !== 'object' || push === null) throw new DecisionLimitError(field, 'an object', typeName(push));
  const { title, body, type } = push as NonNullable<MessagePatch['pushNotification']>;
  const out: PushNotificationConfiguration = {};
  if (title !== undefined) {
    checkString(title, `${field}.Title`, CALLBACK_LIMITS.pushTitle.min, CALLBACK_LIMITS.pushTitle.max);
    out.Title = title;
  }
  if (body !== undefined) {
    checkString(body, `${field}.Body`, CALLBACK_LIMITS.pushBody.min, CALLBACK_LIMITS.pushBody.max);
    out.Body = body;
  }
  if (type !== undefined) {
    if (!CALLBACK_LIMITS.pushTypes.includes(type)) throw new DecisionLimitError(`${field}.Type`, 'DEFAULT or VOIP', typeName(type));
    out.Type = type;
  }
  return out;
}

function sameAttributes(a: Attributes | undefined, b: Attributes | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    const x = a[key]?.StringValues;
    const y = b[key]?.StringValues;
    if (x === y) continue;
    if (!x || !y || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/** The message as the sender wrote it, in callback form (nothing here is checked: the service accepted it). */
function originalMessage(message: ChannelMessage): ChannelMessageCallback {
  const out: ChannelMessageCallback = { MessageId: message.MessageId };
  if (message.Content) out.Content = message.Content;
  if (typeof message.Metadata === 'string') out.Metadata = message.Metadata;
  if (message.MessageAttributes) out.MessageAttributes = message.MessageAttributes as ChannelMessageCallback['MessageAttributes'];
  if (message.SubChannelId !== undefined) out.SubChannelId = message.SubChannelId;
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
  if (patch.content !== undefined && patch.content !== message.Content) {
    checkContent(patch.content);
    out.Content = patch.content;
    changed = true;
  }
  if (patch.metadata !== undefined && patch.metadata !== (message.Metadata ?? '')) {
    checkString(patch.metadata, 'ChannelMessage.Metadata', 0, CALLBACK_LIMITS.metadataMax);
    out.Metadata = patch.metadata;
    changed = true;
  }
  if (patch.contentType !== undefined && patch.contentType !== (message.ContentType ?? '')) {
    checkString(patch.contentType, 'ChannelMessage.ContentType', 0, CALLBACK_LIMITS.contentTypeMax);
    out.ContentType = patch.contentType;
    changed = true;
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

/**
 * Turns an event and a decision into the `ChannelFlowCallbackCommandInput` to send,
 * or throws {@link DecisionLimitError} naming the field, the limit and the actual
 * size. Pure: no I/O, the inputs are not mutated.
 *
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
export function resolveCallback(event: ChannelFlowEvent, decision: Decision): { input: ChannelFlowCallbackCommandInput; action: SentAction } {
  const message = event.ChannelMessage;
  const { CallbackId } = event;
  const { ChannelArn } = message;
  if (decision.action === 'deny') {
    const denied: ChannelMessageCallback = { MessageId: message.MessageId };
    if (message.SubChannelId !== undefined) denied.SubChannelId = message.SubChannelId;
    return { input: { CallbackId, ChannelArn, DeleteResource: true, ChannelMessage: denied }, action: 'deny' };
  }
  if (decision.action === 'update') {
    const updated = updatedMessage(message, decision.patch);
    if (updated) return { input: { CallbackId, ChannelArn, DeleteResource: false, ChannelMessage: updated }, action: 'update' };
  }
  return { input: { CallbackId, ChannelArn, DeleteResource: false, ChannelMessage: originalMessage(message) }, action: 'noChange' };
}
