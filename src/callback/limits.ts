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

const { contentMaxBytes } = CALLBACK_LIMITS;

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

/** Ends content cut to fit the 4096-byte limit, so readers see that it was cut. */
export const TRUNCATION_MARKER = '…';
const MARKER_BYTES = Buffer.byteLength(TRUNCATION_MARKER);

/**
 * `content` when it fits the callback's byte limit, else its longest prefix (cut between
 * code points) that fits with {@link TRUNCATION_MARKER} after it. A moderated message that a
 * rule made longer (labels, masks) is cut rather than sent as the sender wrote it.
 *
 * @example
 * Buffer.byteLength(fitContent('[EMAIL] '.repeat(600))); // 4096, ending in '…'
 */
export function fitContent(content: string): string {
  if (content.length * 3 <= contentMaxBytes || Buffer.byteLength(content) <= contentMaxBytes) return content;
  const bytes = Buffer.from(content, 'utf8');
  let end = contentMaxBytes - MARKER_BYTES;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut falls between code points.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return `${bytes.subarray(0, end).toString('utf8')}${TRUNCATION_MARKER}`;
}
