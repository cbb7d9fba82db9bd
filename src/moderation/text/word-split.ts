import { CharClass, FOLD_TABLE, FOLD_UNKNOWN, FROM_DIGIT, FROM_SYMBOL, doubleLetters, foldCodePoint } from './fold.js';
import { buf, TokenFlag } from './scan-buffers.js';
import type { Span } from './spans.js';
import { HEAD_KEYS, type WordTrie } from './word-trie.js';

/**
 * Pass 1 of the word matcher: splits the text into words and records, per word, its
 * place (UTF-16 range, letter range), the gap before it and whether it can hold a
 * dictionary form at all. It writes nothing per letter: the letters of the few words
 * pass 2 reads are folded by {@link fillLetters}, so clean chat folds almost nothing twice.
 *
 * Letter indices are virtual: word `t` owns letters `tokStart[t] .. tokEnd[t]` of the
 * letter buffers (consecutive words own consecutive ranges), filled on demand.
 */

/** Longest separator gap (in characters) still read as spacing inside one word: `f . u . c . k`. */
const MAX_GAP = 3;

/** Three runs of 5 bits: the key into {@link WordTrie.startKeys}. */
const KEY_MASK = HEAD_KEYS - 1;
/** A `startKeys` entry (bits 1 and 2) shifted to the {@link TokenFlag.Interesting} and {@link TokenFlag.Head} bits. */
const INTERESTING_SHIFT = 4;

/** `* . - _ + # ~`: symbols that join letters into one word when written without spaces. */
const isInWordSymbol = (cp: number): boolean =>
  cp === 42 || cp === 46 || cp === 45 || cp === 95 || cp === 43 || cp === 35 || cp === 126;

/** A word's flags once it ends: digits alone are never matched as a word; one letter is marked. */
const finalFlags = (flags: number, lettered: boolean, letters: number): number =>
  (lettered ? flags : flags & ~(TokenFlag.Interesting | TokenFlag.Head)) | (letters === 1 ? TokenFlag.Single : 0);

/**
 * Splits `text` into words (skipping words that start inside a `skip` span) into the
 * token buffers; returns how many. A word is a run of letters as folded by fold.ts
 * (look-alikes, accents and leetspeak read as `a`-`z`); zero-width and combining
 * characters inside it are skipped. Buffers must hold `2 * text.length + 1` entries.
 */
