import { CharClass, FROM_SYMBOL, foldWord } from './fold.js';
import { buf, pushRange } from './scan-buffers.js';
import { ALPHABET, EVERY_ENDING, spellsSuffix, type Entry, type WordTrie } from './word-trie.js';
import type { WordMatchResult } from './word-matcher.js';

/**
 * The slow path of the word matcher, for words joined by in-word symbols (`f*ck`,
 * `f**k`, `s*hit`, `c.o.c.k`, `what-the-f*ck`) or holding a leet symbol between
 * letters (`f@ck`, `b!tch`): rare in chat, so it may branch. Each symbol is a cell
 * that stands for one letter (any, read from the trie) or for nothing. A match must
 * start where a word of the group starts (not inside `push` of `push-it`) unless a
 * symbol stood for one of its letters, and end where a word ends or before an
 * inflection (`p.r.i.c.k.i.n.g`). Single letters in a row are one spelled word:
 * `c.o.c.k.p.i.t` may not end after `k`. A step budget per group keeps it linear.
 */

const WILD = 31;
const MAX_CELLS = 160;
/** Trie steps per group; far above what a real group needs (a few hundred). */
const STEP_BUDGET = 20_000;

const cellCode = new Uint8Array(MAX_CELLS);
const cellAt = new Int32Array(MAX_CELLS);
const cellW = new Uint8Array(MAX_CELLS);
/** Chunk (word of the group) of each cell, and whether a match may start / end at the cell. */
const cellChunk = new Int32Array(MAX_CELLS);
const cellStart = new Uint8Array(MAX_CELLS);
const cellEnd = new Uint8Array(MAX_CELLS);
const chunkFirst = new Int32Array(MAX_CELLS);
const chunkLast = new Int32Array(MAX_CELLS);
const runLetter = new Uint8Array(MAX_CELLS + 1);
const consumed = new Int32Array(MAX_CELLS + 1);
const suffixCodes = new Uint8Array(MAX_CELLS);

let activeTrie!: WordTrie;
const state = {
  cells: 0,
  start: 0,
  steps: 0,
  bestEnd: -1,
  bestWide: false,
  bestTag: 0,
};

/**
 * Reads words `t..u` as one group; returns true (and records the matches) when
 * something matched, false to let the caller match the words one by one.
 */
export function matchSymbolGroup(
  trie: WordTrie,
  text: string,
  t: number,
  u: number,
  result: WordMatchResult,
  firstOnly: boolean,
): boolean {
  const { code, flags, pos, width, tokStart, tokEnd, tokGapAt } = buf;
  state.cells = 0;
  for (let k = t; k <= u; k++) {
    const a = tokStart[k]!;
    const b = tokEnd[k]!;
    if (k > t) for (let i = tokGapAt[k]!; i < pos[a]!; i++) addCell(WILD, i, 1, k - t);
    const first = state.cells;
    for (let l = a; l < b; l++) {
      const symbol = (flags[l]! & FROM_SYMBOL) !== 0 && l > a && l < b - 1;
      addCell(symbol ? WILD : code[l]!, pos[l]!, width[l]!, k - t);
    }
    chunkFirst[k - t] = first;
    chunkLast[k - t] = state.cells - 1;
    if (state.cells > MAX_CELLS - 8) return false;
  }
  const chunks = u - t + 1;
  for (let k = 0; k < chunks; k++) {
    if (!single(k - 1, chunks) || !single(k, chunks)) cellStart[chunkFirst[k]!] = 1;
    if (!single(k + 1, chunks) || !single(k, chunks)) cellEnd[chunkLast[k]!] = 1;
  }
  const cells = state.cells;
  activeTrie = trie;
  state.steps = 0;
  let found = 0;
  for (let s = 0; s < cells; ) {
    if (cellCode[s] === WILD || cellCode[s]! > 27) {
      s++;
      continue;
    }
    state.start = s;
    state.bestEnd = -1;
    // Prefilter: two plain letters must be a pair some form starts with (at a word start, or anywhere).
    const c0 = cellCode[s]!;
    const c1 = s + 1 < cells ? cellCode[s + 1]! : 0;
    if (c0 <= 26 && c1 >= 1 && c1 <= 26 && c1 !== c0) {
      const starts = cellStart[s] === 1 ? trie.wordStart : trie.anyStart;
      if (!trie.shortForms && starts[c0 * 28 + c1] === 0) {
        s++;
        continue;
      }
    }
    consumeCell(s, 0, 0, false);
    if (state.bestEnd < 0 || allowed(text, s, state.bestEnd)) {
      s++;
      continue;
    }
    found++;
    result.count++;
    result.tags |= state.bestTag;
    const from = state.bestWide ? chunkFirst[cellChunk[s]!]! : s;
    const to = state.bestWide ? chunkLast[cellChunk[state.bestEnd]!]! : state.bestEnd;
    if (!firstOnly) pushRange(text, cellAt[from]!, cellAt[to]! + cellW[to]!);
    if (firstOnly) return true;
    s = to + 1;
  }
  return found > 0;
}

