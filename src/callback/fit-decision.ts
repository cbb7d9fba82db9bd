import type { ChannelFlowCallbackCommandInput } from '@aws-sdk/client-chime-sdk-messaging';
import { deny, update, type Decision } from '../decision/index.js';
import { DecisionLimitError } from '../errors.js';
import type { ChannelFlowEvent } from '../event/types.js';
import { fitContent } from './limits.js';
import { resolveCallback, type SentAction } from './to-callback-input.js';

/** What {@link fitCallback} resolves a decision to. */
export interface FittedCallback {
  input: ChannelFlowCallbackCommandInput;
  action: SentAction;
  /** Set when the decision broke a limit and was fitted: how, and the limit it broke. */
  fitted?: { how: 'truncated' | 'denied'; limitError: DecisionLimitError };
}

/**
 * {@link resolveCallback}, except that an `update()` over a limit is never answered with the
 * original message: the processor (or a rule) asked for a change, and sending the message as
 * written would undo it (a rule's `[EMAIL]` label pushing a message past 4096 bytes must not
 * deliver the address). Content over the byte limit is cut with a marker; any other broken
 * limit denies the message. Throws only what `resolveCallback` throws for other reasons.
 *
 * @internal
 * @example
 * fitCallback(event, update({ content: 'x'.repeat(5000) })).fitted?.how; // 'truncated'
 */
export function fitCallback(event: ChannelFlowEvent, decision: Decision): FittedCallback {
  try {
    return resolveCallback(event, decision);
  } catch (error) {
    if (!(error instanceof DecisionLimitError) || decision.action !== 'update') throw error;
    let limitError = error;
    const { content } = decision.patch;
    if (error.field === 'ChannelMessage.Content' && typeof content === 'string' && content !== fitContent(content)) {
      const truncated = update({ ...decision.patch, content: fitContent(content) }, infoOf(decision));
      try {
        return { ...resolveCallback(event, truncated), fitted: { how: 'truncated', limitError } };
      } catch (second) {
        if (!(second instanceof DecisionLimitError)) throw second;
        limitError = second;
      }
    }
    const denied = deny(`decision over a limit: ${limitError.field}`, infoOf(decision));
    return { ...resolveCallback(event, denied), fitted: { how: 'denied', limitError } };
  }
}

/** The decision's `rule`, kept so the log still names who decided. */
const infoOf = (decision: Decision) => (typeof decision.rule === 'string' ? { rule: decision.rule } : undefined);
