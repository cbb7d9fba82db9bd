import { RE2JS } from 're2js';
import { defineRule, PASS } from '../rule.js';
import { booleanOption, knownKeys, oneOf, optionsObject, stringList } from '../options.js';
import { replaceRanges, type Replacement } from '../text/mask.js';
import { WordMatcher } from '../text/word-matcher.js';
import { maskLetters } from '../text/mask.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export interface KeywordsOptions extends CommonRuleOptions {
  /** Words or phrases: `cat` (whole word), `cat*` (starts with), `*cat` (ends with), `*cat*` (contains), `buy now` (phrase). Case and accents ignored. */
  words?: string[];
  /** Regular expressions, run by RE2 (linear time). Backreferences and lookaround are rejected when the rule is built. */
  patterns?: (string | RegExp)[];
  /** Read words through leetspeak, look-alike letters and spacing, as `profanity()` does (letters-only words). Default false. */
  obfuscation?: boolean;
  /** `deny` (default) denies the message; `mask` replaces each matched letter with `*`. */
  action?: 'deny' | 'mask';
}

const KEYS = ['words', 'patterns', 'obfuscation', 'action', 'annotate'] as const;
/**
 * Matches per message a pattern may report: an RE2JS find costs far more than a word lookup, so past
 * this cap the message is flagged anyway and a pattern matching every few characters of 64 KB stays
 * within the time budget (figures in docs/benchmarks.md).
 * With `mask`, matches past this many stay unmasked.
 */
const MAX_PATTERN_MATCHES = 100;

const fold = (word: string): string =>
  /^\p{ASCII}*$/u.test(word) ? word.toLowerCase() : word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

interface WordLists {
  exact: Set<string>;
  prefix: string[];
  suffix: string[];
  contains: string[];
  phrases: string[][];
  /** Shortest folded entry (first word of a phrase): shorter ASCII words are skipped. */
  minLength: number;
  /** The same bound for words with other characters, which can grow when folded (`ﬃ` is three letters). */
  minLengthAnyScript: number;
}

function compileWords(words: string[]): WordLists {
  const lists: WordLists = {
    exact: new Set(),
    prefix: [],
    suffix: [],
    contains: [],
    phrases: [],
    minLength: Infinity,
    minLengthAnyScript: Infinity,
  };
  for (const raw of words) {
    const start = raw.startsWith('*');
    const end = raw.endsWith('*') && raw.length > 1;
    const core = raw.slice(start ? 1 : 0, end ? -1 : undefined);
    const parts = core.split(/\s+/).filter(Boolean).map(fold);
    if (parts.length === 0 || parts.some((p) => p.includes('*') || !/^[\p{L}\p{N}_]+$/u.test(p))) {
      throw new InvalidOptionsError(
        'keywords.words',
        `${JSON.stringify(raw)}: use letters and digits, with * only at the start or end`,
      );
    }
    if (parts.length > 1) {
      if (start || end)
        throw new InvalidOptionsError('keywords.words', `${JSON.stringify(raw)}: a phrase cannot have wildcards`);
      lists.phrases.push(parts);
    } else if (start && end) lists.contains.push(parts[0]!);
    else if (start) lists.suffix.push(parts[0]!);
    else if (end) lists.prefix.push(parts[0]!);
    else lists.exact.add(parts[0]!);
    lists.minLength = Math.min(lists.minLength, parts[0]!.length);
    lists.minLengthAnyScript = Math.min(lists.minLengthAnyScript, Math.max(1, Math.ceil(parts[0]!.length / 3)));
  }
  return lists;
}

function compilePattern(pattern: string | RegExp, index: number): RE2JS {
  let source: string;
  let flags = 0;
  if (pattern instanceof RegExp) {
    source = pattern.source;
    if (pattern.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
    if (pattern.flags.includes('m')) flags |= RE2JS.MULTILINE;
    if (pattern.flags.includes('s')) flags |= RE2JS.DOTALL;
  } else if (typeof pattern === 'string' && pattern.length > 0) {
    source = pattern;
  } else {
    throw new InvalidOptionsError(`keywords.patterns[${index}]`, 'must be a non-empty string or a RegExp');
  }
  try {
    return RE2JS.compile(source, flags);
  } catch (error) {
    throw new InvalidOptionsError(
      `keywords.patterns[${index}]`,
      `cannot run in linear time (RE2 rejects it: ${(error as Error).message}); backreferences and lookaround are not supported`,
    );
  }
}

// Word characters of the BMP, classified once each (0 unknown, 1 word, 2 not): no regex per character.
const WORD_CLASS = new Uint8Array(0x10000);
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let kind = WORD_CLASS[c]!;
  if (kind === 0) WORD_CLASS[c] = kind = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c)) ? 1 : 2;
  return kind === 1;
}

