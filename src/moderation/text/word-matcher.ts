import { CharClass, FOLD_TABLE, FOLD_UNKNOWN, FROM_DIGIT, FROM_SYMBOL, foldCodePoint, foldWord } from './fold.js';
import type { Span } from './spans.js';

/**
 * Obfuscation-resistant word matcher (the engine behind `profanity()`).
 *
 * One pass splits the text into words of folded letters (see fold.ts); a run of
 * single letters between short separators (`f.u.c.k`, `f u c k`) is joined into
 * one word. Each word is run-length encoded (`fuuuck` -> f,u,c,k with counts) and
 * walked through a trie of the dictionary's run-length forms, so repeated letters
 * match while `as` does not match `ass` (a form's counts are minimums).
 * Dictionary forms use wildcards: `cock` whole word, `fuck*` at a word start,
 * `*hole` at a word end, `*fuck*` anywhere in a word. Whole-word forms are what
 * keep `cockpit`, `cumin` and `analgesic` clean.
 * Cost: O(letters x longest form), with the trie walk bounded by the form length.
 */

const ALPHABET = 27; // codes 1-26, index 0 unused

interface Entry {
  /** The dictionary form, for the record (never logged with the text). */
  form: string;
  counts: Uint8Array;
  startAnywhere: boolean;
  endAnywhere: boolean;
  /** Index into the phrase table when this entry is the first word of a phrase. */
  phrase: number;
}

/** What a scan found. */
export interface WordMatchResult {
  /** How many separate words matched. */
  count: number;
  /**
   * Pairs (utf16 index, utf16 length) of every letter that matched, in text order;
   * empty when the scan stopped at the first match. A view of a reused buffer:
   * read it before the next scan.
   */
  letters: Int32Array;
}

// Reused scan buffers (grown on demand): no allocation per message on the hot path.
let cap = 0;
let code = new Uint8Array(0);
let flags = new Uint8Array(0);
let pos = new Int32Array(0);
let width = new Uint8Array(0);
let runCode = new Uint8Array(0);
let runFirst = new Int32Array(0);
let tokStart = new Int32Array(0);
let tokEnd = new Int32Array(0);
let tokGapOk = new Uint8Array(0);
/** Whether a word holds a run pair some form starts with: the others skip matching altogether. */
let tokInteresting = new Uint8Array(0);
// Matched letters as (index, width) pairs: a typed buffer, since a 64 KB word of matches is 128k numbers.
let out = new Int32Array(256);
let outSize = 0;
const pushLetter = (index: number, w: number) => {
  if (outSize + 2 > out.length) {
    const grown = new Int32Array(out.length * 2);
    grown.set(out);
    out = grown;
  }
  out[outSize++] = index;
  out[outSize++] = w;
};

function ensure(size: number): void {
  if (size <= cap) return;
  cap = Math.max(size, cap * 2, 256);
  code = new Uint8Array(cap);
  flags = new Uint8Array(cap);
  pos = new Int32Array(cap);
  width = new Uint8Array(cap);
  runCode = new Uint8Array(cap);
  runFirst = new Int32Array(cap + 1);
  tokInteresting = new Uint8Array(cap);
  tokStart = new Int32Array(cap);
  tokEnd = new Int32Array(cap);
  tokGapOk = new Uint8Array(cap);
}

/** Longest separator gap (in characters) still read as spacing inside one word: `f . u . c . k`. */
const MAX_GAP = 3;
/** Allow-list entries are names and words: a longer word is not looked up (folding 64 KB would cost ms). */
const MAX_ALLOW_LETTERS = 64;
/** A spaced word needs at least this many single letters (`a s s`), so `a b` in prose is not one. */
const MIN_SPACED = 3;

export class WordMatcher {
  private readonly children: Int32Array;
  /**
   * Run pairs (`code * 28 + code`) a form can start with: at a word start (`wordStart`) or
   * anywhere (`anyStart`, substring forms). A pair in neither skips the trie walk: most
   * letters of clean text stop here, without a call.
   */
  private readonly wordStart = new Uint8Array(28 * 28);
  private readonly anyStart = new Uint8Array(28 * 28);
  private shortForms = false;
  /**
   * The first two or three runs of every form, `(c1 << 10) | (c2 << 5) | c3` (codes fit
   * 5 bits): substring forms anywhere in a word, anchored forms at its start. A word
   * holding none of them cannot match, and most words of clean text are skipped whole.
   */
  private readonly anyPairs = new Uint8Array(32 * 32);
  private readonly anyTriples = new Uint8Array(32 * 32 * 32);
  private readonly headPairs = new Uint8Array(32 * 32);
  private readonly headTriples = new Uint8Array(32 * 32 * 32);
  private readonly entries: (Entry[] | undefined)[];
  private readonly phrases: string[][];
  private readonly allow: ReadonlySet<string>;
  /** Set by check(): the longest match so far came from a wildcard form, so the whole word is masked. */
  private wide = false;
  /** Whether matched letters are recorded (not when the scan stops at the first match). */
  private collect = true;

