import { CharClass, FOLD_TABLE, FOLD_UNKNOWN, FROM_SYMBOL, doubleLetters, foldCodePoint } from './fold.js';
import { buf, ensureBuffers } from './scan-buffers.js';
import { matchWord } from './word-match.js';
import { matchSymbolGroup } from './symbol-match.js';
import { WordTrie, type FormSpec } from './word-trie.js';
import type { Span } from './spans.js';

export type { FormSpec } from './word-trie.js';

/**
 * Obfuscation-resistant word matcher (the engine behind `profanity()`).
 *
 * Pass 1 splits the text into words of folded letters (see fold.ts: look-alikes,
 * accents and leetspeak read as `a`-`z`; zero-width and combining characters are
 * skipped). Pass 2 matches each word against the dictionary trie (word-match.ts);
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

/** Longest separator gap (in characters) still read as spacing inside one word: `f . u . c . k`. */
const MAX_GAP = 3;
/** A spaced word needs at least this many single letters (`a s s`), so `a b` in prose is not one. */
const MIN_SPACED = 3;
/** Longest symbol group (in letters) read as one word; longer runs are matched word by word. */
const MAX_GROUP_LETTERS = 40;

/** `* . - _ + # ~`: symbols that join letters into one word when written without spaces. */
const isInWordSymbol = (cp: number): boolean =>
  cp === 42 || cp === 46 || cp === 45 || cp === 95 || cp === 43 || cp === 35 || cp === 126;

/**
 * Whether words `t..u` joined by symbols look like one evasive word: a `* # + ~` between
 * them, a word of one or two letters beside a symbol (`f-ck`, `sh.t`), or a leet symbol
 * inside. `well-known` and `node.js` are not, and skip the branching group reader.
 */
