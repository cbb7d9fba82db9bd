import { foldWord } from './fold.js';

/**
 * The dictionary side of the word matcher: a trie over the run-length form of each
 * dictionary word (`fuuuck` and `fuck` walk the same path; a form's run counts are
 * minimums, so `as` does not match `ass`), plus the prefilter tables that let the
 * scanner skip most words of clean text without walking the trie.
 */

export const ALPHABET = 27; // codes 1-26, index 0 unused
/** Keys of three runs packed 5 bits each: the offset of the head half of {@link WordTrie.startKeys}. */
export const HEAD_KEYS = 32 * 32 * 32;

/** Longest word (in letters) with a {@link letterKey}: 10 letters of 5 bits stay within a double's exact integers. */
const MAX_KEY_LETTERS = 10;

/**
 * A word of letter codes `codes[from..to)` (1-26, or 27 for an ambiguous `i`/`l`, read as
 * `i` as foldWord does) as one number, in base 32 with digits 1-27: distinct words, distinct
 * numbers. -1 when the word has another code or more than {@link MAX_KEY_LETTERS} letters.
 */
export function letterKey(codes: ArrayLike<number>, from: number, to: number): number {
  if (to - from > MAX_KEY_LETTERS) return -1;
  let key = 0;
  for (let k = from; k < to; k++) {
    const c = codes[k]!;
    if (c > 27) return -1;
    key = key * 32 + (c === 27 ? 9 : c);
  }
  return key;
}

/** Which endings a whole-word form also matches: `dick` -> `dicks`, `rape` -> `raped`. */
export const Inflect = { None: 0, Plural: 1, All: 2 } as const;
export type Inflect = (typeof Inflect)[keyof typeof Inflect];

/** A dictionary form with what to report when it matches. */
export interface FormSpec {
  /** `word`, `word*` (word start), `*word` (word end), `*word*` (anywhere), `two words`. */
  form: string;
  /** A small number (0-30) reported in {@link WordMatchResult.tags} as bit `1 << tag`. */
  tag?: number;
  inflect?: Inflect;
}

export interface Entry {
  /** The dictionary form, for the record (never logged with the text). */
  form: string;
  counts: Uint8Array;
  startAnywhere: boolean;
  endAnywhere: boolean;
  /** Index into the phrase table when this entry is the first word of a phrase. */
  phrase: number;
  /** Endings that may follow the form, each as its runs (`ing` -> i,n,g); empty for none. */
  suffixes: readonly Uint8Array[];
  /** True when the form must be followed by one of `suffixes` (`rap` for `raping`). */
  needsSuffix: boolean;
  tagBit: number;
}

const runsOf = (word: string): Uint8Array =>
  Uint8Array.from([...word].filter((ch, k, all) => k === 0 || ch !== all[k - 1]).map((ch) => ch.charCodeAt(0) - 96));
const PLURAL = ['s'].map(runsOf);
const ALL = ['s', 'ing', 'ings', 'in', 'er', 'ers', 'ed'].map(runsOf);
/** `-es` only after the letters English adds it to (`asses`, not `spices` from `spic`). */
const takesEs = (word: string) => /(s|x|z|ch|sh|o)$/.test(word);
const withEs = (list: Uint8Array[]) => [...list, runsOf('es')];
/** After a form ending in `e` (`rape`): `raped`, `raper`, `rapes`. */
const ALL_AFTER_E = ['s', 'd', 'r', 'rs'].map(runsOf);
/** After the same form without its `e` (`rap`): only endings starting with a vowel. */
const ALL_DROPPED_E = ['ing', 'ings', 'in', 'er', 'ers', 'ed'].map(runsOf);

/** Every ending, for evaded spellings (`p.r.i.c.k.i.n.g`) where even an ambiguous word's verb forms are meant. */
export const EVERY_ENDING = ['s', 'es', 'ing', 'ings', 'in', 'er', 'ers', 'ed', 'd', 'r', 'rs'].map(runsOf);

