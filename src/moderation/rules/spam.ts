import { defineRule, PASS } from '../rule.js';
import { knownKeys, numberIn, oneOf, optionsObject } from '../options.js';
import { addressSpans } from '../text/spans.js';
import type { CommonRuleOptions, Rule } from '../types.js';

export interface SpamOptions extends CommonRuleOptions {
  /** Most @mentions in one message. Default 10. */
  maxMentions?: number;
  /** Largest share of capital letters, checked on messages with at least 20 letters. Default 0.8. */
  maxCapsRatio?: number;
  /** Longest run of one repeated character (`!!!!!!`, `aaaaaa`). Default 20. */
  maxRepeatedChars?: number;
  /** Most combining marks on one character ("Zalgo" text). Default 4. */
  maxCombiningMarks?: number;
  /**
   * `deny` (default) denies a message over any limit; `clean` repairs what can be
   * repaired (cuts runs and marks to the limit, lowercases shouting) and denies only
   * too many mentions.
   */
  action?: 'deny' | 'clean';
}

const KEYS = ['maxMentions', 'maxCapsRatio', 'maxRepeatedChars', 'maxCombiningMarks', 'action', 'annotate'] as const;
const CAPS_MIN_LETTERS = 20;
// Case of BMP characters, computed once each (0 unknown, 1 upper, 2 lower, 3 neither): no string per character.
const CASES = new Uint8Array(0x10000);
function caseOf(c: number): number {
  let kind = CASES[c]!;
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    kind = ch !== ch.toLowerCase() ? 1 : ch !== ch.toUpperCase() ? 2 : 3;
    CASES[c] = kind;
  }
  return kind;
}
const isMark = (cp: number) =>
  (cp >= 0x300 && cp <= 0x36f) ||
  (cp >= 0x1ab0 && cp <= 0x1aff) ||
  (cp >= 0x1dc0 && cp <= 0x1dff) ||
  (cp >= 0x20d0 && cp <= 0x20ff) ||
  (cp >= 0xfe20 && cp <= 0xfe2f);

/**
 * Flags the shapes of spam: mention floods, shouting, long repeated runs and
 * stacked combining marks. One pass over the text.
 *
 * @param options - the limits (repeats, capitals, mentions, ...) and `deny` or `clean`
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware)
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(spam()); // denies '@a @b @c ... (11 mentions)'
 * moderate(spam({ maxRepeatedChars: 5, action: 'clean' })); // 'nooooooooo' -> 'nooooo'
 */
export function spam(options?: SpamOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('spam', opts, KEYS);
  const maxMentions = numberIn('spam.maxMentions', opts.maxMentions, 0, 1000, 10);
  const maxCapsRatio = numberIn('spam.maxCapsRatio', opts.maxCapsRatio, 0, 1, 0.8, { integer: false });
  const maxRepeated = numberIn('spam.maxRepeatedChars', opts.maxRepeatedChars, 1, 4096, 20);
  const maxMarks = numberIn('spam.maxCombiningMarks', opts.maxCombiningMarks, 0, 64, 4);
  const action = oneOf('spam.action', opts.action, ['deny', 'clean'] as const, 'deny');

  return defineRule(
    'spam',
    function spamCheck(draft) {
      const text = draft.content;
      if (text.indexOf('@') !== -1) {
        let mentions = 0;
        for (const span of addressSpans(text)) if (span.kind === 'mention') mentions++;
        if (mentions > maxMentions) return { kind: 'deny', reason: `${mentions} mentions`, count: mentions };
      }
      let upper = 0;
      let lower = 0;
      let run = 0;
      let longestRun = 0;
      let marks = 0;
      let mostMarks = 0;
      let previous = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isMark(c)) {
          marks++;
          if (marks > mostMarks) mostMarks = marks;
          continue;
        }
        marks = 0;
        run = c === previous ? run + 1 : 1;
        previous = c;
        if (run > longestRun) longestRun = run;
        if (c >= 65 && c <= 90) upper++;
        else if (c >= 97 && c <= 122) lower++;
        else if (c > 0x7f && (c < 0xd800 || c > 0xdfff)) {
          const kind = caseOf(c);
          if (kind === 1) upper++;
          else if (kind === 2) lower++;
        }
      }
      const letters = upper + lower;
      const shouting = letters >= CAPS_MIN_LETTERS && upper / letters > maxCapsRatio;
      const repeated = longestRun > maxRepeated;
      const zalgo = mostMarks > maxMarks;
      if (!shouting && !repeated && !zalgo) return PASS;
      const problems = [shouting && 'caps', repeated && 'repeated characters', zalgo && 'combining marks']
        .filter(Boolean)
        .join(', ');
      if (action === 'deny') return { kind: 'deny', reason: problems, count: 1 };
      let out = '';
      let runLength = 0;
      let markCount = 0;
      let last = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isMark(c)) {
          if (++markCount <= maxMarks) out += text[i];
          continue;
        }
        markCount = 0;
        runLength = c === last ? runLength + 1 : 1;
        last = c;
        if (runLength <= maxRepeated) out += text[i];
      }
      if (shouting) out = out.toLowerCase();
      return { kind: 'edit', content: out, count: 1 };
    },
    { annotate: opts.annotate },
  );
}
