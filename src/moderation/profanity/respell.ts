/**
 * Common phonetic respellings of a list form, one change each: `fuck` -> `fvck`,
 * `phuck`, `fuk`, `fukk`; `ass` -> `azz`; `cunt` -> `kunt`; `shit` -> `shyt`.
 * Kept to changes that writers use to dodge filters; each was checked against the
 * English word list (test/moderation/profanity-innocent.test.ts) for new false positives.
 */
const RULES: readonly [RegExp, string][] = [
  [/u/, 'v'],
  [/^(\*?)f/, '$1ph'],
  [/ck/, 'k'],
  [/ck/, 'kk'],
  [/ss/, 'zz'],
  [/s(\*?)$/, 'z$1'],
  [/^(\*?)c/, '$1k'],
  [/i/, 'y'],
  [/(ck|gg)er(\*?)$/, '$1a$2'],
];

/**
 * The respellings of `form` (without `form` itself), for single words of four letters
 * or more, or three-letter words where the change keeps them unmistakable (`azz`).
 *
 * @example
 * respellings('*fuck*'); // ['*fvck*', '*phuck*', '*fuk*', '*fukk*']
 */
export function respellings(form: string): string[] {
  if (form.includes(' ')) return [];
  const out = new Set<string>();
  for (const [pattern, replacement] of RULES) {
    const variant = form.replace(pattern, replacement);
    if (variant !== form) out.add(variant);
  }
  return [...out];
}
