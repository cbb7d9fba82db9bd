import { CharClass, FROM_DIGIT, FROM_SYMBOL, foldWord } from './fold.js';
import { buf, pushRange } from './scan-buffers.js';
import {
  ALPHABET,
  COMPOUND_HEAD_LAST_COUNT,
  COMPOUND_HEADS,
  EVERY_ENDING,
  letterKey,
  spellsSuffix,
  type WordTrie,
} from './word-trie.js';
import type { WordMatchResult } from './word-matcher.js';

/**
 * Matches one word of letters against the trie: the fast path of the word matcher.
 * The word is run-length encoded (`fuuuck` -> f,u,c,k) and each start run walks the
 * trie; a form may start at the word's start, after leading leet symbols, or after a
 * compound head (`motherfucker`), and end at the word's end or before an inflection
 * its entry allows (`dicks`, `raping`).
 */

/** Allow-list entries are names and words: a longer word is not looked up (folding 64 KB would cost ms). */
const MAX_ALLOW_LETTERS = 64;

// Per-walk state, set by check(): module-level so the hot recursion passes fewer arguments.
const walk = {
  /** The longest match so far came from a wildcard form: the whole word is masked. */
  wide: false,
  /** The longest match so far ends with an inflection: masking runs to the word's end. */
  inflected: false,
  tagBit: 0,
  coreFirst: 0,
  coreLast: 0,
  prefixEnd: -1,
  m: 0,
  /** Spelled out letter by letter (`d i c k i n g`): every inflection counts. */
  evaded: false,
  nextToken: -1,
  text: '',
};

/**
 * Run index where a compound head (`mother`, `bull`) ends, or -1; the run before it when
 * the head's last letter is written more often than the head has it: the form starts
 * with that letter (`motherrape`, `bulllardass`).
 */
function compoundHeadEnd(m: number): number {
  const { runCode, runFirst } = buf;
  for (let h = 0; h < COMPOUND_HEADS.length; h++) {
    const head = COMPOUND_HEADS[h]!;
    if (m < head.length) continue;
    let k = 0;
    while (k < head.length && runCode[k] === head[k]) k++;
    if (k !== head.length) continue;
    const last = head.length - 1;
    if (runFirst[last + 1]! - runFirst[last]! > COMPOUND_HEAD_LAST_COUNT[h]!) return last;
    if (m > head.length) return head.length;
  }
  return -1;
}

/**
 * Matches letters `[a, b)` as one word; `nextToken` is the following word, for
 * two-word phrases. Adds to `result` and the mask buffer.
 */
export function matchWord(
  trie: WordTrie,
  text: string,
  a: number,
  b: number,
  result: WordMatchResult,
  firstOnly: boolean,
  /** False for letters spelled out one by one, which are never an allowed name. */
  checkAllow: boolean,
  nextToken: number,
): void {
  const { code, flags, pos, width, runCode, runFirst } = buf;
  // Digits alone (`455`, `1000`) are numbers, not leetspeak.
  let letters = false;
  for (let k = a; k < b; k++) {
    if ((flags[k]! & FROM_DIGIT) === 0) {
      letters = true;
      break;
    }
  }
  if (!letters) return;
  // Run-length encode: `runFirst[m] = b` closes the last run, so a run's length comes from the next start.
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
  walk.coreFirst = coreFirst;
  walk.coreLast = coreLast;
  walk.prefixEnd = compoundHeadEnd(m);
  walk.m = m;
  walk.evaded = !checkAllow;
  walk.nextToken = nextToken;
  walk.text = text;
  const before = buf.outSize;
  let found = 0;
  let tags = 0;
  const filter = !trie.shortForms;
  for (let s = 0; s < m; ) {
    if (filter && s + 1 < m) {
      const r0 = runCode[s]!;
      const r1 = runCode[s + 1]!;
      if (r0 !== CharClass.AmbiguousIL && r1 !== CharClass.AmbiguousIL && r0 <= 26 && r1 <= 26) {
        const starts = s === 0 || s === coreFirst || s === walk.prefixEnd ? trie.wordStart : trie.anyStart;
        if (starts[r0 * 28 + r1] === 0) {
          s++;
          continue;
        }
      }
    } else if (filter && s + 1 >= m) {
      // A single run left cannot hold a form of two runs.
      break;
    }
    walk.wide = false;
    walk.inflected = false;
    const end = longest(trie, s, s, 0);
    if (end >= 0) {
      found++;
      tags |= walk.tagBit;
      const whole = walk.wide || walk.inflected;
      // A wildcard form (`frak*`, `*shit*`) stands for the whole word it matched in.
      const from = walk.wide || (s === walk.prefixEnd && s > 0) ? a : runFirst[s]!;
      const to = whole ? b - 1 : runFirst[Math.min(end, m - 1) + 1]! - 1;
      if (!firstOnly) pushRange(text, pos[from]!, pos[to]! + width[to]!);
      if (end >= m && !firstOnly) maskPhrase(nextToken);
      if (whole || firstOnly) break;
      s = Math.min(end, m - 1) + 1;
    } else {
      s++;
    }
  }
  if (found === 0) return;
  if (checkAllow && trie.allow.size > 0 && b - a <= MAX_ALLOW_LETTERS && allowedWord(trie, text, a, b)) {
    buf.outSize = before;
    return;
  }
  result.count++;
  result.tags |= tags;
}

