// Evasion classes and innocent-word sets for the profanity rule, generated from the whole
// built-in lists (never a hand-picked few): shared by test/moderation/profanity-evasions.test.ts
// and bench/profanity.bench.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldWord } from '../../src/moderation/text/fold.js';
import { profanityWords, type ProfanityLanguage, type ProfanityWord } from '../../src/moderation/index.js';

const require = createRequire(import.meta.url);

const perWord = (text: string, fn: (word: string) => string) => text.split(' ').map(fn).join(' ');
const mapEach = (text: string, map: Record<string, string>) => [...text].map((c) => map[c] ?? c).join('');
const alphabet = (base: number) =>
  Object.fromEntries([...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [c, String.fromCodePoint(base + i)]));
const SMALL_CAPS = 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ';
const SYMBOLS = ['*', '!', '@', '#', '$', '.', '-', '_', '+'] as const;
/** The first vowel after the first letter (or the second letter): the one people star out. */
const starIndex = (w: string) => {
  const v = w.slice(1, -1).search(/[aeiouy]/);
  return v >= 0 ? v + 1 : Math.min(1, w.length - 1);
};

/** One evasion class: a name and how it turns a list word into evasions (one or more). */
export type Evasion = (word: string, entry: ProfanityWord) => string[];

export const EVASIONS: Record<string, Evasion> = {
  plain: (w) => [w],
  upper: (w) => [w.toUpperCase()],
  symbolInserted: (w) => SYMBOLS.map((s) => perWord(w, (x) => (x.length < 2 ? x : x[0] + s + x.slice(1)))),
  symbolReplacing: (w) =>
    SYMBOLS.map((s) =>
      perWord(w, (x) => (x.length < 3 ? x : x.slice(0, starIndex(x)) + s + x.slice(starIndex(x) + 1))),
    ),
  symbolsBetweenLetters: (w) => SYMBOLS.map((s) => perWord(w, (x) => [...x].join(s))),
  spaced: (w) => [perWord(w, (x) => [...x].join(' '))],
  zeroWidth: (w) => ['\u200b', '\u200d', '\ufeff'].map((z) => perWord(w, (x) => [...x].join(z))),
  bidiControls: (w) => ['\u200e', '\u202a', '\u2066'].map((z) => perWord(w, (x) => [...x].join(z))),
  softHyphen: (w) => [perWord(w, (x) => [...x].join('\u00ad'))],
  cyrillic: (w) => [mapEach(w, { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ', k: 'к' })],
  greek: (w) => [
    mapEach(w, { a: 'α', b: 'β', e: 'ε', i: 'ι', k: 'κ', o: 'ο', p: 'ρ', t: 'τ', u: 'υ', v: 'ν', x: 'χ' }),
  ],
  fullwidth: (w) => [mapEach(w, alphabet(0xff41))],
  mathBold: (w) => [mapEach(w, alphabet(0x1d41a))],
  mathScript: (w) => [mapEach(w, alphabet(0x1d4ea))],
  circled: (w) => [mapEach(w, alphabet(0x24d0))],
  smallCaps: (w) => [
    mapEach(w, Object.fromEntries([...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [c, SMALL_CAPS[i]!]))),
  ],
  leet: (w) => [mapEach(w, { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' })],
  repeated: (w) => [w.replace(/[aeiou]/g, (v) => v.repeat(3)).replace(/[a-z]$/, (c) => c.repeat(3))],
  phonetic: (w) =>
    [
      w.replace(/u/, 'v'),
      w.replace(/^f/, 'ph'),
      w.replace(/ck/, 'k'),
      w.replace(/ss/, 'zz'),
      w.replace(/^c/, 'k'),
    ].filter((x) => x !== w && !w.includes(' ')),
  inflections: (w, entry) =>
    w.includes(' ') || entry.inflect === 'none'
      ? []
      : entry.inflect === 'plural'
        ? [`${w}s`]
        : [
            `${w}s`,
            w.endsWith('e') ? `${w.slice(0, -1)}ing` : `${w}ing`,
            `${w.replace(/e$/, '')}er`,
            `${w.replace(/e$/, '')}ed`,
          ],
  spacedInflections: (w) => (w.includes(' ') ? [] : [`${w}ing`, `${w}er`, `${w}s`].map((x) => [...x].join(' '))),
  compounds: (w) => (w.includes(' ') ? [] : [`mother${w}`, `bull${w}`]),
};

/** The list words of a language as plain text (`*fuck*` -> `fuck`). */
export const plainWords = (language: ProfanityLanguage) =>
  profanityWords(language).map((entry) => ({ entry, word: entry.form.replace(/^\*|\*$/g, '').toLowerCase() }));

/** Evasions for the other languages: their own accents, ß/ss, ñ/n, plus the common classes. */
export const LANGUAGE_EVASIONS: Record<string, (w: string) => string[]> = {
  plain: (w) => [w],
  accentsStripped: (w) => [w.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss')],
  ssForEszett: (w) => (w.includes('ß') ? [w.replace(/ß/g, 'ss')] : w.includes('ss') ? [w.replace(/ss/g, 'ß')] : []),
  leet: (w) => [mapEach(w, { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' })],
  symbolReplacing: (w) => [
    perWord(w, (x) => (x.length < 3 ? x : `${x.slice(0, starIndex(x))}*${x.slice(starIndex(x) + 1)}`)),
  ],
  dotted: (w) => [perWord(w, (x) => [...x].join('.'))],
  cyrillic: (w) => [mapEach(w, { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і' })],
  repeated: (w) => [w.replace(/[aeiou]/g, (v) => v.repeat(3))],
};

const collapse = (word: string) => word.replace(/(.)\1+/g, '$1');

/**
 * Words of `words` that contain a whole-word list form as a substring (compared with
 * repeated letters collapsed, as the matcher reads them) and are not themselves a list
 * word, its inflection, or a compound with it: the Scunthorpe set.
 */
export function innocentCandidates(words: readonly string[], language: ProfanityLanguage): string[] {
  const entries = plainWords(language);
  const stems = new Set<string>();
  const profane = new Set<string>();
  const substrings: string[] = [];
  for (const { entry, word } of entries) {
    const folded = collapse(foldWord(word.replace(/ /g, '')));
    if (entry.form.startsWith('*') || entry.form.endsWith('*')) substrings.push(folded);
    else stems.add(folded);
    profane.add(folded);
    for (const evasion of [EVASIONS.inflections!, EVASIONS.compounds!, EVASIONS.phonetic!])
      for (const x of evasion(word, entry)) profane.add(collapse(foldWord(x)));
    for (const ending of ['es', 'ers', 'ings']) profane.add(collapse(foldWord(word + ending)));
  }
  const out: string[] = [];
  for (const raw of words) {
    const word = collapse(foldWord(raw));
    if (profane.has(word) || substrings.some((s) => word.includes(s))) continue;
    let hit = false;
    for (let a = 0; a < word.length && !hit; a++)
      for (let b = a + 2; b <= word.length && !hit; b++) if (stems.has(word.slice(a, b))) hit = true;
    if (hit) out.push(raw);
  }
  return out;
}

export const englishWords = (): string[] => require('an-array-of-english-words');

/** The stems of a hunspell dictionary package (`dictionary-es`): its words before the affix flags. */
export function hunspellWords(language: string): string[] {
  const file = new URL(`../../node_modules/dictionary-${language}/index.dic`, import.meta.url);
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('/')[0]!.trim())
    .filter((word) => /^\p{Ll}+$/u.test(word));
}