  /**
   * @param forms dictionary forms with wildcards (`word`, `word*`, `*word`, `*word*`, `two words`)
   * @param allow whole words never matched (names, places, innocent words), compared after folding
   */
  constructor(forms: readonly string[], allow: readonly string[]) {
    const children: number[] = new Array(ALPHABET).fill(0);
    const entries: (Entry[] | undefined)[] = [undefined];
    this.phrases = [];
    const insert = (letters: string, entry: Omit<Entry, 'counts'>) => {
      let node = 0;
      const counts: number[] = [];
      let previous = -1;
      for (const ch of letters) {
        const c = ch.charCodeAt(0) - 96;
        if (c === previous) {
          counts[counts.length - 1]!++;
          continue;
        }
        previous = c;
        counts.push(1);
        let next = children[node * ALPHABET + c]!;
        if (next === 0) {
          next = entries.length;
          entries.push(undefined);
          for (let k = 0; k < ALPHABET; k++) children.push(0);
          children[node * ALPHABET + c] = next;
        }
        node = next;
      }
      (entries[node] ??= []).push({ ...entry, counts: Uint8Array.from(counts) });
      // The first two runs of the form, for the prefilter (`ass` -> a,s; `1` reads as i or l).
      const runs = [...letters].filter((ch, k, all) => k === 0 || ch !== all[k - 1]).map((ch) => ch.charCodeAt(0) - 96);
      if (runs.length < 2) {
        this.shortForms = true;
      } else {
        const key = runs.length === 2 ? (runs[0]! << 5) | runs[1]! : (runs[0]! << 10) | (runs[1]! << 5) | runs[2]!;
        if (runs.length === 2) (entry.startAnywhere ? this.anyPairs : this.headPairs)[key] = 1;
        else (entry.startAnywhere ? this.anyTriples : this.headTriples)[key] = 1;
        const pair = runs[0]! * 28 + runs[1]!;
        this.wordStart[pair] = 1;
        if (entry.startAnywhere) this.anyStart[pair] = 1;
      }
    };
    for (const raw of forms) {
      const startAnywhere = raw.startsWith('*');
      const endAnywhere = raw.endsWith('*') && raw.length > 1;
      const words = foldWord(raw.replace(/^\*|\*$/g, ''))
        .split(/\s+/)
        .filter(Boolean);
      if (words.length === 0 || words.some((w) => !/^[a-z]+$/.test(w))) continue;
      if (words.length === 1) {
        insert(words[0]!, { form: raw, startAnywhere, endAnywhere, phrase: -1 });
      } else {
        this.phrases.push(words.slice(1));
        insert(words[0]!, { form: raw, startAnywhere: false, endAnywhere: false, phrase: this.phrases.length - 1 });
        // Written without spaces (`jerkoff`) it is one word.
        insert(words.join(''), { form: raw, startAnywhere, endAnywhere, phrase: -1 });
      }
    }
    this.children = Int32Array.from(children);
    this.entries = entries;
    this.allow = new Set(allow.map((word) => foldWord(word)));
  }

