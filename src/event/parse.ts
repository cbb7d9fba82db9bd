import { InvalidEventError } from '../errors.js';
import { isRecord, typeName } from '../values.js';
import type { ChannelFlowEvent } from './types.js';

type Fields = Record<string, unknown>;

// Limits (the numbers below) from the service's API model (botocore chime-sdk-messaging 2021-05-15).
// The model's patterns are unanchored (Smithy); anchoring arn:partition:service:region:account: is the useful check.
export const ARN_PATTERN = /^arn:[a-z0-9-.]{1,63}(?::[a-z0-9-.]{0,63}){3}:[^/]/;
/** MessageId and SubChannelId; their 128-character maximum is checked apart (a {1,128} quantifier is slower). */
export const ID_PATTERN = /^[-_a-zA-Z0-9]+$/;

const isObject: (value: unknown) => value is Fields = isRecord;

/** `answerable`: the ids are already known to be valid, so the event can still be answered. */
function requireString(value: unknown, field: string, answerable = false): asserts value is string {
  if (typeof value !== 'string')
    throw new InvalidEventError(field, `must be a string, got ${typeName(value)}`, answerable);
}

function requireObject(value: unknown, field: string, answerable = false): asserts value is Fields {
  if (!isObject(value)) throw new InvalidEventError(field, `must be an object, got ${typeName(value)}`, answerable);
}

function requireId(id: unknown, field: string): void {
  requireString(id, field);
  if (id.length > 128 || !ID_PATTERN.test(id))
    throw new InvalidEventError(field, 'must be 1 to 128 characters of [-_a-zA-Z0-9]');
}

/** Each attribute is `{ StringValues?: string[] }`. The name is user data: errors say what is wrong, not where. */
function checkAttributes(value: unknown): void {
  const field = 'ChannelMessage.MessageAttributes';
  requireObject(value, field, true);
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const attribute = value[name];
    const values = isObject(attribute) ? attribute.StringValues : null;
    if (values !== undefined && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) {
      throw new InvalidEventError(field, 'values must be { StringValues: string[] }', true);
    }
  }
}

/**
 * Turns an unknown Lambda payload into a typed {@link ChannelFlowEvent}, or throws
 * {@link InvalidEventError} naming the field (`answerable` tells whether the ids were intact). Strict about what the callback needs
 * (CallbackId, ChannelArn, MessageId, SubChannelId), tolerant of absent optional
 * fields and of fields the service adds later (kept as they are: the input object
 * is returned, not copied).
 *
 * @param input - The Lambda event, as received.
 * @returns The same object, typed.
 * @throws {@link InvalidEventError} naming the field that is missing or malformed.
 * @example
 * import { parseChannelFlowEvent } from 'chime-channel-flow';
 * const event = parseChannelFlowEvent(JSON.parse(raw));
 * console.log(event.ChannelMessage.MessageId);
 */
export function parseChannelFlowEvent(input: unknown): ChannelFlowEvent {
  requireObject(input, 'event');
  const { CallbackId: callbackId, ChannelMessage: message } = input;
  requireString(callbackId, 'CallbackId');
  if (callbackId.length < 32 || callbackId.length > 64)
    throw new InvalidEventError('CallbackId', `must be 32 to 64 characters, got ${callbackId.length}`);
  if (input.EventType !== undefined) requireString(input.EventType, 'EventType');
  requireObject(message, 'ChannelMessage');

  const arn = message.ChannelArn;
  requireString(arn, 'ChannelMessage.ChannelArn');
  if (arn.length < 5 || arn.length > 1600 || !ARN_PATTERN.test(arn))
    throw new InvalidEventError('ChannelMessage.ChannelArn', 'must be an ARN of 5 to 1600 characters');
  requireId(message.MessageId, 'ChannelMessage.MessageId');
  if (message.SubChannelId !== undefined) requireId(message.SubChannelId, 'ChannelMessage.SubChannelId');

  // Fields rules read: a wrong type here would surface as a confusing TypeError later.
  requireString(message.Content, 'ChannelMessage.Content', true);
  if (message.Metadata != null) requireString(message.Metadata, 'ChannelMessage.Metadata', true);
  if (message.ContentType != null) requireString(message.ContentType, 'ChannelMessage.ContentType', true);
  if (message.MessageAttributes != null) checkAttributes(message.MessageAttributes);
  return input as ChannelFlowEvent;
}
