import { defineRule, PASS } from '../rule.js';
import { knownKeys, numberIn, oneOf, optionsObject } from '../options.js';
import { codePointLength } from '../../callback/limits.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export interface MaxLengthOptions extends CommonRuleOptions {
  /** Most characters (code points) the content may have. */
  chars?: number;
  /** Most UTF-8 bytes the content may have (the service's limit is 4096). */
  bytes?: number;
  /** `truncate` (default) cuts at a character boundary (never inside an emoji's surrogate pair); `deny` denies. */
  action?: 'truncate' | 'deny';
}

const KEYS = ['chars', 'bytes', 'action', 'annotate'] as const;

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** The longest prefix of `text` within both limits, cut between code points. */
function truncate(text: string, chars: number, bytes: number): string {
  let count = 0;
  let size = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (count + 1 > chars || size + utf8Length(cp) > bytes) break;
    count++;
    size += utf8Length(cp);
    i += width;
  }
  return text.slice(0, i);
}

/**
 * Caps the content's length in characters and/or UTF-8 bytes.
 *
 * @param options - the limit in characters, UTF-8 bytes or both, and the action
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware)
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(maxLength({ chars: 500 })); // a 600-character message is cut to 500
 * moderate(maxLength({ bytes: 1024, action: 'deny' }));
 */
export function maxLength(options: MaxLengthOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('maxLength', opts, KEYS);
  if (opts.chars === undefined && opts.bytes === undefined)
    throw new InvalidOptionsError('maxLength', 'needs chars, bytes or both');
  const chars = numberIn('maxLength.chars', opts.chars, 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const bytes = numberIn('maxLength.bytes', opts.bytes, 4, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const action = oneOf('maxLength.action', opts.action, ['truncate', 'deny'] as const, 'truncate');
  return defineRule(
    'maxLength',
    function maxLengthCheck(draft) {
      const text = draft.content;
      // UTF-16 length bounds both: a code point is 1-2 units and 1-4 bytes (3 bytes per unit at most).
      if (text.length <= chars && text.length * 3 <= bytes) return PASS;
      const over = codePointLength(text) > chars || Buffer.byteLength(text, 'utf8') > bytes;
      if (!over) return PASS;
      if (action === 'deny') return { kind: 'deny', reason: 'too long', count: 1 };
      return { kind: 'edit', content: truncate(text, chars, bytes), count: 1 };
    },
    { annotate: opts.annotate },
  );
}
