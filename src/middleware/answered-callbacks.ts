/**
 * CallbackIds this container has answered. Only used to tell a 403 on our own
 * redelivery (quiet) from a 403 we never got past (maybe a missing permission:
 * loud). Redeliveries often land on other containers, so this is a hint, not dedup.
 */
const MAX_REMEMBERED = 1000;
const answered = new Set<string>();
// A ring of the same ids, oldest first to go. Evicting through `answered.values().next()`
// instead walks the Set's deleted slots once it is full: about 6% of the per-invocation cost
// in bench/core.bench.ts before this ring replaced it.
const ring: Array<string | undefined> = new Array(MAX_REMEMBERED);
let next = 0;

export function rememberAnswered(callbackId: string): void {
  if (answered.has(callbackId)) return;
  const evicted = ring[next];
  if (evicted !== undefined) answered.delete(evicted);
  ring[next] = callbackId;
  next = (next + 1) % MAX_REMEMBERED;
  answered.add(callbackId);
}

export const wasAnswered = (callbackId: string): boolean => answered.has(callbackId);
