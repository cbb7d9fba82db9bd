import type { Context } from 'aws-lambda';
import { update, isDecision, type Decision } from '../decision/index.js';
import type { ChannelMessage } from '../event/types.js';
import { createJsonLogger, type Logger } from '../logging/logger.js';
import { InvalidOptionsError } from '../errors.js';
import { configuredLogger } from '../middleware/invocation-state.js';
import { fitContent } from '../callback/limits.js';
import { applyVerdict, newRunState } from './run.js';
import type { CommonRuleOptions, Rule, RuleCheck, RuleContext, RuleRequest, RuleVerdict } from './types.js';

/** The verdict of a rule that found nothing; shared, so passing allocates nothing. */
export const PASS: RuleVerdict = Object.freeze({ kind: 'pass' });

let defaultMiddlewareLogger: Logger | undefined;
/** Outside a channelFlowCallback() chain, rules log through one default logger, made on first use. */
const middlewareLogger = (): Logger => {
  defaultMiddlewareLogger ??= createJsonLogger();
  return defaultMiddlewareLogger;
};
// A signal that never aborts: standalone rules get their deadline from their own per-call timeouts.
const NEVER = new AbortController().signal;

const messageOf = (event: unknown): ChannelMessage | undefined => {
  const message = (event as { ChannelMessage?: unknown } | null | undefined)?.ChannelMessage;
  return typeof message === 'object' &&
    message !== null &&
    typeof (message as { Content?: unknown }).Content === 'string'
    ? (message as ChannelMessage)
    : undefined;
};

/**
 * Applies `rule` on top of the decision a middy handler returned: a deny stays a
 * deny, a rule deny replaces the decision, an edit merges into the handler's patch.
 * Anything that is not a decision is left alone for `channelFlowCallback()` to report.
 */
async function moderationRuleAfter(rule: Rule, request: RuleRequest): Promise<void> {
  const decision = request.response;
  if (!isDecision(decision) || decision.action === 'deny') return;
  const message = messageOf(request.event);
  if (!message) return;
  const patch = decision.action === 'update' ? decision.patch : undefined;
  const state = newRunState(message, patch?.content ?? message.Content, patch?.metadata ?? message.Metadata);
  const baseMetadata = state.metadata;

  const ctx: RuleContext = {
    event: request.event as RuleContext['event'],
    context: request.context as Context,
    signal: NEVER,
    // The logger given to channelFlowCallback()/channelFlowProcessor in this chain, else a default one.
    logger: configuredLogger(request) ?? middlewareLogger(),
  };
  const denied = applyVerdict(state, rule, await rule.check(state, ctx));
  if (denied) {
    request.response = denied;
    return;
  }
  if (state.editedBy.length === 0) return;
  const merged: Decision = update(
    {
      ...patch,
      content: fitContent(state.content),
      // Metadata only changes to an annotation, which is a string.
      ...(state.metadata !== baseMetadata ? { metadata: state.metadata! } : {}),
    },
    { rule: decision.rule === undefined ? rule.name : `${decision.rule},${rule.name}` },
  );
  request.response = merged;
}

/**
 * Builds a {@link Rule} from a name and a check: the shape every built-in rule has,
 * and the way to write your own.
 *
 * @param name - the rule's name in reasons, logs and annotations: 1 to 64 of `[-a-zA-Z0-9_.:]`
 * @param check - the draft's verdict: pass, deny, or an edit
 * @param options - options every rule takes (`annotate`)
 * @returns the rule, usable in `moderate()` and as a middy middleware
 * @throws {@link InvalidOptionsError} for a bad name, a check that is not a function, or bad options
 * @example
 * const noShouting = defineRule('no-shouting', (draft) =>
 *   draft.content === draft.content.toUpperCase() ? { kind: 'deny', reason: 'all caps', count: 1 } : PASS);
 * export const handler = channelFlowProcessor(moderate(noShouting, profanity()));
 */
export function defineRule(name: string, check: RuleCheck, options: CommonRuleOptions = {}): Rule {
  if (typeof name !== 'string' || !/^[-a-zA-Z0-9_.:]{1,64}$/.test(name)) {
    throw new InvalidOptionsError('name', 'must be 1 to 64 characters of letters, digits, - _ . :');
  }
  if (typeof check !== 'function') throw new InvalidOptionsError('check', 'must be a function');
  validateCommonOptions(options);
  const rule: Rule = {
    name,
    annotate: options.annotate === true,
    check,
    // A named hook shows up in profiles and stack traces as the rule's own.
    after: function moderationRuleAfterHook(request: RuleRequest) {
      return moderationRuleAfter(rule, request);
    },
  };
  return Object.freeze(rule);
}

/** Checks the options every rule takes; throws {@link InvalidOptionsError}. */
// defineRule() defaults the options to {}: undefined never reaches here.
function validateCommonOptions(options: unknown): asserts options is CommonRuleOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidOptionsError('options', 'must be an object');
  const annotate = (options as CommonRuleOptions).annotate;
  if (annotate !== undefined && typeof annotate !== 'boolean')
    throw new InvalidOptionsError('annotate', 'must be a boolean');
}
