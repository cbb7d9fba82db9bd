/**
 * Character folding for obfuscation-resistant matching: one table lookup per
 * code point turns look-alikes (Cyrillic/Greek homoglyphs, accents, fullwidth and
 * mathematical letters, leetspeak digits and symbols) into `a`-`z` codes.
 * The BMP table is filled lazily (first sight of a code point costs one NFKD,
 * ~1 us; every later sight is an array read).
 */

/** Codes 1-26 are the letters a-z; the others below classify what is not one. */
export const CharClass = {
  /** Ends a word: whitespace, punctuation, symbols. */
  Break: 0,
  /** `1` or `|`: an `i` or an `l`; the matcher tries both. */
  AmbiguousIL: 27,
  /** A letter of a script with no Latin look-alike (CJK, Arabic, ...): part of a word, matches nothing. */
  OtherLetter: 28,
  /** Combining marks, zero-width and format characters: skipped inside a word. */
  Ignorable: 29,
  /** May stand between spaced letters (`f.u.c.k`, `f u c k`, `f-u-c-k`); also ends a word. */
  Separator: 30,
  /** One character that reads as two letters (`ß` -> ss, `æ` -> ae, `œ` -> oe): see {@link doubleLetters}. */
  Double: 31,
} as const;

// Letters written as one character but read as two, so `scheiße` matches `scheisse` letter for letter.
const DOUBLES = new Map<number, readonly [number, number]>([
  [0xdf, [19, 19]], // ß
  [0x1e9e, [19, 19]], // ẞ
  [0xe6, [1, 5]], // æ
  [0xc6, [1, 5]], // Æ
  [0x153, [15, 5]], // œ
  [0x152, [15, 5]], // Œ
]);

/** The two letter codes of a {@link CharClass.Double} character. */
export const doubleLetters = (cp: number): readonly [number, number] => DOUBLES.get(cp) ?? [0, 0];

const UNKNOWN = 255;
/** Letters written with digits or symbols, flagged so digit-only words (`455`) are not read as letters. */
export const FROM_DIGIT = 64;
export const FROM_SYMBOL = 128;
const CLASS_MASK = 63;

const table = new Uint8Array(0x10000).fill(UNKNOWN);
/** The BMP table itself, for hot loops that read it directly (255 = not computed yet: call foldCodePoint). */
export const FOLD_TABLE: Uint8Array = table;
export const FOLD_UNKNOWN = UNKNOWN;
const astral = new Map<number, number>();

const LEET: Record<string, number> = {
  '0': 15 | FROM_DIGIT, // o
  '1': CharClass.AmbiguousIL | FROM_DIGIT,
  '3': 5 | FROM_DIGIT, // e
  '4': 1 | FROM_DIGIT, // a
  '5': 19 | FROM_DIGIT, // s
  '7': 20 | FROM_DIGIT, // t
  '8': 2 | FROM_DIGIT, // b
  '9': 7 | FROM_DIGIT, // g
  '@': 1 | FROM_SYMBOL,
  $: 19 | FROM_SYMBOL,
  '!': 9 | FROM_SYMBOL,
  '|': CharClass.AmbiguousIL | FROM_SYMBOL,
  '€': 5 | FROM_SYMBOL,
  '£': 12 | FROM_SYMBOL,
  '¢': 3 | FROM_SYMBOL,
};

// Homoglyphs NFKD does not fold (Unicode confusables.txt, the Latin-looking subset).
const CONFUSABLES =
  'аa вb еe ёe кk мm нh оo рp сc тt уy хx іi їi јj ѕs ԁd ԛq ԝw һh үy ӏl ɡg ıi ſs ℓl øo đd łl ħh ŧt ƅb ɑa ɩi ʋu ѵv' +
  ' Аa Вb Еe Кk Мm Нh Оo Рp Сc Тt Уy Хx Іi Јj Ѕs Ԁd Ԛq Ԝw Һh Үy Ӏl Øo Đd Łl' +
  ' αa βb εe ηn ιi κk νv οo ρp τt υu χx γy ϲc ϳj ωw Αa Βb Εe Ζz Ηh Ιi Κk Μm Νn Οo Ρp Τt Υy Χx Ϲc' +
  // Small capitals (NFKD leaves them alone).
  ' ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ꞯq ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz';
