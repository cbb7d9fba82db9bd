import { deny, noChange, update, type Decision, type MessagePatch } from '../decision/index.js';
import type { ChannelMessage } from '../event/types.js';
import { fitContent } from '../callback/limits.js';
import { annotateMetadata } from './annotate.js';
import type { Draft, Rule, RuleContext, RuleVerdict } from './types.js';

/** Mutable state of one moderation run: the draft plus who edited it. */
export interface RunState extends Draft {
  content: string;
  metadata: string | undefined;
  /** Names of rules that edited the draft, in order. */
  editedBy: string[];
}

export const newRunState = (
  message: ChannelMessage,
  content = message.Content,
  metadata = message.Metadata,
): RunState => ({
  message,
  content,
  metadata,
  editedBy: [],
});

/** Applies one verdict to the state; returns the deny decision when the rule denied. */
export function applyVerdict(state: RunState, rule: Rule, verdict: RuleVerdict): Decision | undefined {
  if (verdict.kind === 'pass') return undefined;
  if (verdict.kind === 'deny') return deny(`${rule.name}: ${verdict.reason}`, { rule: rule.name });
  if (verdict.content === state.content) return undefined;
  state.content = verdict.content;
  state.editedBy.push(rule.name);
  if (rule.annotate) {
    const annotated = annotateMetadata(state.metadata, {
      rule: rule.name,
      action: 'edit',
      count: verdict.count,
      ...(verdict.categories ? { categories: verdict.categories } : {}),
    });
    if (annotated !== undefined) state.metadata = annotated;
  }
  return undefined;
}

/**
 * The decision a finished run stands for: one update with every edit, or noChange().
 * Content that the edits pushed past the 4096-byte limit is cut with a marker: an update
 * that cannot be sent must never fall back to the message as written.
 */
export function finish(state: RunState): Decision {
  if (state.editedBy.length === 0) return noChange();
  const patch: MessagePatch = {};
  if (state.content !== state.message.Content) patch.content = fitContent(state.content);
  // Metadata only changes to an annotation, which is a string.
  if (state.metadata !== state.message.Metadata) patch.metadata = state.metadata!;
  // Edits that cancel out (appended, then truncated away) leave nothing to send.
  if (patch.content === undefined && patch.metadata === undefined) return noChange();
  return update(patch, { rule: state.editedBy.join(',') });
}

const isThenable = (value: unknown): value is PromiseLike<RuleVerdict> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * Runs `rules` in order over `state`. Stays synchronous while every rule is (no
 * promise per message for the built-in text rules); switches to async at the
 * first rule that returns a promise.
 */
export function runRules(
  rules: readonly Rule[],
  state: RunState,
  ctx: RuleContext,
  from = 0,
): Decision | undefined | Promise<Decision | undefined> {
  for (let i = from; i < rules.length; i++) {
    const rule = rules[i]!;
    const verdict = rule.check(state, ctx);
    if (isThenable(verdict)) {
      return Promise.resolve(verdict).then(
        (resolved) => applyVerdict(state, rule, resolved) ?? runRules(rules, state, ctx, i + 1),
      );
    }
    const denied = applyVerdict(state, rule, verdict);
    if (denied) return denied;
  }
  return undefined;
}
