import de from './data/de.json' with { type: 'json' };
import en from './data/en.json' with { type: 'json' };
import es from './data/es.json' with { type: 'json' };
import fr from './data/fr.json' with { type: 'json' };
import it from './data/it.json' with { type: 'json' };
import pt from './data/pt.json' with { type: 'json' };
import { Inflect, type FormSpec } from '../text/word-trie.js';
import { respellings } from './respell.js';

/**
 * The built-in word lists, one generated JSON file per language (scripts/profanity-data.mjs):
 * English written for this package, the others from LDNOOBW (CC-BY-4.0) with our categories.
 * All six together are about 12 KB of JSON; only the requested languages are turned into matcher forms.
 */

/** Languages with a built-in list. */
export const PROFANITY_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const;
export type ProfanityLanguage = (typeof PROFANITY_LANGUAGES)[number];

/** What a word is: the presets a deployment picks from. */
export const PROFANITY_CATEGORIES = ['slurs', 'sexual', 'insults', 'profanity', 'mild'] as const;
export type ProfanityCategory = (typeof PROFANITY_CATEGORIES)[number];

/** 1 mild (`crap`-level, `sexy`), 2 strong (most swearing, explicit terms), 3 severe (slurs, `cunt`). */
export type ProfanitySeverity = 1 | 2 | 3;

/** One word of a list with its tags. */
export interface ProfanityWord {
  /** The form as the list writes it (`*fuck*`, `hijo de puta`). */
  form: string;
  language: ProfanityLanguage;
  category: ProfanityCategory;
  severity: ProfanitySeverity;
  /** Which endings the plain word also matches (`dicks`; `raping`). */
  inflect: 'all' | 'plural' | 'none';
}

interface ListFile {
  language: string;
  groups: { category: string; severity: number; inflect: string; words: string }[];
  innocent: string;
}

const FILES: Record<ProfanityLanguage, ListFile> = { en, es, fr, de, pt, it };

/**
 * Every word of the built-in list of `language`, with its category and severity.
 *
 * @param language one of {@link PROFANITY_LANGUAGES}
 * @returns the words in list order
 * @example
 * profanityWords('es').filter((w) => w.category === 'slurs').map((w) => w.form);
 */
export function profanityWords(language: ProfanityLanguage): ProfanityWord[] {
  return FILES[language].groups.flatMap((group) =>
    group.words.split(' ').map((word) => ({
      form: word.replace(/_/g, ' '),
      language,
      category: group.category as ProfanityCategory,
      severity: group.severity as ProfanitySeverity,
      inflect: group.inflect as ProfanityWord['inflect'],
    })),
  );
}

/** Innocent words of a language's list (the Scunthorpe problem): never flagged. */
export const innocentWords = (language: ProfanityLanguage): string[] =>
  FILES[language].innocent
    .split(' ')
    .filter(Boolean)
    .map((word) => word.replace(/_/g, ' '));

const INFLECT = { all: Inflect.All, plural: Inflect.Plural, none: Inflect.None } as const;

/**
 * Matcher forms for the chosen languages, categories and minimum severity: each word,
 * tagged with its category's index in {@link PROFANITY_CATEGORIES}, and its common
 * phonetic respellings (`fvck`, `phuck`, `azz`).
 */
export function profanityForms(
  languages: readonly ProfanityLanguage[],
  categories: readonly ProfanityCategory[],
  minSeverity: ProfanitySeverity,
): FormSpec[] {
  const wanted = new Set(categories);
  const forms: FormSpec[] = [];
  for (const language of languages) {
    for (const word of profanityWords(language)) {
      if (!wanted.has(word.category) || word.severity < minSeverity) continue;
      const tag = PROFANITY_CATEGORIES.indexOf(word.category);
      const inflect = INFLECT[word.inflect];
      forms.push({ form: word.form, tag, inflect });
      for (const form of respellings(word.form)) forms.push({ form, tag, inflect });
    }
  }
  return forms;
}