/** Compound heads a form may follow inside one word: `motherfucker`, `bullshit`. */
export const COMPOUND_HEADS: readonly Uint8Array[] = ['mother', 'bull'].map(runsOf);
/** How many times each head's last letter is written (`bull`: 2), to tell `bullshit` from `bulllardass`. */
export const COMPOUND_HEAD_LAST_COUNT: readonly number[] = [1, 2];

export class WordTrie {
  readonly children: Int32Array;
  readonly entries: (Entry[] | undefined)[];
  /** `childLetters[childStart[node] .. childStart[node + 1])`: the letters leading out of `node`. */
  readonly childStart: Int32Array;
  readonly childLetters: Uint8Array;
  readonly phrases: string[][] = [];
  readonly allow: ReadonlySet<string>;
  /** The allow-list words of at most {@link MAX_KEY_LETTERS} letters `a`-`z`, as {@link letterKey} numbers. */
  readonly allowKeys: ReadonlySet<number>;
  /** Run pairs (`code * 28 + code`) a form starts with at a word start or anywhere (substring forms). */
  readonly wordStart = new Uint8Array(28 * 28);
  readonly anyStart = new Uint8Array(28 * 28);
  /** Some form has a single run (`a`): the pair prefilters cannot be used. */
  shortForms = false;
  /** First two or three runs, packed 5 bits each: anywhere in a word (substring forms) or at its head. */
  readonly anyPairs = new Uint8Array(32 * 32);
  readonly anyTriples = new Uint8Array(32 * 32 * 32);
  readonly headPairs = new Uint8Array(32 * 32);
  readonly headTriples = new Uint8Array(32 * 32 * 32);
  /**
   * The tables above as one, indexed by the last three runs of a word read so far (packed
   * 5 bits each, 0 before the first): entry `key` has bit 1 when a substring form starts with
   * those runs (or their last two); entry `HEAD_KEYS + key` adds bit 2 for the forms anchored
   * at the word start, to read while the word has at most three runs (then `key` is its head).
   */
  readonly startKeys = new Uint8Array(2 * HEAD_KEYS);
  /**
   * The {@link letterKey} of every anchored form's first runs, at most four (all of a form of
   * two or three), and of the compound heads': a word whose first four runs start none of
   * them cannot match at its start (`train` against `tranny`).
   */
  readonly headPrefixes = new Set<number>();