/** Whether letters `[a, b)` fold to a word of the allow list; a short word of plain letters is looked up by number. */
function allowedWord(trie: WordTrie, text: string, a: number, b: number): boolean {
  const { code, pos, width } = buf;
  const key = letterKey(code, a, b);
  if (key >= 0) return trie.allowKeys.has(key);
  return trie.allow.has(foldWord(text.slice(pos[a]!, pos[b - 1]! + width[b - 1]!)));
}

/**
 * Longest match starting at run `s`: returns the last run index, `m` when a
 * phrase continued into the next word, or -1. `j` is the run to read next.
 */
function longest(trie: WordTrie, s: number, j: number, node: number): number {
  const runCode = buf.runCode;
  const children = trie.children;
  let best = -1;
  for (; j < walk.m; j++) {
    const c = runCode[j]!;
    if (c === CharClass.AmbiguousIL) {
      // `1` and `|` read as i or l: try both (bounded by the trie depth).
      for (const alt of [9, 12]) {
        const child = children[node * ALPHABET + alt]!;
        if (child === 0) continue;
        const found = Math.max(check(trie, child, s, j), longest(trie, s, j + 1, child));
        if (found > best) best = found;
      }
      return best;
    }
    if (c > 26) return best;
    node = children[node * ALPHABET + c]!;
    if (node === 0) return best;
    const found = check(trie, node, s, j);
    if (found > best) best = found;
  }
  return best;
}

/** Whether an entry at `node` matches runs `s..j`; returns `j` (or `m` for a phrase) or -1. */
function check(trie: WordTrie, node: number, s: number, j: number): number {
  const list = trie.entries[node];
  if (list === undefined) return -1;
  const { runFirst, runCode } = buf;
  const { m, coreFirst, coreLast } = walk;
  let best = -1;
  for (const entry of list) {
    if (!entry.startAnywhere && s !== 0 && s !== coreFirst && s !== walk.prefixEnd) continue;
    const atEnd = j === m - 1 || j === coreLast;
    let inflected = false;
    if (entry.needsSuffix || (!entry.endAnywhere && !atEnd)) {
      const suffixes = walk.evaded && !entry.needsSuffix ? EVERY_ENDING : entry.suffixes;
      if (suffixes.length === 0 || !spellsSuffix(runCode, j + 1, coreLast + 1, suffixes)) continue;
      inflected = true;
    }
    // `raping` but not `rapping`: a stem that dropped its `e` keeps its last letter single.
    if (entry.needsSuffix && runFirst[j + 1]! - runFirst[j]! !== entry.counts[entry.counts.length - 1]) continue;
    let ok = true;
    const last = entry.counts.length - 1;
    for (let k = 0; k <= last; k++) {
      const count = runFirst[s + k + 1]! - runFirst[s + k]!;
      // With an ending, letters must be as written (`rapers`, not `rappers`); the last may double (`fagging`).
      if (count < entry.counts[k]! || (inflected && !walk.evaded && k < last && count !== entry.counts[k])) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (entry.phrase >= 0) {
      if (phraseFollows(trie, entry.phrase)) {
        best = m;
        walk.tagBit = entry.tagBit;
      }
      continue;
    }
    if (j > best) {
      best = j;
      walk.wide = entry.startAnywhere || entry.endAnywhere;
      walk.inflected = inflected;
      walk.tagBit = entry.tagBit;
    }
  }
  return best;
}

/** A word as the matcher reads it: letters only, repeats collapsed (`oooff` is `off`). */
const read = (word: string) => word.replace(/[^a-z]/g, '').replace(/(.)\1+/g, '$1');

function phraseFollows(trie: WordTrie, phrase: number): boolean {
  const nextToken = walk.nextToken;
  if (nextToken < 0) return false;
  const rest = trie.phrases[phrase]!;
  // Only two-word phrases are followed across words; longer ones match written as one word.
  if (rest.length !== 1) return false;
  return read(foldWord(walk.text.slice(buf.tokPos[nextToken]!, buf.tokPosEnd[nextToken]!))) === read(rest[0]!);
}

function maskPhrase(nextToken: number): void {
  pushRange(walk.text, buf.tokPos[nextToken]!, buf.tokPosEnd[nextToken]!);
}