/** End of the word starting at `i` (`i` itself when no word starts there). */
function wordEnd(text: string, i: number): number {
  while (i < text.length && isWordUnit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whole-word matching in one hand-written pass, no array per word: words shorter
 * than every entry are never sliced, phrases look ahead only when their first word matched.
 */
function matchWords(text: string, lists: WordLists, firstOnly: boolean, out: Replacement[]): void {
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let high = 0;
    while (i < n && isWordUnit(text.charCodeAt(i))) high |= text.charCodeAt(i++);
    const end = i;
    const ascii = high < 0x80;
    // ASCII words fold to the same length; others may grow (a ligature), so a looser bound.
    if (end - start < (ascii ? lists.minLength : lists.minLengthAnyScript)) continue;
    const word = ascii ? text.slice(start, end).toLowerCase() : fold(text.slice(start, end));
    let hit =
      lists.exact.has(word) ||
      lists.prefix.some((p) => word.startsWith(p)) ||
      lists.suffix.some((x) => word.endsWith(x)) ||
      lists.contains.some((c) => word.includes(c));
    let until = end;
    if (!hit) {
      for (const phrase of lists.phrases) {
        if (phrase[0] !== word) continue;
        let at = end;
        let ok = true;
        for (let k = 1; k < phrase.length && ok; k++) {
          // Phrase words are separated by whitespace only.
          let next = at;
          while (next < n && /\s/.test(text[next]!)) next++;
          const nextEnd = wordEnd(text, next);
          ok = next > at && nextEnd > next && fold(text.slice(next, nextEnd)) === phrase[k];
          at = nextEnd;
        }
        if (ok) {
          hit = true;
          until = at;
          break;
        }
      }
    }
    if (hit) {
      out.push({ start, end: until, with: '' });
      if (firstOnly) return;
      i = Math.max(i, until);
    }
  }
}

/**
 * Flags words, phrases and patterns you list: wildcard words (`cat*`, `*cat`,
 * `*cat*`, whole word by default) and regular expressions run by RE2, a
 * linear-time engine (patterns it cannot run fail when the rule is built).
 *
 * @param options - the words (with `*` wildcards) and patterns to find, and the action
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware)
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(keywords({ words: ['crypto*', 'buy now'], patterns: [/\bpromo-\d+\b/i] }));
 * moderate(keywords({ words: ['frak*'], obfuscation: true, action: 'mask' }));
 */
export function keywords(options: KeywordsOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('keywords', opts, KEYS);
  const words = stringList('keywords.words', opts.words);
  if (opts.patterns !== undefined && !Array.isArray(opts.patterns))
    throw new InvalidOptionsError('keywords.patterns', 'must be an array');
  const patterns = (opts.patterns ?? []).map(compilePattern);
  if (words.length === 0 && patterns.length === 0) throw new InvalidOptionsError('keywords', 'needs words or patterns');
  const obfuscation = booleanOption('keywords.obfuscation', opts.obfuscation, false);
  const action = oneOf('keywords.action', opts.action, ['deny', 'mask'] as const, 'deny');
  const firstOnly = action === 'deny';
  let lists: WordLists | undefined;
  let matcher: WordMatcher | undefined;
  if (obfuscation) {
    for (const w of words) {
      if (!/^\*?\p{L}+(?: \p{L}+)?\*?$/u.test(w))
        throw new InvalidOptionsError(
          'keywords.words',
          `${JSON.stringify(w)}: with obfuscation, words are letters only (one or two words)`,
        );
    }
    matcher = new WordMatcher(words, []);
  } else if (words.length > 0) {
    lists = compileWords(words);
  }

  return defineRule(
    'keywords',
    function keywordsCheck(draft) {
      const text = draft.content;
      const found: Replacement[] = [];
      let letters: ArrayLike<number> = [];
      let count = 0;
      if (matcher) {
        const result = matcher.scan(text, [], firstOnly);
        count += result.count;
        letters = result.letters;
      } else if (lists) {
        matchWords(text, lists, firstOnly, found);
      }
      for (const pattern of patterns) {
        if (firstOnly && (found.length > 0 || count > 0)) break;
        const m = pattern.matcher(text);
        let seen = 0;
        while (m.find() && seen < MAX_PATTERN_MATCHES) {
          if (m.end() === m.start()) continue;
          seen++;
          found.push({ start: m.start(), end: m.end(), with: '' });
          if (firstOnly) break;
        }
      }
      count += found.length;
      if (count === 0) return PASS;
      if (firstOnly) return { kind: 'deny', reason: 'keyword', count };
      let content = maskLetters(text, letters);
      if (found.length > 0) {
        // Masks keep the length: every letter or digit of a match becomes `*`.
        const base = content;
        content = replaceRanges(
          base,
          found.map((r) => ({ ...r, with: base.slice(r.start, r.end).replace(/[\p{L}\p{N}]/gu, '*') })),
        );
      }
      return { kind: 'edit', content, count };
    },
    { annotate: opts.annotate },
  );
}
