// Type tests of the emulator's operation typing, compiled by `npm run typecheck`; nothing here runs.
// Handlers read the SDK's *CommandInput with required members present (validation checked them) and
// answer the *CommandOutput's wire shape (epoch seconds for timestamps, the model's enums).
// Each `@ts-expect-error` must stay an error (an unused directive fails the typecheck).
import type {
  GetChannelMessageCommandOutput,
  ListChannelMessagesCommandInput,
  SendChannelMessageCommandInput,
  SendChannelMessageCommandOutput,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { OperationHandler } from '../../src/local/operations/context.js';

// Required input members are plain strings; optional ones may be absent.
export const send: OperationHandler<SendChannelMessageCommandInput, SendChannelMessageCommandOutput> = (ctx) => {
  const channelArn: string = ctx.input.ChannelArn;
  // @ts-expect-error Metadata is optional in the model: it may be undefined
  const metadata: string = ctx.input.Metadata;
  return { body: { ChannelArn: channelArn, MessageId: metadata } };
};

// Query timestamps arrive as Date.
export const list: OperationHandler<ListChannelMessagesCommandInput, SendChannelMessageCommandOutput> = (ctx) => {
  const notBefore: Date | undefined = ctx.input.NotBefore;
  return { body: { ChannelArn: String(notBefore?.getTime()) } };
};

// Timestamps answer as epoch seconds, not Date.
export const seconds: OperationHandler<SendChannelMessageCommandInput, GetChannelMessageCommandOutput> = () => ({
  body: { ChannelMessage: { CreatedTimestamp: 1_700_000_000 } },
});

export const date: OperationHandler<SendChannelMessageCommandInput, GetChannelMessageCommandOutput> = () => ({
  // @ts-expect-error a Date is not the wire format: timestamps answer as epoch seconds
  body: { ChannelMessage: { CreatedTimestamp: new Date() } },
});

export const status: OperationHandler<SendChannelMessageCommandInput, SendChannelMessageCommandOutput> = () => ({
  // @ts-expect-error the model's enum of message statuses has no such value
  body: { ChannelArn: 'arn', Status: { Value: 'DELIVERED' } },
});
