import type { Context } from 'aws-lambda';
import type { ChannelMessage } from '../event/types.js';
import type { ProcessorContext } from '../middleware/types.js';

/**
 * The message as the rules so far left it. Rules read `content`/`metadata`
 * (never the original, which earlier rules may have edited) and return a verdict
 * instead of writing here: the runner applies edits, so a rule stays a pure function.
 */
export interface Draft {
  /** The pending message as the sender wrote it (read-only). */
  readonly message: ChannelMessage;
  /** Content after the edits of earlier rules. */
  readonly content: string;
  /** Metadata after the annotations of earlier rules. */
  readonly metadata: string | undefined;
}

/** What a rule gets besides the draft: the processor context (signal, logger, event, Lambda context). */
export type RuleContext = ProcessorContext;

/** The rule found nothing (or nothing it acts on). */
export interface PassVerdict {
  readonly kind: 'pass';
}
/** The rule rewrote the content; `count` is how many things it changed (for annotations and logs). */
export interface EditVerdict {
  readonly kind: 'edit';
  readonly content: string;
  readonly count: number;
  /** What kinds of thing were changed (`profanity()`: `['slurs']`); carried into annotations. */
  readonly categories?: readonly string[];
}
/** The rule denies the message; `reason` never contains message text. */
export interface DenyVerdict {
  readonly kind: 'deny';
  readonly reason: string;
  readonly count: number;
  /** What kinds of thing were found (`profanity()`: `['slurs']`). */
  readonly categories?: readonly string[];
}
export type RuleVerdict = PassVerdict | EditVerdict | DenyVerdict;

/** A rule's check: pure over the draft; may be async (AI adapters). */
export type RuleCheck = (draft: Draft, ctx: RuleContext) => RuleVerdict | Promise<RuleVerdict>;

/** Options every built-in rule accepts. */
export interface CommonRuleOptions {
  /**
   * Record what the rule did in the message metadata (`{"moderation":[{"rule":"pii","action":"redact","count":1}]}`),
   * when the metadata is empty or a JSON object and the result fits in 1024 characters. Default false.
   */
  annotate?: boolean;
}

/** The request shape a rule's middy `after` hook reads and writes (a subset of middy's `Request`). */
export interface RuleRequest {
  event: unknown;
  context: Context;
  response: unknown;
  /** middy's per-request state: where the chain's configured logger is found. */
  internal?: Record<string, unknown>;
}

/**
 * A moderation rule: composed by {@link moderate}, or used alone as a middy
 * middleware after `channelFlowCallback()` (its `after` hook applies the rule
 * on top of the handler's decision in `request.response`).
 */
export interface Rule {
  /** Name used in decisions (`{ rule: 'profanity' }`), deny reasons and annotations. */
  readonly name: string;
  /** Record the rule's action in the metadata. */
  readonly annotate: boolean;
  /** Runs the rule over a draft. */
  readonly check: RuleCheck;
  /** Middy hook: applies the rule to the decision the handler returned. */
  readonly after: (request: RuleRequest) => Promise<void>;
}
