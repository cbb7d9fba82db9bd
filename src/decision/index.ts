import type { MessageAttributeValue } from '../event/types.js';

/** What an `update()` may change; fields it does not name keep the sender's values. */
export interface MessagePatch {
  content?: string;
  metadata?: string;
  /** Push notification for this message: title 1-50, body 1-150 characters, type DEFAULT or VOIP. */
  pushNotification?: { title?: string; body?: string; type?: 'DEFAULT' | 'VOIP' };
  /** Replaces the whole attribute map: `{ lang: { StringValues: ['en'] } }`. */
  messageAttributes?: Record<string, MessageAttributeValue>;
  contentType?: string;
}

/** Who or what made a decision, for logs and metrics (never sent to the channel). */
export interface DecisionInfo {
  /** The moderation rule (or rules, comma-separated) that decided. */
  rule?: string;
}

export const DecisionAction = {
  Update: 'update',
  Deny: 'deny',
  NoChange: 'noChange',
} as const;
export type DecisionAction = (typeof DecisionAction)[keyof typeof DecisionAction];

export interface UpdateDecision extends DecisionInfo {
  readonly action: 'update';
  readonly patch: MessagePatch;
}
export interface DenyDecision extends DecisionInfo {
  readonly action: 'deny';
  /** Logged, never sent to the channel. */
  readonly reason?: string;
}
export interface NoChangeDecision extends DecisionInfo {
  readonly action: 'noChange';
}

/** What a processor returns: one of {@link update}, {@link deny}, {@link noChange}. */
export type Decision = UpdateDecision | DenyDecision | NoChangeDecision;

/**
 * Change the message: only the fields named in `patch` change.
 *
 * @param patch - The fields to change.
 * @param info - Who decided (the rule), for logs and metrics.
 * @returns An update decision.
 * @example
 * return update({ content: message.Content.replaceAll('darn', '****') });
 */
export const update = (patch: MessagePatch, info?: DecisionInfo): UpdateDecision => ({
  action: 'update',
  patch,
  ...info,
});

/**
 * Deny the message: the service deletes it and never shows it. The reason is logged only.
 *
 * @param reason - Why, for the log; never message text.
 * @param info - Who decided (the rule), for logs and metrics.
 * @returns A deny decision.
 * @example
 * if (message.Content.includes('spam')) return deny('spam');
 */
export const deny = (reason?: string, info?: DecisionInfo): DenyDecision =>
  reason === undefined ? { action: 'deny', ...info } : { action: 'deny', reason, ...info };

const NO_CHANGE: NoChangeDecision = Object.freeze({ action: 'noChange' });

/**
 * Let the message through as the sender wrote it.
 *
 * @param info - Who decided (the rule), for logs and metrics.
 * @returns A no-change decision (a shared frozen one when `info` is absent).
 * @example
 * return noChange();
 */
export const noChange = (info?: DecisionInfo): NoChangeDecision => (info ? { action: 'noChange', ...info } : NO_CHANGE);

/**
 * True for a value made by {@link update}, {@link deny} or {@link noChange} (or shaped like one).
 *
 * @param value - Anything.
 * @returns Whether it is a decision.
 * @example
 * isDecision(noChange()); // true
 * isDecision(undefined);  // false
 */
export function isDecision(value: unknown): value is Decision {
  if (typeof value !== 'object' || value === null) return false;
  const action = (value as { action?: unknown }).action;
  if (action === 'noChange' || action === 'deny') return true;
  if (action !== 'update') return false;
  const patch = (value as { patch?: unknown }).patch;
  return typeof patch === 'object' && patch !== null && !Array.isArray(patch);
}