const confusable = new Map<number, number>();
for (const pair of CONFUSABLES.split(' ')) {
  if (pair.length === 2) confusable.set(pair.codePointAt(0)!, pair.charCodeAt(1) - 96);
}

const SEPARATORS = new Set([
  ' ',
  '.',
  '-',
  '_',
  '*',
  '#',
  '~',
  ',',
  '/',
  '\\',
  '+',
  '·',
  '•',
  "'",
  '"',
  '\u00a0',
  '\u2009',
  '\u202f',
  '\u3000',
  '\t',
]);

function compute(cp: number): number {
  if (cp < 0x80) {
    if (cp >= 97 && cp <= 122) return cp - 96;
    if (cp >= 65 && cp <= 90) return cp - 64;
    const ch = String.fromCharCode(cp);
    const leet = LEET[ch];
    if (leet !== undefined) return leet;
    if (cp >= 48 && cp <= 57) return CharClass.OtherLetter | FROM_DIGIT;
    return SEPARATORS.has(ch) ? CharClass.Separator : CharClass.Break;
  }
  const ch = String.fromCodePoint(cp);
  const leet = LEET[ch];
  if (leet !== undefined) return leet;
  const conf = confusable.get(cp);
  if (conf !== undefined) return conf;
  if (DOUBLES.has(cp)) return CharClass.Double;
  if (/[\p{M}\p{Cf}]/u.test(ch)) return CharClass.Ignorable;
  if (SEPARATORS.has(ch)) return CharClass.Separator;
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base.length === 1) {
    const code = base.charCodeAt(0);
    if (code < 0x80 && code !== cp) return compute(code);
    const baseConf = confusable.get(code);
    if (baseConf !== undefined) return baseConf;
  }
  if (/\p{L}/u.test(ch)) return CharClass.OtherLetter;
  if (/\p{N}/u.test(ch)) return CharClass.OtherLetter | FROM_DIGIT;
  if (/\s/u.test(ch)) return CharClass.Separator;
  return CharClass.Break;
}

/**
 * The raw class of a code point: `class | FROM_DIGIT | FROM_SYMBOL` flags.
 * Use {@link classOf} for the class alone.
 */
export function foldCodePoint(cp: number): number {
  if (cp < 0x10000) {
    let value = table[cp]!;
    if (value === UNKNOWN) table[cp] = value = compute(cp);
    return value;
  }
  let value = astral.get(cp);
  if (value === undefined) {
    value = compute(cp);
    // Bounded cache: astral planes are large and adversarial input could fill a map.
    if (astral.size < 4096) astral.set(cp, value);
  }
  return value;
}

/** The class (letter code 1-26 or a {@link CharClass}) without the digit/symbol flags. */
const classOf = (raw: number): number => raw & CLASS_MASK;

/**
 * Folds a word for comparison: lower case, accents and look-alikes removed,
 * leetspeak read as letters (`1` as `i`). Letters of other scripts stay as they are.
 *
 * @param word - the text to fold
 * @returns the folded text
 * @example
 * foldWord('Ｓhｉｔ'); // 'shit'
 * foldWord('ſcunthorpe'); // 'scunthorpe'
 */
export function foldWord(word: string): string {
  let out = '';
  for (const ch of word) {
    const cls = classOf(foldCodePoint(ch.codePointAt(0)!));
    if (cls >= 1 && cls <= 26) out += String.fromCharCode(96 + cls);
    else if (cls === CharClass.AmbiguousIL) out += 'i';
    else if (cls === CharClass.Ignorable) continue;
    else if (cls === CharClass.Double) {
      const [first, second] = doubleLetters(ch.codePointAt(0)!);
      out += String.fromCharCode(96 + first, 96 + second);
    } else out += ch.toLowerCase();
  }
  return out;
}