export function splitWords(trie: WordTrie, text: string, skip: readonly Span[]): number {
  const { tokStart, tokEnd, tokPos, tokPosEnd, tokFlags, tokGapAt } = buf;
  const startKeys = trie.startKeys;
  const everyWord = trie.shortForms ? TokenFlag.Interesting : 0;
  const length = text.length;
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
  // Per word: its flags so far, the last three runs packed 5 bits each (see WordTrie.startKeys),
  // the last run's code, and how many runs.
  let flags = 0;
  let key = 0;
  let last = 0;
  let runs = 0;
  // A leet symbol after a plain letter, waiting for a plain letter after it (`f@ck`).
  let symbolAfterLetter = false;
  let sawPlain = false;
  // A letter not written with a digit: a word of digits alone (`404`) is a number, never matched.
  let lettered = false;
  /** UTF-16 index just past the word's last letter (trailing zero-width characters are not in it). */
  let letterEnd = 0;
  for (let i = 0; i < length; ) {
    // charCodeAt and a direct table read: codePointAt and a call per character cost more here.
    const unit = text.charCodeAt(i);
    let cp = unit;
    let w = 1;
    let raw = FOLD_TABLE[unit]!;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
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
          flags = everyWord;
          if (tokens > 0 && gapOk && gap <= MAX_GAP) {
            flags |= TokenFlag.GapOk;
            if (gapTight) flags |= gapStrong ? TokenFlag.Tight | TokenFlag.Strong : TokenFlag.Tight;
          }
          tokStart[tokens] = n;
          tokPos[tokens] = i;
          key = 0;
          last = 0;
          runs = 0;
          symbolAfterLetter = false;
          sawPlain = false;
          lettered = false;
          // A leading `$`/`@`/`!` may stand before the real start: such words are always matched.
          if ((raw & FROM_SYMBOL) !== 0) flags |= TokenFlag.Interesting;
        }
        inToken = true;
      }
      if (!skipping) {
        if ((raw & FROM_DIGIT) === 0) lettered = true;
        if ((raw & FROM_SYMBOL) !== 0) {
          if (sawPlain) symbolAfterLetter = true;
        } else {
          if (symbolAfterLetter) flags |= TokenFlag.Symbol;
          sawPlain = true;
        }
        // `ß` reads as two letters: the first counts here, the second below as for any letter.
        if (cls === CharClass.Double) {
          const [first, second] = doubleLetters(cp);
          if (first !== last) {
            key = ((key << 5) | first) & KEY_MASK;
            last = first;
            runs++;
          }
          n++;
          cls = second;
          flags |= TokenFlag.Interesting;
        }
        if (cls !== last) {
          key = ((key << 5) | cls) & KEY_MASK;
          last = cls;
          runs++;
          if (cls === CharClass.AmbiguousIL) flags |= TokenFlag.Interesting;
          else flags |= startKeys[runs <= 3 ? HEAD_KEYS + key : key]! << INTERESTING_SHIFT;
        }
        n++;
        // The plain ASCII letters that follow (most of any chat): the steps above for a letter
        // with no flags, without the table read and the surrogate, symbol and `ß` checks.
        const next = i + w;
        let j = next;
        for (; j < length; j++) {
          const v = text.charCodeAt(j);
          const u = v | 32;
          if (u < 97 || u > 122 || v < 65) break;
          const c = u - 96;
          if (c !== last) {
            key = ((key << 5) | c) & KEY_MASK;
            last = c;
            runs++;
            flags |= startKeys[runs <= 3 ? HEAD_KEYS + key : key]! << INTERESTING_SHIFT;
          }
        }
        if (j > next) {
          n += j - next;
          lettered = true;
          if (symbolAfterLetter) flags |= TokenFlag.Symbol;
          sawPlain = true;
        }
        letterEnd = j;
        i = j;
        continue;
      }
    } else if (cls !== CharClass.Ignorable) {
      if (inToken) {
        if (!skipping) {
          tokFlags[tokens] = finalFlags(flags, lettered, n - tokStart[tokens]!);
          tokGapAt[tokens] = gapAt;
          tokPosEnd[tokens] = letterEnd;
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
    tokFlags[tokens] = finalFlags(flags, lettered, n - tokStart[tokens]!);
    tokGapAt[tokens] = gapAt;
    tokPosEnd[tokens] = letterEnd;
    tokEnd[tokens++] = n;
  }
  return tokens;
}

/**
 * Folds the letters of words `from..to` into the letter buffers (code, flags, UTF-16
 * index and width per letter) at the indices pass 1 gave them; a word already filled
 * in this scan is left as it is.
 */
export function fillLetters(text: string, from: number, to: number): void {
  const { code, flags, pos, width, tokStart, tokPos, tokPosEnd, tokFlags } = buf;
  for (let t = from; t <= to; t++) {
    if ((tokFlags[t]! & TokenFlag.Filled) !== 0) continue;
    tokFlags[t]! |= TokenFlag.Filled;
    let n = tokStart[t]!;
    const end = tokPosEnd[t]!;
    for (let i = tokPos[t]!; i < end; ) {
      const unit = text.charCodeAt(i);
      // A plain ASCII letter: its code without the table.
      const lower = unit | 32;
      if (lower >= 97 && lower <= 122 && unit >= 65) {
        code[n] = lower - 96;
        flags[n] = 0;
        pos[n] = i;
        width[n] = 1;
        n++;
        i++;
        continue;
      }
      let cp = unit;
      let w = 1;
      let raw = FOLD_TABLE[unit]!;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        // Inside a word a high surrogate is half of a letter: a lone one folds to a word break.
        cp = text.codePointAt(i)!;
        w = 2;
        raw = foldCodePoint(cp);
      }
      // Pass 1 read every character of the word, so the table holds each one (never FOLD_UNKNOWN).
      let cls = raw & 63;
      if (cls === CharClass.Double) {
        const [first, second] = doubleLetters(cp);
        code[n] = first;
        flags[n] = 0;
        pos[n] = i;
        width[n] = w;
        n++;
        cls = second;
      }
      // Inside a word there are only letters and skipped (zero-width, combining) characters.
      if (cls !== CharClass.Ignorable) {
        code[n] = cls;
        flags[n] = raw & 192;
        pos[n] = i;
        width[n] = w;
        n++;
      }
      i += w;
    }
  }
}
