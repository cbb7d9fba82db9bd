/**
 * CallbackIds this container has answered. Only used to tell a 403 on our own
 * redelivery (quiet) from a 403 we never got past (maybe a missing permission:
 * loud). Redeliveries often land on other containers, so this is a hint, not dedup.
 */
const MAX_REMEMBERED = 1000;
const answered = new Set<string>();

export function rememberAnswered(callbackId: string): void {
  answered.add(callbackId);
  // Sets iterate in insertion order: the first key is the oldest.
  if (answered.size > MAX_REMEMBERED) answered.delete(answered.values().next().value as string);
}

export const wasAnswered = (callbackId: string): boolean => answered.has(callbackId);
