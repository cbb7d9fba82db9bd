// chime-channel-flow/zod: the channel-flow event as a Zod schema, for Powertools Parser and other Zod users.
// Zod is an optional peer dependency: only this subpath imports it.
import { z } from 'zod';
import { ARN_PATTERN, ID_PATTERN } from '../event/parse.js';

/** MessageId and SubChannelId: 1 to 128 characters of `[-_a-zA-Z0-9]`. */
const id = z.string().max(128).regex(ID_PATTERN);

/**
 * A pending channel message. Accepts exactly what `parseChannelFlowEvent` accepts (a property
 * test keeps the two in agreement): strict about the ids the callback needs, tolerant of absent
 * optional fields and of fields the service adds later (kept).
 */
export const ChannelMessageSchema = z.looseObject({
  MessageId: id,
  ChannelArn: z.string().min(5).max(1600).regex(ARN_PATTERN),
  Content: z.string(),
  Metadata: z.string().nullish(),
  ContentType: z.string().nullish(),
  SubChannelId: id.optional(),
  MessageAttributes: z.record(z.string(), z.looseObject({ StringValues: z.array(z.string()).optional() })).nullish(),
});

/**
 * The event a channel flow invokes its processor with, as a Zod schema.
 *
 * @example
 * import { parser } from '@aws-lambda-powertools/parser/middleware';
 * import { channelFlowProcessor, noChange } from 'chime-channel-flow';
 * import { ChannelFlowEventSchema } from 'chime-channel-flow/zod';
 *
 * export const handler = channelFlowProcessor(async () => noChange()).use(parser({ schema: ChannelFlowEventSchema }));
 */
export const ChannelFlowEventSchema = z.looseObject({
  EventType: z.string().optional(),
  CallbackId: z.string().min(32).max(64),
  ChannelMessage: ChannelMessageSchema,
});

/** The event type the schema infers. */
export type ChannelFlowEventSchemaOutput = z.infer<typeof ChannelFlowEventSchema>;
