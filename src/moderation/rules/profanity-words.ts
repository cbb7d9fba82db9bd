import { innocentWords, profanityWords } from '../profanity/word-lists.js';

/**
 * The built-in English forms (`*fuck*`, `cock`, `jerk off`), kept for code written
 * against earlier versions; {@link profanityWords} gives every language with
 * categories and severities.
 */
export const PROFANITY_FORMS: readonly string[] = profanityWords('en').map((word) => word.form);

/** English words never flagged although they contain a listed stem (`scunthorpe`, `shiitake`). */
export const INNOCENT_WORDS: readonly string[] = innocentWords('en');
