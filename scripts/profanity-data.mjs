// Builds src/moderation/profanity/data/<language>.json from the hand-written sources in
// scripts/profanity/: en.txt (our English list) and, for the other languages, the LDNOOBW lists
// of the `naughty-words` package (CC-BY-4.0) with the categories tagged in <language>.txt.
// Usage: node scripts/profanity-data.mjs [--check]   (--check: exit 1 if a file would change)
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const OUT = join(root, 'src', 'moderation', 'profanity', 'data');
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'];
const CATEGORIES = new Set(['slurs', 'sexual', 'insults', 'profanity', 'mild']);
const INFLECTIONS = { all: 'all', plural: 'plural', none: 'none' };
const LDNOOBW_VERSION = require('naughty-words/package.json').version;

/** `Hijo de puta` -> `hijo_de_puta`: the key a tag file uses for a source entry. */
const key = (entry) => entry.trim().toLocaleLowerCase('und').normalize('NFC').replace(/\s+/g, '_');

function parse(language) {
  const text = readFileSync(join(root, 'scripts', 'profanity', `${language}.txt`), 'utf8');
  const groups = [];
  const exclude = [];
  const innocent = [];
  let current;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || (line.startsWith('#') && !line.startsWith('##'))) continue;
    if (line.startsWith('##')) {
      const [first, ...rest] = line.slice(2).trim().split(/\s+/);
      if (first === 'exclude') current = { words: exclude };
      else if (first === 'innocent') current = { words: innocent };
      else {
        const compounds = first === 'compounds';
        const [category, severity, inflect] = compounds ? rest : [first, ...rest];
        if (!CATEGORIES.has(category) || !['1', '2', '3'].includes(severity) || !INFLECTIONS[inflect])
          throw new Error(`${language}.txt: bad group line ${JSON.stringify(line)}`);
        current = { category, severity: Number(severity), inflect, words: [], compounds };
        groups.push(current);
      }
      continue;
    }
    if (!current) throw new Error(`${language}.txt: words before the first ## line`);
    if (current.compounds) {
      const [head, tails] = line.split(':');
      for (const tail of tails.trim().split(/\s+/)) current.words.push(head.trim() + tail);
    } else current.words.push(...line.split(/\s+/));
  }
  return { groups, exclude, innocent };
}

function build(language) {
  const { groups, exclude, innocent } = parse(language);
  const tagged = groups.flatMap((group) => group.words);
  const seen = new Set();
  for (const word of [...tagged, ...exclude]) {
    if (seen.has(word)) throw new Error(`${language}.txt: ${word} is listed twice`);
    seen.add(word);
  }
  let source;
  if (language === 'en') {
    source = 'Written for chime-channel-flow (Apache-2.0).';
  } else {
    const list = require(`naughty-words/${language}.json`).map(key);
    const inList = new Set(list);
    const untagged = list.filter((word) => !seen.has(word));
    const unknown = [...seen].filter((word) => !inList.has(word));
    if (untagged.length > 0 || unknown.length > 0)
      throw new Error(`${language}.txt: untagged ${untagged.join(' ')} / not in the source list ${unknown.join(' ')}`);
    source =
      `List of Dirty, Naughty, Obscene, and Otherwise Bad Words (LDNOOBW), naughty-words ${LDNOOBW_VERSION}, ` +
      'CC-BY-4.0; categories and exclusions by chime-channel-flow.';
  }
  return {
    language,
    source,
    groups: groups.map(({ category, severity, inflect, words }) => ({
      category,
      severity,
      inflect,
      words: words.join(' '),
    })),
    innocent: innocent.join(' '),
  };
}

export function generate() {
  return Object.fromEntries(LANGUAGES.map((language) => [language, `${JSON.stringify(build(language), null, 2)}\n`]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  mkdirSync(OUT, { recursive: true });
  let stale = 0;
  for (const [language, json] of Object.entries(generate())) {
    const file = join(OUT, `${language}.json`);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (before === json) continue;
    stale++;
    if (!check) writeFileSync(file, json);
    console.log(`${check ? 'stale' : 'wrote'} ${file}`);
  }
  if (check && stale > 0) process.exit(1);
}
