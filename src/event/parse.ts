import { InvalidEventError, typeName } from '../errors.js';
import type { ChannelFlowEvent } from './types.js';

// Limits from the service's API model (botocore chime-sdk-messaging 2021-05-15).
const CALLBACK_ID_MIN = 32;
const CALLBACK_ID_MAX = 64;
const ARN_MIN = 5;
const ARN_MAX = 1600;
const ID_MAX = 128;
// The model's patterns are unanchored (Smithy); anchoring the ARN prefix is the useful check.
const ARN_PATTERN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/]/;
const ID_PATTERN = /^[-_a-zA-Z0-9]+$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requireId(value: unknown, field: string): void {
  if (typeof value !== 'string') throw new InvalidEventError(field, `must be a string, got ${typeName(value)}`);
  if (value.length < 1 || value.length > ID_MAX || !ID_PATTERN.test(value)) {
    throw new InvalidEventError(field, `must be 1 to ${ID_MAX} characters of [-_a-zA-Z0-9]`);
  }
}

/** A field a rule reads is malformed; the ids are fine, so the event can still be answered. */
const badField = (field: string, value: unknown) => new InvalidEventError(field, `must be a string, got ${typeName(value)}`, true);

function checkAttributes(value: unknown): void {
  if (!isObject(value)) throw new InvalidEventError('ChannelMessage.MessageAttributes', `must be an object, got ${typeName(value)}`, true);
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const attribute = value[name];
    const values = isObject(attribute) ? attribute.StringValues : null;
    if (values !== undefined && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) {
      // The attribute name is user data: the error says what is wrong, not where.
      throw new InvalidEventError('ChannelMessage.MessageAttributes', 'values must be { StringValues: string[] }', true);
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
 * @example
 * import { parseChannelFlowEvent } from 'chime-channel-flow';
 * const event = parseChannelFlowEvent(JSON.parse(raw));
 * console.log(event.ChannelMessage.MessageId);
 */
export function parseChannelFlowEvent(input: unknown): ChannelFlowEvent {
  if (!isObject(input)) throw new InvalidEventError('event', `must be an object, got ${typeName(input)}`);
  const callbackId = input.CallbackId;
  if (typeof callbackId !== 'string') throw new InvalidEventError('CallbackId', `must be a string, got ${typeName(callbackId)}`);
  if (callbackId.length < CALLBACK_ID_MIN || callbackId.length > CALLBACK_ID_MAX) {
    throw new InvalidEventError('CallbackId', `must be ${CALLBACK_ID_MIN} to ${CALLBACK_ID_MAX} characters, got ${callbackId.length}`);
  }
  if (input.EventType !== undefined && typeof input.EventType !== 'string') {
    throw new InvalidEventError('EventType', `must be a string, got ${typeName(input.EventType)}`);
  }
  const message = input.ChannelMessage;
  if (!isObject(message)) throw new InvalidEventError('ChannelMessage', `must be an object, got ${typeName(message)}`);

  const arn = message.ChannelArn;
  if (typeof arn !== 'string') throw new InvalidEventError('ChannelMessage.ChannelArn', `must be a string, got ${typeName(arn)}`);
  if (arn.length < ARN_MIN || arn.length > ARN_MAX || !ARN_PATTERN.test(arn)) {
    throw new InvalidEventError('ChannelMessage.ChannelArn', `must be an ARN of ${ARN_MIN} to ${ARN_MAX} characters`);
  }
  requireId(message.MessageId, 'ChannelMessage.MessageId');
  if (message.SubChannelId !== undefined) requireId(message.SubChannelId, 'ChannelMessage.SubChannelId');

  // Fields rules read: a wrong type here would surface as a confusing TypeError later.
  if (typeof message.Content !== 'string') throw badField('ChannelMessage.Content', message.Content);
  if (message.Metadata != null && typeof message.Metadata !== 'string') throw badField('ChannelMessage.Metadata', message.Metadata);
  if (message.ContentType != null && typeof message.ContentType !== 'string') throw badField('ChannelMessage.ContentType', message.ContentType);
  if (message.MessageAttributes != null) checkAttributes(message.MessageAttributes);
  return input as ChannelFlowEvent;
}

