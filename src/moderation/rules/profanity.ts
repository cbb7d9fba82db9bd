import { defineRule, PASS } from '../rule.js';
import { booleanOption, knownKeys, oneOf, optionsObject, stringList } from '../options.js';
import { addressSpans, type Span } from '../text/spans.js';
import { maskLetters } from '../text/mask.js';
import { WordMatcher, type FormSpec } from '../text/word-matcher.js';
import {
  PROFANITY_CATEGORIES,
  PROFANITY_LANGUAGES,
  innocentWords,
  profanityForms,
  type ProfanityCategory,
  type ProfanityLanguage,
  type ProfanitySeverity,
} from '../profanity/word-lists.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export interface ProfanityOptions extends CommonRuleOptions {
  /** `mask` (default) replaces each character of a match with `*`, keeping the length; `deny` denies the message. */
  action?: 'mask' | 'deny';
  /** Built-in lists to use, default `['en']`: any of `en es fr de pt it`. */
  languages?: ProfanityLanguage[];
  /** Categories to act on, default all: `slurs`, `sexual`, `insults`, `profanity`, `mild`. */
  categories?: ProfanityCategory[];
  /** Only words at least this severe: 1 (default, everything), 2 (strong), 3 (severe). */
  minSeverity?: ProfanitySeverity;
  /** Words never flagged (names, places): `['Dick', 'Cockburn']`. Whole words, any case or accents. */
  allow?: string[];
  /** More words, same syntax as the built-in lists: `word`, `word*`, `*word`, `*word*`, `two words`. */
  extra?: string[];
  /** Use only `extra`, not the built-in lists. Default false. */
  replaceDefaults?: boolean;
  /** The mask character, default `*`. */
  maskChar?: string;
}

const KEYS = [
  'action',
  'languages',
  'categories',
  'minSeverity',
  'allow',
  'extra',
  'replaceDefaults',
  'maskChar',
  'annotate',
] as const;
/** `extra` words report this category. */
const CUSTOM_TAG = PROFANITY_CATEGORIES.length;
const TAG_NAMES: readonly string[] = [...PROFANITY_CATEGORIES, 'custom'];

function enumList<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: readonly T[]) {
  if (value === undefined) return fallback;
  const list = stringList(option, value, { nonEmpty: true });
  const bad = list.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined)
    throw new InvalidOptionsError(option, `${JSON.stringify(bad)} is not one of ${allowed.join(', ')}`);
  return list as T[];
}

/** A regex for names of several words (`Dick Van Dyke`), matched as written, any case. */
function nameFinder(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const asPattern = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`\\b(?:${names.map(asPattern).join('|')})\\b`, 'gi');
}

/** Adds the spans of names to `spans` (kept sorted), so no word inside them is matched; true if any. */
function withNames(text: string, spans: Span[], names: RegExp): boolean {
  names.lastIndex = 0;
  let added = false;
  for (let m = names.exec(text); m !== null; m = names.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'mention' });
    added = true;
  }
  if (added) spans.sort((a, b) => a.start - b.start);
  return added;
}

/** Category names of the tag bits a scan reported. */
function categoryNames(tags: number): string[] {
  const names: string[] = [];
  for (let tag = 0; tag < TAG_NAMES.length; tag++) if ((tags & (1 << tag)) !== 0) names.push(TAG_NAMES[tag]!);
  return names;
}

/**
 * Catches profanity however it is written: symbols for or between letters (`f*ck`,
 * `s*hit`, `f.u.c.k`), spaced letters (`d i c k`), leetspeak (`sh1t`), look-alike
 * letters (Cyrillic, Greek, fullwidth, mathematical, circled, small caps), zero-width
 * characters, repeated letters (`fuuuck`), respellings (`fvck`, `phuck`, `azz`),
 * inflections and compounds (`pissing`, `motherfucker`); never inside URLs, e-mail
 * addresses or @mentions, and not inside innocent words (`cockpit`, `Scunthorpe`).
 * Words carry a category and a severity; lists for `en es fr de pt it`.
 *
 * @param options see {@link ProfanityOptions}
 * @returns the rule, named `profanity`
 * @throws InvalidOptionsError on an unknown option or a bad value, when the rule is built
 * @example
 * moderate(profanity()); // 'what the f*ck' -> 'what the ****'
 * moderate(profanity({ languages: ['en', 'es'], categories: ['slurs', 'insults'], minSeverity: 2 }));
 * moderate(profanity({ action: 'deny', allow: ['Dick'], extra: ['frak*'] }));
 */
export function profanity(options?: ProfanityOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('profanity', opts, KEYS);
  const action = oneOf('profanity.action', opts.action, ['mask', 'deny'] as const, 'mask');
  const languages = enumList('profanity.languages', opts.languages, PROFANITY_LANGUAGES, ['en']);
  const categories = enumList('profanity.categories', opts.categories, PROFANITY_CATEGORIES, PROFANITY_CATEGORIES);
  const minSeverity = opts.minSeverity ?? 1;
  if (minSeverity !== 1 && minSeverity !== 2 && minSeverity !== 3)
    throw new InvalidOptionsError('profanity.minSeverity', 'must be 1, 2 or 3');
  const allow = stringList('profanity.allow', opts.allow);
  const extra = stringList('profanity.extra', opts.extra);
  const replaceDefaults = booleanOption('profanity.replaceDefaults', opts.replaceDefaults, false);
  const maskChar = opts.maskChar ?? '*';
  if (typeof maskChar !== 'string' || [...maskChar].length !== 1)
    throw new InvalidOptionsError('profanity.maskChar', 'must be one character');
  for (const form of extra) {
    if (!/^\*?[\p{L}\p{N}$@!|]+(?: [\p{L}\p{N}$@!|]+)?\*?$/u.test(form)) {
      throw new InvalidOptionsError(
        'profanity.extra',
        `entry ${JSON.stringify(form)} must be letters with an optional leading/trailing * (or two words)`,
      );
    }
  }
  if (replaceDefaults && extra.length === 0)
    throw new InvalidOptionsError('profanity.extra', 'must list words when replaceDefaults is true');
  const extraForms: FormSpec[] = extra.map((form) => ({ form, tag: CUSTOM_TAG }));
  const builtIn = replaceDefaults ? [] : profanityForms(languages, categories, minSeverity);
  const innocent = languages.flatMap((language) => innocentWords(language));
  const matcher = new WordMatcher(
    [...builtIn, ...extraForms],
    [...innocent.filter((word) => !word.includes(' ')), ...allow],
  );
  const names = nameFinder(innocent.filter((word) => word.includes(' ')));
  const firstOnly = action === 'deny';
  return defineRule(
    'profanity',
    function profanityCheck(draft) {
      const text = draft.content;
      const spans = addressSpans(text);
      let found = matcher.scan(text, spans, firstOnly);
      if (found.count === 0) return PASS;
      // Names are looked for only when something matched: clean text pays nothing for them.
      if (names && withNames(text, spans, names)) found = matcher.scan(text, spans, firstOnly);
      if (found.count === 0) return PASS;
      const categories = categoryNames(found.tags);
      if (firstOnly) return { kind: 'deny', reason: 'profanity', count: found.count, categories };
      const content = maskLetters(text, found.letters, maskChar);
      return { kind: 'edit', content, count: found.count, categories };
    },
    { annotate: opts.annotate },
  );
}