function evasionShaped(t: number, u: number): boolean {
  const { tokStart, tokEnd, tokTight, tokSymbol } = buf;
  for (let k = t; k <= u; k++) {
    if (tokSymbol[k] === 1 || tokEnd[k]! - tokStart[k]! <= 2) return true;
    if (k > t && tokTight[k] === 2) return true;
  }
  return false;
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
    const { code, flags, pos, width, tokStart, tokEnd, tokGapOk, tokTight, tokGapAt, tokSymbol, tokInteresting } = buf;
    const result: WordMatchResult = { count: 0, letters: buf.out.subarray(0, 0), tags: 0 };
    buf.outSize = 0;
    const trie = this.trie;
    const anyPairs = trie.anyPairs;
    const anyTriples = trie.anyTriples;
    // Pass 1: letters and words.
    let n = 0;
    let tokens = 0;
    let inToken = false;
    let gap = 0;
    let gapAt = 0;
    let gapOk = false;
    let gapTight = false;
    let gapStrong = false;
    let spanIndex = 0;
    let skipping = false;
    // Per word: the last three runs (c1, c2, c3), how many runs so far, the first three runs.
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let runs = 0;
    let head = 0;
    let interesting = 0;
    // A leet symbol after a plain letter, waiting for a plain letter after it (`f@ck`).
    let symbolAfterLetter = 0;
    let sawPlain = false;
    for (let i = 0; i < text.length; ) {
      // charCodeAt and a direct table read: codePointAt and a call per character cost ~30% here.
      const unit = text.charCodeAt(i);
      let cp = unit;
      let w = 1;
      let raw = FOLD_TABLE[unit]!;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        if (cp > 0xffff) w = 2;
        raw = foldCodePoint(cp);
      } else if (raw === FOLD_UNKNOWN) {
        raw = foldCodePoint(cp);
      }
      let cls = raw & 63;
      if ((cls >= 1 && cls <= CharClass.OtherLetter) || cls === CharClass.Double) {
        if (!inToken) {
          while (spanIndex < skip.length && skip[spanIndex]!.end <= i) spanIndex++;
          const span = skip[spanIndex];
          skipping = span !== undefined && span.start <= i;
          if (!skipping) {
            const joinable = tokens > 0 && gapOk && gap <= MAX_GAP;
            tokGapOk[tokens] = joinable ? 1 : 0;
            tokTight[tokens] = joinable && gapTight ? (gapStrong ? 2 : 1) : 0;
            tokGapAt[tokens] = gapAt;
            tokSymbol[tokens] = 0;
            tokStart[tokens] = n;
            c1 = c2 = c3 = 0;
            runs = 0;
            head = 0;
            symbolAfterLetter = 0;
            sawPlain = false;
            // A leading `$`/`@`/`!` may stand before the real start: such words are always matched.
            interesting = trie.shortForms || (raw & FROM_SYMBOL) !== 0 ? 1 : 0;
          }
          inToken = true;
        }
        if (!skipping) {
          if ((raw & FROM_SYMBOL) !== 0) {
            if (sawPlain) symbolAfterLetter = 1;
          } else {
            if (symbolAfterLetter === 1) tokSymbol[tokens] = 1;
            sawPlain = true;
          }
          // `ß` reads as two letters: the first goes in here, the second below as for any letter.
          if (cls === CharClass.Double) {
            const [first, second] = doubleLetters(cp);
            if (first !== c3) {
              c1 = c2;
              c2 = c3;
              c3 = first;
              runs++;
              if (runs <= 3) head = (head << 5) | first;
            }
            code[n] = first;
            flags[n] = 0;
            pos[n] = i;
            width[n] = w;
            n++;
            cls = second;
            interesting = 1;
          }
          if (cls !== c3) {
            c1 = c2;
            c2 = c3;
            c3 = cls;
            runs++;
            if (cls === CharClass.AmbiguousIL) interesting = 1;
            else if (
              runs >= 2 &&
              (anyPairs[(c2 << 5) | c3] === 1 || (runs >= 3 && anyTriples[(c1 << 10) | (c2 << 5) | c3] === 1))
            )
              interesting = 1;
            if (runs <= 3) head = (head << 5) | cls;
          }
          code[n] = cls;
          flags[n] = raw & 192;
          pos[n] = i;
          width[n] = w;
          n++;
          // The plain ASCII letters that follow (most of any chat): the steps above for a letter
          // with no flags, without the table read and the surrogate, symbol and `ß` checks.
          let j = i + w;
          for (; j < text.length; j++) {
            const u = text.charCodeAt(j) | 32;
            if (u < 97 || u > 122 || text.charCodeAt(j) < 65) break;
            const c = u - 96;
            if (symbolAfterLetter === 1) tokSymbol[tokens] = 1;
            sawPlain = true;
            if (c !== c3) {
              c1 = c2;
              c2 = c3;
              c3 = c;
              runs++;
              if (
                runs >= 2 &&
                (anyPairs[(c2 << 5) | c3] === 1 || (runs >= 3 && anyTriples[(c1 << 10) | (c2 << 5) | c3] === 1))
              )
                interesting = 1;
              if (runs <= 3) head = (head << 5) | c;
            }
            code[n] = c;
            flags[n] = 0;
            pos[n] = j;
            width[n] = 1;
            n++;
          }
          i = j;
          continue;
        }
      } else if (cls !== CharClass.Ignorable) {
        if (inToken) {
          if (!skipping) {
            tokInteresting[tokens] = interesting | trie.headMatch(head, runs);
            tokEnd[tokens++] = n;
          }
          inToken = false;
          gap = 0;
          gapAt = i;
          gapOk = !skipping;
          gapTight = !skipping;
          gapStrong = false;
        }
        gap++;
        if (cls !== CharClass.Separator || cp === 10 || cp === 13) gapOk = false;
        if (!isInWordSymbol(cp)) gapTight = false;
        else if (cp === 42 || cp === 35 || cp === 43 || cp === 126) gapStrong = true;
      }
      i += w;
    }
    if (inToken && !skipping) {
      tokInteresting[tokens] = interesting | trie.headMatch(head, runs);
      tokEnd[tokens++] = n;
    }

    // Pass 2: symbol groups, spaced letters, words.
    let groupedUntil = -1;
    for (let t = 0; t < tokens; ) {
      let u = t;
      // Each word joins at most one group: the scan for its end runs once per group, not per word.
      if (t > groupedUntil) while (u + 1 < tokens && tokTight[u + 1] !== 0) u++;
      if (
        t > groupedUntil &&
        (tokSymbol[t] === 1 || (u > t && evasionShaped(t, u))) &&
        tokEnd[u]! - tokStart[t]! <= MAX_GROUP_LETTERS &&
        matchSymbolGroup(trie, text, t, u, result, firstOnly)
      ) {
        if (firstOnly) return result;
        t = u + 1;
        continue;
      }
      // A group that did not match is not tried again from each of its words.
      if (u > groupedUntil) groupedUntil = u;
      if (tokEnd[t]! - tokStart[t]! === 1) {
        let v = t;
        // A letter that starts a symbol group (`x p.u.t.a`) is left to that group.
        while (
          v + 1 < tokens &&
          tokEnd[v + 1]! - tokStart[v + 1]! === 1 &&
          tokGapOk[v + 1] === 1 &&
          tokTight[v + 1] === 0 &&
          !(v + 2 < tokens && tokTight[v + 2] !== 0)
        )
          v++;
        if (v - t + 1 >= MIN_SPACED) {
          matchWord(trie, text, tokStart[t]!, tokEnd[v]!, result, firstOnly, false, -1);
          if (firstOnly && result.count > 0) return result;
        }
        t = v + 1;
        continue;
      }
      // A word without a pair any form starts with cannot match (most words of clean text).
      if (tokInteresting[t] === 1)
        matchWord(
          trie,
          text,
          tokStart[t]!,
          tokEnd[t]!,
          result,
          firstOnly,
          true,
          t + 1 < tokens && tokGapOk[t + 1] === 1 ? t + 1 : -1,
        );
      if (firstOnly && result.count > 0) return result;
      t++;
    }
    result.letters = buf.out.subarray(0, buf.outSize);
    return result;
  }
}