/** Whether chunk `j` of the group is a single letter (out of range: no). */
const single = (j: number, chunks: number) => j >= 0 && j < chunks && chunkLast[j] === chunkFirst[j];

function addCell(c: number, at: number, w: number, chunk: number): void {
  const k = state.cells++;
  cellCode[k] = c;
  cellAt[k] = at;
  cellW[k] = w;
  cellChunk[k] = chunk;
  cellStart[k] = 0;
  cellEnd[k] = 0;
}

/** Whether the matched letters fold to a word of the allow list (`Dick-Smith` with `allow: ['Dick']`). */
function allowed(text: string, from: number, to: number): boolean {
  const trie = activeTrie;
  // Allowed words are plain words: a match across words of the group, or with a symbol, is none.
  if (trie.allow.size === 0 || cellChunk[from] !== cellChunk[to]) return false;
  for (let k = from; k <= to; k++) if (cellCode[k] === WILD) return false;
  return trie.allow.has(foldWord(text.slice(cellAt[from]!, cellAt[to]! + cellW[to]!)));
}

/** Reads cell `k` from trie `node` at `depth` runs; `wild`: a symbol already stood for a letter. */
function consumeCell(k: number, node: number, depth: number, wild: boolean): void {
  if (k >= state.cells || state.steps++ > STEP_BUDGET) return;
  const c = cellCode[k]!;
  if (c <= 26) consumeLetter(k, node, depth, c, wild);
  else if (c === CharClass.AmbiguousIL) {
    consumeLetter(k, node, depth, 9, wild);
    consumeLetter(k, node, depth, 12, wild);
  } else if (c === WILD) {
    // An inserted symbol (`s*hit`), or one standing for a letter (`f*ck`): the run so far or any child.
    consumeCell(k + 1, node, depth, wild);
    // Standing for the letter next to it (`push-it` read as `pushiit`) is no evidence of an evasion.
    const next = k + 1 < state.cells ? cellCode[k + 1]! : 0;
    const previousReal = k > 0 && cellCode[k - 1] !== WILD;
    if (depth > 0) {
      const y = runLetter[depth]!;
      consumeLetter(k, node, depth, y, wild || (!previousReal && y !== next));
    }
    const { children, childStart, childLetters } = activeTrie;
    for (let q = childStart[node]!; q < childStart[node + 1]!; q++) {
      const y = childLetters[q]!;
      const child = children[node * ALPHABET + y]!;
      if (depth > 0 && y === runLetter[depth]) continue;
      // Prune: a plain letter next must continue the path (as a new run, or the same run).
      if (next >= 1 && next <= 26 && next !== y && children[child * ALPHABET + next] === 0) continue;
      consumeLetter(k, node, depth, y, wild || y !== next);
    }
  }
}

function consumeLetter(k: number, node: number, depth: number, x: number, wild: boolean): void {
  if (depth > 0 && x === runLetter[depth]) {
    consumed[depth]!++;
    accept(k, node, depth, wild);
    consumeCell(k + 1, node, depth, wild);
    consumed[depth]!--;
    return;
  }
  const child = activeTrie.children[node * ALPHABET + x]!;
  if (child === 0) return;
  runLetter[depth + 1] = x;
  consumed[depth + 1] = 1;
  accept(k, child, depth + 1, wild);
  consumeCell(k + 1, child, depth + 1, wild);
}

/** Records the entries at `node` that may end at cell `k`. */
function accept(k: number, node: number, depth: number, wild: boolean): void {
  const list = activeTrie.entries[node];
  if (list === undefined) return;
  for (const entry of list) {
    if (entry.phrase >= 0 || !countsMet(entry, depth)) continue;
    if (cellStart[state.start] === 0 && !(entry.startAnywhere && wild)) continue;
    let end = k;
    if (entry.needsSuffix || (cellEnd[k] === 0 && !entry.endAnywhere)) {
      end = suffixEnd(k);
      if (end < 0) continue;
    }
    if (end > state.bestEnd) {
      state.bestEnd = end;
      state.bestWide = entry.startAnywhere || entry.endAnywhere;
      state.bestTag = entry.tagBit;
    }
  }
}

function countsMet(entry: Entry, depth: number): boolean {
  if (entry.counts.length !== depth) return false;
  for (let i = 0; i < depth; i++) if (consumed[i + 1]! < entry.counts[i]!) return false;
  return true;
}

/** The cell where an inflection after cell `k` ends (letters up to the next word end), or -1. */
function suffixEnd(k: number): number {
  let size = 0;
  for (let e = k + 1; e < state.cells; e++) {
    const c = cellCode[e]!;
    if (c !== WILD) {
      if (c > 26) return -1;
      suffixCodes[size++] = c;
    }
    if (cellEnd[e] === 1) return size > 0 && spellsSuffix(suffixCodes, 0, size, EVERY_ENDING) ? e : -1;
  }
  return -1;
}
