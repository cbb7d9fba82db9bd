import { defineRule, PASS } from '../rule.js';
import { booleanOption, knownKeys, oneOf, optionsObject, stringList } from '../options.js';
import { addressSpans } from '../text/spans.js';
import { maskLetters } from '../text/mask.js';
import { WordMatcher } from '../text/word-matcher.js';
import { INNOCENT_WORDS, PROFANITY_FORMS } from './profanity-words.js';
import type { CommonRuleOptions, Rule } from '../types.js';
import { InvalidOptionsError } from '../../errors.js';

export interface ProfanityOptions extends CommonRuleOptions {
  /** `mask` (default) replaces each letter of a match with `*`, keeping the length; `deny` denies the message. */
  action?: 'mask' | 'deny';
  /** Words never flagged (names, places): `['Dick', 'Cockburn']`. Whole words, any case or accents. */
  allow?: string[];
  /** More words, same syntax as the built-in list: `word`, `word*`, `*word`, `*word*`, `two words`. */
  extra?: string[];
  /** Use only `extra`, not the built-in English list. Default false. */
  replaceDefaults?: boolean;
  /** The mask character, default `*`. */
  maskChar?: string;
}

const KEYS = ['action', 'allow', 'extra', 'replaceDefaults', 'maskChar', 'annotate'] as const;

/**
 * Catches profanity however it is written: leetspeak (`sh1t`), look-alike letters
 * (Cyrillic `с`, `ü`, fullwidth), spaced or punctuated letters (`f.u.c.k`), repeated
 * letters (`fuuuck`); never inside URLs, e-mail addresses or @mentions, and not
 * inside innocent words (`cockpit`, `cumin`, `Scunthorpe`).
 *
 * @example
 * moderate(profanity()); // 'what the f.u.c.k' -> 'what the *.*.*.*'
 * moderate(profanity({ action: 'deny', allow: ['Dick'], extra: ['frak*'] }));
 */
export function profanity(options?: ProfanityOptions): Rule {
  const opts = optionsObject(options);
  knownKeys('profanity', opts, KEYS);
  const action = oneOf('profanity.action', opts.action, ['mask', 'deny'] as const, 'mask');
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
  const matcher = new WordMatcher(replaceDefaults ? extra : [...PROFANITY_FORMS, ...extra], [
    ...INNOCENT_WORDS,
    ...allow,
  ]);
  const firstOnly = action === 'deny';
  return defineRule(
    'profanity',
    function profanityCheck(draft) {
      const text = draft.content;
      const found = matcher.scan(text, addressSpans(text), firstOnly);
      if (found.count === 0) return PASS;
      if (firstOnly) return { kind: 'deny', reason: 'profanity', count: found.count };
      return { kind: 'edit', content: maskLetters(text, found.letters, maskChar), count: found.count };
    },
    { annotate: opts.annotate },
  );
}
