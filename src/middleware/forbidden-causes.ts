import type { ChannelFlowEvent } from '../event/types.js';

/** The service stops waiting for a callback this long after the message went PENDING. */
export const CALLBACK_WINDOW_MS = 48 * 60 * 60 * 1000;

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

const CAUSES =
  'ChannelFlowCallback refused with 403. Three causes give it: another delivery already answered this CallbackId, ' +
  'the function role lacks chime:ChannelFlowCallback on this channel, or the message expired (the service waits 48 hours).';
const LIKELY: Record<LikelyForbiddenCause, string> = {
  expired: 'The message is older than 48 hours: it most likely expired.',
  'duplicate-or-permission':
    'The message is younger than 48 hours, so it did not expire: a duplicate if CallbackForbidden stays rare, the role if every message meets it.',
  unknown: 'The event carries no timestamp to tell expiry apart.',
};

/** The message went PENDING when it was created, or last edited for an edit: the later of the two. */
function pendingSince(event: ChannelFlowEvent): number | undefined {
  const { CreatedTimestamp, LastEditedTimestamp } = event.ChannelMessage;
  const times = [CreatedTimestamp, LastEditedTimestamp]
    .map((value) => (typeof value === 'string' ? Date.parse(value) : Number.NaN))
    .filter(Number.isFinite);
  return times.length === 0 ? undefined : Math.max(...times);
}

/**
 * The log line for a 403 that this container cannot explain: names all three causes and which one
 * the event's age makes likely, with the age in whole minutes (no content, no sender).
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
  const since = pendingSince(event);
  if (since === undefined)
    return { message: `${CAUSES} ${LIKELY.unknown}`, attributes: { likelyCause: LikelyForbiddenCause.Unknown } };
  const ageMs = now - since;
  const likelyCause =
    ageMs >= CALLBACK_WINDOW_MS ? LikelyForbiddenCause.Expired : LikelyForbiddenCause.DuplicateOrPermission;
  return {
    message: `${CAUSES} ${LIKELY[likelyCause]}`,
    attributes: { likelyCause, messageAgeMinutes: Math.max(0, Math.floor(ageMs / 60_000)) },
  };
}
