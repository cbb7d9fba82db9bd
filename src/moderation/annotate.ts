import { CALLBACK_LIMITS, lengthFor } from '../callback/limits.js';

/** One annotation entry: no user data, only what a rule did. */
export interface Annotation {
  rule: string;
  action: string;
  count: number;
  /** What kinds of thing the rule changed, when it says (`["slurs","insults"]`). */
  categories?: readonly string[];
}

/**
 * Adds `entry` to the `moderation` array of JSON-object metadata, or returns
 * `undefined` when that cannot be done safely: metadata that is not a JSON object
 * (free text stays untouched), a `moderation` key that is not an array, or a result
 * over the 1024-character limit.
 *
 * @param metadata - the message's metadata as it stands (may be absent)
 * @param entry - what the rule did
 * @returns the metadata with the entry added, or `undefined` when it cannot be added safely
 * @example
 * annotateMetadata('{"client":"web"}', { rule: 'pii', action: 'redact', count: 1 });
 * // '{"client":"web","moderation":[{"rule":"pii","action":"redact","count":1}]}'
 */
export function annotateMetadata(metadata: string | undefined, entry: Annotation): string | undefined {
  const json = JSON.stringify(entry);
  let result: string;
  if (metadata === undefined || metadata.trim() === '') {
    result = `{"moderation":[${json}]}`;
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(metadata);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const existing = (parsed as Record<string, unknown>).moderation;
    if (existing === undefined) {
      // Splice before the closing brace so the sender's JSON stays byte-for-byte as it was.
      const end = metadata.lastIndexOf('}');
      const empty = Object.keys(parsed).length === 0;
      result = `${metadata.slice(0, end)}${empty ? '' : ','}"moderation":[${json}]${metadata.slice(end)}`;
    } else if (Array.isArray(existing)) {
      result = JSON.stringify({ ...(parsed as Record<string, unknown>), moderation: [...existing, entry] });
    } else {
      return undefined;
    }
  }
  return lengthFor(result, CALLBACK_LIMITS.metadataMax) <= CALLBACK_LIMITS.metadataMax ? result : undefined;
}