  /**
   * Finds dictionary words in `text`, skipping words inside `skip` spans (URLs,
   * e-mails, mentions; sorted). With `firstOnly` it stops at the first match.
   *
   * @example
   * new WordMatcher(['fuck*'], []).scan('what the f.u.c.k', [], true).count; // 1
   */
  scan(text: string, skip: readonly Span[], firstOnly: boolean): WordMatchResult {
    ensure(text.length + 1);
    const result: WordMatchResult = { count: 0, letters: out.subarray(0, 0) };
    outSize = 0;
    this.collect = !firstOnly;
    // Pass 1: letters and words.
    let n = 0;
    let tokens = 0;
    let inToken = false;
    let gap = 0;
    let gapOk = false;
    let spanIndex = 0;
    let skipping = false;
    // Per word: the last three runs (c1, c2, c3), how many runs so far, the first three runs.
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let runs = 0;
    let head = 0;
    let interesting = 0;
    const anyPairs = this.anyPairs;
    const anyTriples = this.anyTriples;
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
      const cls = raw & 63;
      if (cls >= 1 && cls <= CharClass.OtherLetter) {
        if (!inToken) {
          while (spanIndex < skip.length && skip[spanIndex]!.end <= i) spanIndex++;
          const span = skip[spanIndex];
          skipping = span !== undefined && span.start <= i;
          if (!skipping) {
            tokGapOk[tokens] = tokens > 0 && gapOk && gap <= MAX_GAP ? 1 : 0;
            tokStart[tokens] = n;
            c1 = c2 = c3 = 0;
            runs = 0;
            head = 0;
            // A leading `$`/`@`/`!` may stand before the real start: such words are always matched.
            interesting = this.shortForms || (raw & FROM_SYMBOL) !== 0 ? 1 : 0;
          }
          inToken = true;
        }
        if (!skipping) {
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
          flags[n] = raw & (FROM_DIGIT | FROM_SYMBOL);
          pos[n] = i;
          width[n] = w;
          n++;
        }
      } else if (cls !== CharClass.Ignorable) {
        if (inToken) {
          if (!skipping) {
            tokInteresting[tokens] = interesting | this.headMatch(head, runs);
            tokEnd[tokens++] = n;
          }
          inToken = false;
          gap = 0;
          gapOk = !skipping;
        }
        gap++;
        if (cls !== CharClass.Separator || cp === 10 || cp === 13) gapOk = false;
      }
      i += w;
    }
    if (inToken && !skipping) {
      tokInteresting[tokens] = interesting | this.headMatch(head, runs);
      tokEnd[tokens++] = n;
    }

