/**
 * Common phonetic respellings of a list form, one change each: `fuck` -> `fvck`,
 * `phuck`, `fuk`, `fukk`; `ass` -> `azz`; `cunt` -> `kunt`; `shit` -> `shyt`.
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
 * respellings('*fuck*'); // ['*fvck*', '*phuck*', '*fuk*', '*fukk*']
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
    replaceFirst(word, 'ck', 'kk'),
    replaceFirst(word, 'ss', 'zz'),
    word.endsWith('s') ? `${word.slice(0, -1)}z` : word,
    word.startsWith('c') ? `k${word.slice(1)}` : word,
    replaceFirst(word, 'i', 'y'),
    word.endsWith('cker') || word.endsWith('gger') ? `${word.slice(0, -2)}a` : word,
  ];
  const out: string[] = [];
  for (const variant of variants) {
    if (variant === word) continue;
    const spelled = lead + variant + tail;
    if (!out.includes(spelled)) out.push(spelled);
  }
  return out;
}
