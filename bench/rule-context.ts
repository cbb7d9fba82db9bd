// One invocation context for the moderation benches: a rule checked outside any handler, logging nothing.
import { createJsonLogger } from '../src/logging/logger.js';
import type { Rule } from '../src/moderation/index.js';
import { channelFlowEvent, lambdaContext } from '../src/testing/index.js';

export const ctx = {
  event: channelFlowEvent(),
  context: lambdaContext({ timeoutMs: 600_000 }),
  signal: new AbortController().signal,
  logger: createJsonLogger({ level: 'silent' }),
};

/** Runs one rule on `content` as `moderate()` would, with the shared context. */
export const check = (rule: Rule, content: string) =>
  rule.check({ message: ctx.event.ChannelMessage, content, metadata: undefined }, ctx);
