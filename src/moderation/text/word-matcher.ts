import { buf, ensureBuffers, TokenFlag } from './scan-buffers.js';
import { fillLetters, splitWords } from './word-split.js';
import { matchWord } from './word-match.js';
import { matchSymbolGroup } from './symbol-match.js';
import { WordTrie, type FormSpec } from './word-trie.js';
import type { Span } from './spans.js';

export type { FormSpec } from './word-trie.js';

/**
 * Obfuscation-resistant word matcher (the engine behind `profanity()`).
 *
 * Pass 1 (word-split.ts) splits the text into words of folded letters (see fold.ts:
 * look-alikes, accents and leetspeak read as `a`-`z`; zero-width and combining
 * characters are skipped) and marks the words that can hold a form. Pass 2 folds the
 * letters of those words only and matches them against the dictionary trie (word-match.ts);
 * a run of single letters between short separators (`f u c k`) is read as one word;
 * words joined by in-word symbols (`f*ck`, `c.o.c.k`, `s*hit`) or holding a symbol
 * between letters (`f@ck`) are first read as one group where each symbol may stand
 * for one letter or for nothing (symbol-match.ts).
 * Cost: linear in the text; each word's trie walk is bounded by the longest form.
 */

/** What a scan found. */
export interface WordMatchResult {
  /** How many separate words matched. */
  count: number;
  /**
   * Pairs (UTF-16 index, UTF-16 width) of every character to mask, in text order;
   * empty when the scan stopped at the first match. A view of a reused buffer:
   * read it before the next scan.
   */
  letters: Int32Array;
  /** The tags of the forms that matched, as bits (`1 << tag`). */
  tags: number;
}

const NO_LETTERS = new Int32Array(0);

/** A spaced word needs at least this many single letters (`a s s`), so `a b` in prose is not one. */
const MIN_SPACED = 3;
/** Longest symbol group (in letters) read as one word; longer runs are matched word by word. */
const MAX_GROUP_LETTERS = 40;

/**
 * Whether words `t..u` joined by symbols look like one evasive word: a `* # + ~` between
 * them, a word of one or two letters beside a symbol (`f-ck`, `sh.t`), or a leet symbol
 * inside. `well-known` and `node.js` are not, and skip the branching group reader.
 */
function evasionShaped(t: number, u: number): boolean {
  const { tokStart, tokEnd, tokFlags } = buf;
  for (let k = t; k <= u; k++) {
    if ((tokFlags[k]! & TokenFlag.Symbol) !== 0 || tokEnd[k]! - tokStart[k]! <= 2) return true;
    if (k > t && (tokFlags[k]! & TokenFlag.Strong) !== 0) return true;
  }
  return false;
}

/**
 * Whether the first four runs of word `t` (filled) start an anchored form or a compound head:
 * pass 1 checked three. A word of fewer runs is left to the trie.
 */
function headFits(trie: WordTrie, t: number): boolean {
  const { code, tokStart, tokEnd } = buf;
  const end = tokEnd[t]!;
  let key = 0;
  let runs = 0;
  let last = -1;
  for (let k = tokStart[t]!; k < end; k++) {
    const c = code[k]!;
    if (c === last) continue;
    last = c;
    key = key * 32 + c;
    if (++runs >= 2 && trie.headPrefixes.has(key)) return true;
    if (runs === 4) return false;
  }
  return true;
}

export class WordMatcher {
  private readonly trie: WordTrie;

  /**
   * @param forms dictionary forms with wildcards (`word`, `word*`, `*word`, `*word*`, `two words`)
   * @param allow whole words never matched (names, places, innocent words), compared after folding
   */
  constructor(forms: readonly (string | FormSpec)[], allow: readonly string[]) {
    this.trie = new WordTrie(forms, allow);
  }

  /**
   * Finds dictionary words in `text`, skipping words inside `skip` spans (URLs,
   * e-mails, mentions; sorted). With `firstOnly` it stops at the first match.
   *
   * @example
   * new WordMatcher(['fuck*'], []).scan('what the f.u.c.k', [], true).count; // 1
   */
  scan(text: string, skip: readonly Span[], firstOnly: boolean): WordMatchResult {
    ensureBuffers(text.length * 2 + 1);
    const { tokStart, tokEnd, tokFlags } = buf;
    const result: WordMatchResult = { count: 0, letters: NO_LETTERS, tags: 0 };
    buf.outSize = 0;
    const trie = this.trie;
    const tokens = splitWords(trie, text, skip);

    // Pass 2: symbol groups, spaced letters, words.
    let groupedUntil = -1;
    for (let t = 0; t < tokens; ) {
      // Most words of clean text: many letters, nothing to match, no symbol group starting here.
      if (
        (tokFlags[t]! & (TokenFlag.Symbol | TokenFlag.Interesting | TokenFlag.Head | TokenFlag.Single)) === 0 &&
        (t + 1 === tokens || (tokFlags[t + 1]! & TokenFlag.Tight) === 0)
      ) {
        t++;
        continue;
      }
      let u = t;
      // Each word joins at most one group: the scan for its end runs once per group, not per word.
      if (t > groupedUntil) while (u + 1 < tokens && (tokFlags[u + 1]! & TokenFlag.Tight) !== 0) u++;
      if (
        t > groupedUntil &&
        ((tokFlags[t]! & TokenFlag.Symbol) !== 0 || (u > t && evasionShaped(t, u))) &&
        tokEnd[u]! - tokStart[t]! <= MAX_GROUP_LETTERS
      ) {
        fillLetters(text, t, u);
        if (matchSymbolGroup(trie, text, t, u, result, firstOnly)) {
          if (firstOnly) return result;
          t = u + 1;
          continue;
        }
      }
      // A group that did not match is not tried again from each of its words.
      if (u > groupedUntil) groupedUntil = u;
      if (tokEnd[t]! - tokStart[t]! === 1) {
        let v = t;
        // A letter that starts a symbol group (`x p.u.t.a`) is left to that group.
        while (
          v + 1 < tokens &&
          tokEnd[v + 1]! - tokStart[v + 1]! === 1 &&
          (tokFlags[v + 1]! & (TokenFlag.GapOk | TokenFlag.Tight)) === TokenFlag.GapOk &&
          !(v + 2 < tokens && (tokFlags[v + 2]! & TokenFlag.Tight) !== 0)
        )
          v++;
        if (v - t + 1 >= MIN_SPACED) {
          fillLetters(text, t, v);
          matchWord(trie, text, tokStart[t]!, tokEnd[v]!, result, firstOnly, false, -1);
          if (firstOnly && result.count > 0) return result;
        }
        t = v + 1;
        continue;
      }
      // A word without a pair any form starts with cannot match (most words of clean text).
      const flags = tokFlags[t]!;
      if ((flags & (TokenFlag.Interesting | TokenFlag.Head)) !== 0) fillLetters(text, t, t);
      if ((flags & TokenFlag.Interesting) !== 0 || ((flags & TokenFlag.Head) !== 0 && headFits(trie, t))) {
        matchWord(
          trie,
          text,
          tokStart[t]!,
          tokEnd[t]!,
          result,
          firstOnly,
          true,
          t + 1 < tokens && (tokFlags[t + 1]! & TokenFlag.GapOk) !== 0 ? t + 1 : -1,
        );
      }
      if (firstOnly && result.count > 0) return result;
      t++;
    }
    if (buf.outSize > 0) result.letters = buf.out.subarray(0, buf.outSize);
    return result;
  }
}
