import type { Decision } from '../decision/index.js';
import type { ChannelMessage } from '../event/types.js';
import type { Processor, ProcessorContext } from '../middleware/types.js';
import { InvalidOptionsError } from '../errors.js';
import { finish, newRunState, runRules } from './run.js';
import type { Rule } from './types.js';

const isRule = (value: unknown): value is Rule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Rule).check === 'function' &&
  typeof (value as Rule).name === 'string';

/**
 * Composes rules into one processor. Rules run in order over a draft of the
 * message: each may edit it, deny (later rules do not run; the reason names the
 * rule) or pass. Edits add up to one `update`; no edit is `noChange()`.
 * Synchronous while every rule is, so the text rules cost no promise per message.
 *
 * @param rules - the rules, in the order they run
 * @returns a processor for `channelFlowProcessor` (or `ChannelFlowCallbackHandler`)
 * @throws {@link InvalidOptionsError} when an argument is not a rule
 * @example
 * import { channelFlowProcessor } from 'chime-channel-flow';
 * import { moderate, profanity, pii, links } from 'chime-channel-flow/moderation';
 *
 * export const handler = channelFlowProcessor(moderate(profanity(), pii(), links({ allow: ['example.com'] })));
 */
export function moderate(...rules: Rule[]): Processor {
  rules.forEach((rule, index) => {
    if (!isRule(rule))
      throw new InvalidOptionsError(
        `rules[${index}]`,
        'is not a rule (build it with profanity(), pii(), defineRule(), ...)',
      );
  });
  const frozen = Object.freeze([...rules]);
  return function moderationProcessor(message: ChannelMessage, ctx: ProcessorContext): Decision | Promise<Decision> {
    const state = newRunState(message);
    const result = runRules(frozen, state, ctx);
    if (result instanceof Promise) return result.then((denied) => denied ?? finish(state));
    return result ?? finish(state);
  };
}