    // Pass 2: words, with runs of single letters joined.
    for (let t = 0; t < tokens; ) {
      if (tokEnd[t]! - tokStart[t]! === 1) {
        let u = t;
        while (u + 1 < tokens && tokEnd[u + 1]! - tokStart[u + 1]! === 1 && tokGapOk[u + 1] === 1) u++;
        if (u - t + 1 >= MIN_SPACED) {
          this.word(text, tokStart[t]!, tokEnd[u]!, result, firstOnly, false, -1);
          if (firstOnly && result.count > 0) return result;
        }
        t = u + 1;
        continue;
      }
      // A word without a pair any form starts with cannot match (most words of clean text).
      if (tokInteresting[t] === 1)
        this.word(
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
    result.letters = out.subarray(0, outSize);
    return result;
  }

  /** Whether a word's first runs (`head`, packed 5 bits each) start an anchored form. */
  private headMatch(head: number, runs: number): number {
    if (runs < 2) return 0;
    if (this.headPairs[runs === 2 ? head : head >> 5] === 1) return 1;
    return runs >= 3 && this.headTriples[head] === 1 ? 1 : 0;
  }

  /** Matches one word (letters `[a, b)`); `nextToken` is the following word, for phrases. */
  private word(
    text: string,
    a: number,
    b: number,
    result: WordMatchResult,
    firstOnly: boolean,
    checkAllow: boolean,
    nextToken: number,
  ): void {
    // Digits alone (`455`, `1000`) are numbers, not leetspeak.
    let letters = false;
    for (let k = a; k < b; k++) {
      if ((flags[k]! & FROM_DIGIT) === 0) {
        letters = true;
        break;
      }
    }
    if (!letters) return;
    // Run-length encode: a run is its code and its first letter; `runFirst[m] = b` closes the last,
    // so a run's length and last letter come from the next run's start (no count array to overflow).
    let m = 0;
    let coreFirst = -1;
    let coreLast = -1;
    let previous = -1;
    for (let k = a; k < b; k++) {
      const c = code[k]!;
      if (c !== previous) {
        runCode[m] = c;
        runFirst[m] = k;
        m++;
        previous = c;
      }
      if ((flags[k]! & FROM_SYMBOL) === 0) {
        if (coreFirst === -1) coreFirst = m - 1;
        coreLast = m - 1;
      }
    }
    runFirst[m] = b;
    if (coreFirst === -1) {
      coreFirst = 0;
      coreLast = m - 1;
    }
    const before = outSize;
    let found = 0;
    const wordStart = this.wordStart;
    const anyStart = this.anyStart;
    const filter = !this.shortForms;
    for (let s = 0; s < m; ) {
      if (filter && s + 1 < m) {
        const r0 = runCode[s]!;
        const r1 = runCode[s + 1]!;
        if (r0 !== CharClass.AmbiguousIL && r1 !== CharClass.AmbiguousIL && r0 <= 26 && r1 <= 26) {
          const starts = s === 0 || s === coreFirst ? wordStart : anyStart;
          if (starts[r0 * 28 + r1] === 0) {
            s++;
            continue;
          }
        }
      } else if (filter && s + 1 >= m) {
        // A single run left cannot hold a form of two runs.
        break;
      }
      this.wide = false;
      const end = this.longest(s, s, 0, m, coreFirst, coreLast, nextToken, text);
      if (end >= 0) {
        found++;
        // A wildcard form (`frak*`, `*shit*`) stands for the whole word it matched in.
        const from = this.wide ? a : runFirst[s]!;
        const to = this.wide ? b - 1 : runFirst[Math.min(end, m - 1) + 1]! - 1;
        if (this.collect) for (let k = from; k <= to; k++) pushLetter(pos[k]!, width[k]!);
        if (this.wide) {
          if (end >= m) this.maskPhrase(text, nextToken, result);
          break;
        }
        if (end >= m) this.maskPhrase(text, nextToken, result);
        if (firstOnly) break;
        s = Math.min(end, m - 1) + 1;
      } else {
        s++;
      }
    }
    if (found === 0) return;
    if (
      checkAllow &&
      this.allow.size > 0 &&
      b - a <= MAX_ALLOW_LETTERS &&
      this.allow.has(foldWord(text.slice(pos[a]!, pos[b - 1]! + width[b - 1]!)))
    ) {
      outSize = before;
      return;
    }
    result.count++;
  }

  /**
   * Longest match starting at run `s`: returns the last run index, `m` when a
   * phrase continued into the next word, or -1. `j` is the run to read next.
   */
  private longest(
    s: number,
    j: number,
    node: number,
    m: number,
    coreFirst: number,
    coreLast: number,
    nextToken: number,
    text: string,
  ): number {
    let best = -1;
    for (; j < m; j++) {
      const c = runCode[j]!;
      if (c === CharClass.AmbiguousIL) {
        // `1` and `|` read as i or l: try both (bounded by the trie depth).
        for (const alt of [9, 12]) {
          const child = this.children[node * ALPHABET + alt]!;
          if (child === 0) continue;
          const found = Math.max(
            this.check(child, s, j, m, coreFirst, coreLast, nextToken, text, alt),
            this.longest(s, j + 1, child, m, coreFirst, coreLast, nextToken, text),
          );
          if (found > best) best = found;
        }
        return best;
      }
      if (c > 26) return best;
      node = this.children[node * ALPHABET + c]!;
      if (node === 0) return best;
      const found = this.check(node, s, j, m, coreFirst, coreLast, nextToken, text, c);
      if (found > best) best = found;
    }
    return best;
  }

  /** Whether an entry at `node` matches runs `s..j`; returns `j` (or `m` for a phrase) or -1. */
  private check(
    node: number,
    s: number,
    j: number,
    m: number,
    coreFirst: number,
    coreLast: number,
    nextToken: number,
    text: string,
    _c: number,
  ): number {
    const list = this.entries[node];
    if (list === undefined) return -1;
    let best = -1;
    for (const entry of list) {
      if (!entry.startAnywhere && s !== 0 && s !== coreFirst) continue;
      const atEnd = j === m - 1 || j === coreLast;
      if (!entry.endAnywhere && !atEnd) continue;
      let ok = true;
      for (let k = 0; k < entry.counts.length; k++) {
        if (runFirst[s + k + 1]! - runFirst[s + k]! < entry.counts[k]!) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (entry.phrase >= 0) {
        if (this.phraseFollows(text, entry.phrase, nextToken)) best = m;
        continue;
      }
      if (j > best) {
        best = j;
        this.wide = entry.startAnywhere || entry.endAnywhere;
      }
    }
    return best;
  }

  private phraseFollows(text: string, phrase: number, nextToken: number): boolean {
    if (nextToken < 0) return false;
    const rest = this.phrases[phrase]!;
    // Only two-word phrases are followed across words; longer ones match written as one word.
    if (rest.length !== 1) return false;
    const a = tokStart[nextToken]!;
    const b = tokEnd[nextToken]!;
    return foldWord(text.slice(pos[a]!, pos[b - 1]! + width[b - 1]!)) === rest[0];
  }

  private maskPhrase(_text: string, nextToken: number, _result: WordMatchResult): void {
    if (this.collect) for (let k = tokStart[nextToken]!; k < tokEnd[nextToken]!; k++) pushLetter(pos[k]!, width[k]!);
  }
}
