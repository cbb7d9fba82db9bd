/**
 * Common phonetic respellings of a list form, one change each: `fuck` -> `fvck`,
 * `phuck`, `fuk`; `ass` -> `azz`; `cunt` -> `kunt`. Each adds a form to the matcher, so
 * the set is kept to these five (building a rule costs in proportion to its forms).
 * Kept to changes that writers use to dodge filters; the English word-list check
 * (test/moderation/profanity-evasions.test.ts) guards against new false positives.
 * String operations, not regular expressions: this runs for every word when a rule is built.
 */

/** `word` with its first `from` replaced by `to`, or `word` itself. */
function replaceFirst(word: string, from: string, to: string): string {
  const at = word.indexOf(from);
  return at < 0 ? word : word.slice(0, at) + to + word.slice(at + from.length);
}

/**
 * The respellings of `form` (without `form` itself); none for phrases.
 *
 * @example
 * respellings('*fuck*'); // ['*fvck*', '*phuck*', '*fuk*']
 */
export function respellings(form: string): string[] {
  if (form.includes(' ')) return [];
  const lead = form.startsWith('*') ? '*' : '';
  const tail = form.length > 1 && form.endsWith('*') ? '*' : '';
  const word = form.slice(lead.length, form.length - tail.length);
  const variants = [
    replaceFirst(word, 'u', 'v'),
    word.startsWith('f') ? `ph${word.slice(1)}` : word,
    replaceFirst(word, 'ck', 'k'),
    replaceFirst(word, 'ss', 'zz'),
    word.startsWith('c') ? `k${word.slice(1)}` : word,
  ];
  const out: string[] = [];
  for (const variant of variants) {
    if (variant === word) continue;
    const spelled = lead + variant + tail;
    if (!out.includes(spelled)) out.push(spelled);
  }
  return out;
}