  /**
   * @param forms dictionary forms (strings are forms with tag 0 and no inflections)
   * @param allow whole words never matched (names, places, innocent words), compared after folding
   */
  constructor(forms: readonly (string | FormSpec)[], allow: readonly string[]) {
    // A typed array grown by doubling: pushing 27 zeros per node onto a JS array cost ~10 ms per rule.
    let children = new Int32Array(ALPHABET * 256);
    let nodeCount = 1;
    const entries: (Entry[] | undefined)[] = [undefined];
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
          next = nodeCount++;
          entries.push(undefined);
          if (nodeCount * ALPHABET > children.length) {
            const grown = new Int32Array(children.length * 2);
            grown.set(children);
            children = grown;
          }
          children[node * ALPHABET + c] = next;
        }
        node = next;
      }
      const list = entries[node] ?? [];
      list.push({ ...entry, counts: Uint8Array.from(counts) });
      entries[node] = list;
      this.prefilter(runsOf(letters), entry.startAnywhere);
    };
    for (const spec of forms) {
      const { form: raw, tag = 0, inflect = Inflect.None } = typeof spec === 'string' ? { form: spec } : spec;
      const startAnywhere = raw.startsWith('*');
      const endAnywhere = raw.endsWith('*') && raw.length > 1;
      const words = foldWord(raw.replace(/^\*|\*$/g, ''))
        .split(/[\s_-]+/)
        .filter(Boolean);
      if (words.length === 0 || words.some((w) => !/^[a-z]+$/.test(w))) continue;
      const tagBit = 1 << tag;
      const base = { form: raw, startAnywhere, endAnywhere, phrase: -1, needsSuffix: false, tagBit };
      const joined = words.join('');
      const inflected = !endAnywhere && inflect !== Inflect.None;
      const base2 = inflect === Inflect.Plural ? PLURAL : joined.endsWith('e') ? ALL_AFTER_E : ALL;
      const suffixes = !inflected ? [] : takesEs(joined) ? withEs(base2) : base2;
      if (words.length > 1) {
        this.phrases.push(words.slice(1));
        insert(words[0]!, {
          ...base,
          startAnywhere: false,
          endAnywhere: false,
          phrase: this.phrases.length - 1,
          suffixes: [],
        });
      }
      // A phrase written without spaces (`jerkoff`) is one word.
      insert(joined, { ...base, suffixes });
      if (inflected && inflect === Inflect.All && joined.endsWith('e') && joined.length > 3)
        insert(joined.slice(0, -1), { ...base, suffixes: ALL_DROPPED_E, needsSuffix: true });
    }
    // Words starting with a compound head (`motherfucker`) are worth walking.
    for (const head of COMPOUND_HEADS) {
      this.headTriples[(head[0]! << 10) | (head[1]! << 5) | head[2]!] = 1;
      this.headPrefixes.add(letterKey(head, 0, Math.min(4, head.length)));
    }
    for (let key = 0; key < HEAD_KEYS; key++) {
      // Pair and triple keys do not collide: a triple's first run is a letter (>= 1), a pair's is 0.
      const any = this.anyTriples[key]! | this.anyPairs[key & 1023]!;
      this.startKeys[key] = any;
      this.startKeys[HEAD_KEYS + key] = any | ((key < 1024 ? this.headPairs[key]! : this.headTriples[key]!) << 1);
    }
    this.children = children.slice(0, nodeCount * ALPHABET);
    this.entries = entries;
    // Each node's letters with a child, listed: the symbol reader visits only those.
    const nodes = entries.length;
    this.childStart = new Int32Array(nodes + 1);
    const letters: number[] = [];
    for (let node = 0; node < nodes; node++) {
      this.childStart[node] = letters.length;
      for (let c = 1; c < ALPHABET; c++) if (children[node * ALPHABET + c] !== 0) letters.push(c);
    }
    this.childStart[nodes] = letters.length;
    this.childLetters = Uint8Array.from(letters);
    this.allow = new Set(allow.map((word) => foldWord(word)));
    const keys = new Set<number>();
    for (const word of this.allow)
      if (word.length <= MAX_KEY_LETTERS && /^[a-z]+$/.test(word))
        keys.add(
          letterKey(
            Uint8Array.from(word, (ch) => ch.charCodeAt(0) - 96),
            0,
            word.length,
          ),
        );
    this.allowKeys = keys;
  }

  private prefilter(runs: Uint8Array, startAnywhere: boolean): void {
    if (runs.length < 2) {
      this.shortForms = true;
      return;
    }
    const key = runs.length === 2 ? (runs[0]! << 5) | runs[1]! : (runs[0]! << 10) | (runs[1]! << 5) | runs[2]!;
    if (runs.length === 2) (startAnywhere ? this.anyPairs : this.headPairs)[key] = 1;
    else (startAnywhere ? this.anyTriples : this.headTriples)[key] = 1;
    if (!startAnywhere) this.headPrefixes.add(letterKey(runs, 0, Math.min(4, runs.length)));
    const pair = runs[0]! * 28 + runs[1]!;
    this.wordStart[pair] = 1;
    if (startAnywhere) this.anyStart[pair] = 1;
  }
}

/**
 * Whether `codes[from..to)` (letter codes, repeats allowed) spells one of `suffixes`
 * run for run: `inggg` is `ing`.
 */
export function spellsSuffix(codes: ArrayLike<number>, from: number, to: number, suffixes: readonly Uint8Array[]) {
  for (const suffix of suffixes) {
    let k = 0;
    let previous = -1;
    let ok = true;
    for (let i = from; i < to; i++) {
      const c = codes[i]!;
      if (c === previous) continue;
      if (k >= suffix.length || suffix[k] !== c) {
        ok = false;
        break;
      }
      previous = c;
      k++;
    }
    if (ok && k === suffix.length) return true;
  }
  return false;
}
