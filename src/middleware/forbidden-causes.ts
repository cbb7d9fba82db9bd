import type { ChannelFlowEvent } from '../event/types.js';

/** The service stops waiting for a callback this long after the message went PENDING. */
const CALLBACK_WINDOW_MS = 48 * 60 * 60 * 1000;

/** What the event's age makes likely behind a 403 this container cannot explain. */
export const LikelyForbiddenCause = {
  /** Older than the 48-hour window: the service no longer holds the message. */
  Expired: 'expired',
  /** Within the window: another delivery answered it, or the role lacks chime:ChannelFlowCallback. */
  DuplicateOrPermission: 'duplicate-or-permission',
  /** No usable timestamp in the event. */
  Unknown: 'unknown',
} as const;
export type LikelyForbiddenCause = (typeof LikelyForbiddenCause)[keyof typeof LikelyForbiddenCause];

// The three causes in full, and how to tell them apart, are in docs/powertools.md ("403 on the callback").
const CAUSES =
  'ChannelFlowCallback refused with 403: another delivery already answered this CallbackId, ' +
  'the role lacks chime:ChannelFlowCallback, or the message expired (after 48 hours)';

/**
 * The log line for a 403 that this container cannot explain: names all three causes and, in
 * `likelyCause`, the one the event's age makes likely, with the age in whole minutes (no content,
 * no sender). The message went PENDING when it was created, or last edited for an edit: the later.
 *
 * @param event - the event whose callback was refused
 * @param now - epoch ms, for tests
 * @returns the log message and the attributes to add to it
 * @example
 * const { message, attributes } = explainForbidden(event);
 * logger.error(message, { ...summary, ...attributes });
 */
export function explainForbidden(
  event: ChannelFlowEvent,
  now = Date.now(),
): { message: string; attributes: { likelyCause: LikelyForbiddenCause; messageAgeMinutes?: number } } {
  const { CreatedTimestamp, LastEditedTimestamp } = event.ChannelMessage;
  const times = [CreatedTimestamp, LastEditedTimestamp]
    .map((value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN))
    .filter(Number.isFinite);
  if (times.length === 0) return { message: CAUSES, attributes: { likelyCause: LikelyForbiddenCause.Unknown } };
  const ageMs = now - Math.max(...times);
  const expired = ageMs >= CALLBACK_WINDOW_MS;
  return {
    message: expired ? `${CAUSES}; it most likely expired` : CAUSES,
    attributes: {
      likelyCause: expired ? LikelyForbiddenCause.Expired : LikelyForbiddenCause.DuplicateOrPermission,
      messageAgeMinutes: Math.max(0, Math.floor(ageMs / 60_000)),
    },
  };
}
