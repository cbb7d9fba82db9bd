/**
 * ChannelFlowCallback limits from the service's API model (botocore
 * `chime-sdk-messaging` 2021-05-15). Lengths count Unicode code points, as
 * Smithy's length trait does; content is checked in UTF-8 bytes.
 */
export const CALLBACK_LIMITS = {
  /** A STANDARD message holds at most 4 KB: 4096 UTF-8 bytes, the stricter reading. */
  contentMaxBytes: 4096,
  metadataMax: 1024,
  pushTitle: { min: 1, max: 50 },
  pushBody: { min: 1, max: 150 },
  pushTypes: ['DEFAULT', 'VOIP'] as const,
  attributeName: { min: 1, max: 64 },
  attributeValue: { min: 1, max: 512 },
  contentTypeMax: 45,
} as const;

/**
 * Code points in `text`, without allocating (`[...text].length` allocates an array).
 *
 * @example
 * codePointLength('😀a'); // 2 (the UTF-16 length is 3)
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    // codePointAt reads a whole surrogate pair (> 0xffff): skip its second half.
    if (text.codePointAt(i)! > 0xffff) i++;
    count++;
  }
  return count;
}

/** Code point length when it could matter for `max`; the UTF-16 length is an upper bound. */
export const lengthFor = (text: string, max: number): number =>
  text.length <= max ? text.length : codePointLength(text);
