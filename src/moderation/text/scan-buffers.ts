/**
 * Scan buffers shared by the word matcher's passes, reused across messages (grown
 * on demand) so a scan allocates nothing per message on the hot path.
 * Letters are indexed 0..n in text order; words (tokens) index ranges of letters. Pass 1
 * fills the per-word arrays; the per-letter ones hold only the words pass 2 reads.
 */

/** What pass 1 found about a word and the gap before it, as bits of `tokFlags`. */
export const TokenFlag = {
  /** The gap before the word is short and all separators (spacing between letters: `f u c k`). */
  GapOk: 1,
  /** The gap before the word is 1-3 in-word symbols, no space (`f*ck`, `c.o.c.k`): the words form one group. */
  Tight: 2,
  /** A tight gap holding one of `* # + ~`. */
  Strong: 4,
  /** The word holds a leet symbol (`$ @ ! |`) between letters: it may stand for any letter. */
  Symbol: 8,
  /** The word holds runs some form starts with: the others skip matching altogether. */
  Interesting: 16,
  /** The word's first runs (up to three) start an anchored form: matched when its fourth run fits too. */
  Head: 32,
  /** The word's letters are in the letter buffers (filled only for words pass 2 reads). */
  Filled: 64,
  /** The word is one letter (it may be one of spaced letters: `f u c k`). */
  Single: 128,
} as const;

export const buf = {
  cap: 0,
  /** Per letter: folded class (1-26 a letter, see CharClass), digit/symbol flags, UTF-16 index and width. */
  code: new Uint8Array(0),
  flags: new Uint8Array(0),
  pos: new Int32Array(0),
  width: new Uint8Array(0),
  /** Run-length form of the word being matched: each run's code and first letter. */
  runCode: new Uint8Array(0),
  runFirst: new Int32Array(0),
  /** Per word: first and end letter. */
  tokStart: new Int32Array(0),
  tokEnd: new Int32Array(0),
  /** Per word: UTF-16 index of its first letter and just past its last. */
  tokPos: new Int32Array(0),
  tokPosEnd: new Int32Array(0),
  /** Per word: {@link TokenFlag} bits. */
  tokFlags: new Uint8Array(0),
  /** UTF-16 index where the gap before the word starts (for tight gaps). */
  tokGapAt: new Int32Array(0),
  /** Matched characters as (UTF-16 index, width) pairs; `outSize` numbers used. */
  out: new Int32Array(256),
  outSize: 0,
};

export function ensureBuffers(size: number): void {
  if (size <= buf.cap) return;
  const cap = Math.max(size, buf.cap * 2, 256);
  buf.cap = cap;
  buf.code = new Uint8Array(cap);
  buf.flags = new Uint8Array(cap);
  buf.pos = new Int32Array(cap);
  buf.width = new Uint8Array(cap);
  buf.runCode = new Uint8Array(cap);
  buf.runFirst = new Int32Array(cap + 1);
  buf.tokStart = new Int32Array(cap);
  buf.tokEnd = new Int32Array(cap);
  buf.tokPos = new Int32Array(cap);
  buf.tokPosEnd = new Int32Array(cap);
  buf.tokFlags = new Uint8Array(cap);
  buf.tokGapAt = new Int32Array(cap);
}

function pushPair(index: number, w: number): void {
  if (buf.outSize + 2 > buf.out.length) {
    const grown = new Int32Array(buf.out.length * 2);
    grown.set(buf.out);
    buf.out = grown;
  }
  buf.out[buf.outSize++] = index;
  buf.out[buf.outSize++] = w;
}

/**
 * Records every character of `text[from, to)` for masking except whitespace, so a
 * match masks its symbols and zero-width characters too (`f.u.c.k` -> `*******`)
 * while `f u c k` keeps its spaces.
 */
export function pushRange(text: string, from: number, to: number): void {
  for (let i = from; i < to; ) {
    const unit = text.charCodeAt(i);
    const w = unit >= 0xd800 && unit <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    if (!(unit <= 32 || unit === 0xa0 || unit === 0x3000 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x202f))
      pushPair(i, w);
    i += w;
  }
}
