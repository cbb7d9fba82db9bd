// Type tests of the public API, compiled by `npm run typecheck` (tsc --noEmit covers test/).
// Each `@ts-expect-error` must stay an error: if the API stops rejecting the line, tsc reports the
// directive as unused (TS2578) and the typecheck fails. Nothing here runs.
import middy from '@middy/core';
import {
  type ChannelFlowEvent,
  type Decision,
  type InvocationSummary,
  type Processor,
  channelFlowCallback,
  channelFlowProcessor,
  deny,
  noChange,
  parseChannelFlowEvent,
  toCallbackInput,
  update,
} from 'chime-channel-flow';
import { defineRule, moderate, pii, PASS } from 'chime-channel-flow/moderation';

// A processor returns (or resolves to) a decision.
channelFlowProcessor(() => noChange());
channelFlowProcessor(async (message) => (message.Content.includes('spam') ? deny('spam') : noChange()));
channelFlowProcessor((message) => update({ content: message.Content.toLowerCase() }));
channelFlowProcessor(moderate(pii()));

// @ts-expect-error a processor must return a decision, not a string
channelFlowProcessor(() => 'allow');
// @ts-expect-error nor undefined
channelFlowProcessor(() => undefined);
// @ts-expect-error nor a boolean from an async processor
channelFlowProcessor(async () => true);
// @ts-expect-error nor a plain object that merely looks like a decision
channelFlowProcessor(() => ({ action: 'allow' }));
// @ts-expect-error the processor is a function
channelFlowProcessor(noChange());

const typed: Processor = (message, ctx) => {
  // The message and context are typed.
  const content: string = message.Content;
  const signal: AbortSignal = ctx.signal;
  // Unknown fields the service may add are kept, but typed unknown.
  // @ts-expect-error an unknown field is not a string
  const later: string = message.LaterField;
  void later;
  return signal.aborted ? deny(content.slice(0, 0)) : noChange();
};
channelFlowProcessor(typed);

// update() takes only the fields a callback can change.
update({ content: 'x', metadata: '{}', contentType: 'text/plain' });
update({ pushNotification: { title: 't', body: 'b', type: 'VOIP' } });
update({ messageAttributes: { lang: { StringValues: ['en'] } } });
// @ts-expect-error an unknown field
update({ body: 'x' });
// @ts-expect-error a misspelt field
update({ contents: 'x' });
// @ts-expect-error content is a string
update({ content: 42 });
// @ts-expect-error push type is DEFAULT or VOIP
update({ pushNotification: { type: 'SILENT' } });
// @ts-expect-error attribute values are { StringValues: string[] }
update({ messageAttributes: { lang: 'en' } });
// @ts-expect-error deny's reason is a string
deny(42);
// @ts-expect-error options are checked too
channelFlowProcessor(() => noChange(), { onError: 'ignore' });

// Decisions are a closed union.
const decision: Decision = update({ content: 'x' });
if (decision.action === 'update') decision.patch.content?.toUpperCase();
// @ts-expect-error a deny decision has no patch
if (decision.action === 'deny') decision.patch;

// The handler resolves to the summary; the middleware works in a user's own chain.
declare const event: ChannelFlowEvent;
const summary: Promise<InvocationSummary> = channelFlowProcessor(() => noChange())(event, {} as never);
void summary;
middy(async () => noChange()).use(channelFlowCallback({ onError: 'deny' }));
toCallbackInput(parseChannelFlowEvent(event), noChange());
// @ts-expect-error toCallbackInput needs a decision
toCallbackInput(event, 'allow');

// Rules return verdicts.
defineRule('ok', () => PASS);
defineRule('caps', (draft) => ({ kind: 'edit', content: draft.content.toLowerCase(), count: 1 }));
// @ts-expect-error a rule returns a verdict, not a decision
defineRule('wrong', () => noChange());
