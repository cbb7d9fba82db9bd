import { pii, profanity, type Rule } from '../src/moderation/index.js';
import { PROFANITY_LANGUAGES } from '../src/moderation/index.js';
import {
  EVASIONS,
  LANGUAGE_EVASIONS,
  englishWords,
  hunspellWords,
  innocentCandidates,
  plainWords,
} from '../test/moderation/profanity-corpus.js';
import { cpus, loadavg } from 'node:os';
import { CLEAN_CHAT } from '../test/moderation/helpers.js';
import { check } from './rule-context.js';
import {
  QUIET_BASELINE_US_PER_KB,
  baselineScan,
  median,
  printTable,
  withinBudget,
  withinBudgetNormalised,
} from './stats.js';

const denies = (rule: Rule, text: string) => (check(rule, text) as { kind: string }).kind === 'deny';
let ok = true;

// --- 1. speed (first, before the corpora below fill the heap) --------------------------------------------------------------------------------------
// The corpora above leave a large heap: collect it so their garbage is not charged to the rule.
const collect = () => (globalThis as { gc?: () => void }).gc?.();
collect();
console.log(
  `\nload average while measuring: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (${cpus().length} cores)`,
);
const mask = profanity();
const SHORT = CLEAN_CHAT.map((m, i) => (i % 10 === 0 ? `${m} f*ck` : m)).slice(0, 500);
const cpuRate = (fn: () => void, count: number) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return count / ((used.user + used.system) / 1e6);
};
const shortRun = () => {
  for (let k = 0; k < 200; k++) for (const m of SHORT) check(mask, m);
};
// Warm up to steady state first: a few hundred calls leave the matcher unoptimised, and a
// rate taken then measures the JIT (20 us a message at first, under 1.5 us once compiled).
for (let k = 0; k < 5; k++) shortRun();
// The load baseline, interleaved: the /[a-z]+/gi scan over 1 KB of the same chat (see stats.ts).
let kb = '';
for (let i = 0; kb.length < 1024; i += 7) kb += `${CLEAN_CHAT[i % CLEAN_CHAT.length]} `;
kb = kb.slice(0, 1024);
const baselineUs = () =>
  1e6 /
  cpuRate(() => {
    for (let k = 0; k < 2000; k++) baselineScan(kb);
  }, 2000);
baselineUs();
const rates: number[] = [];
const shortBaselines: number[] = [];
for (let round = 0; round < 7; round++) {
  shortBaselines.push(baselineUs());
  rates.push(cpuRate(shortRun, SHORT.length * 200));
}
console.log(`\nshort messages (${Math.round(SHORT.reduce((a, m) => a + m.length, 0) / SHORT.length)} chars avg)`);
const shortRate = median(rates);
// Load-adjusted: the rate scaled by how much slower the baseline ran than on a quiet machine.
const shortAdjusted = shortRate * (median(shortBaselines) / QUIET_BASELINE_US_PER_KB);
console.log(
  `${shortRate >= 50_000 ? 'ok  ' : 'MISS'} profanity short messages/s: ${Math.round(shortRate)} (budget >= 50000)`,
);
console.log(
  `${shortAdjusted >= 50_000 ? 'ok  ' : 'MISS'} profanity short messages/s, load-adjusted: ${Math.round(shortAdjusted)} (baseline scan ${median(shortBaselines).toFixed(2)} us/KB this run, ${QUIET_BASELINE_US_PER_KB} quiet; budget >= 50000)`,
);
ok = shortAdjusted >= 50_000 && ok;

const piiRule = pii();
// CPU time (process.cpuUsage), not wall time: on a shared machine, waiting for a core is not our cost.
const cpuMicros = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return used.user + used.system;
};
const perCall = (fn: () => unknown, n = 2000) =>
  cpuMicros(() => {
    for (let k = 0; k < n; k++) fn();
  }) / n;
const run = () => {
  check(mask, kb);
  check(piiRule, kb);
};
perCall(run);
perCall(() => baselineScan(kb));
// Interleaved with the baseline scan, so each round's three figures see the same load.
const kbBaselines: number[] = [];
const kbProfanities: number[] = [];
const kbSets: number[] = [];
for (let round = 0; round < 9; round++) {
  kbBaselines.push(perCall(() => baselineScan(kb)));
  kbProfanities.push(perCall(() => check(mask, kb)));
  kbSets.push(perCall(run));
}
const kbBaseline = median(kbBaselines);
const kbProfanity = median(kbProfanities);
const kbSet = median(kbSets);
console.log(`  baseline scan (/[a-z]+/gi over the same 1 KB): ${kbBaseline.toFixed(2)} us median`);
console.log(
  `  profanity alone on 1 KB: ${kbProfanity.toFixed(2)} us median (${(kbProfanity / kbBaseline).toFixed(2)}x the baseline)`,
);
ok = withinBudgetNormalised('profanity + pii on a 1 KB message', kbSet, kbBaseline, 20) && ok;

// Adversarial 64 KB inputs, one per normalisation step.
const fill = (unit: string) => unit.repeat(Math.ceil(65536 / unit.length)).slice(0, 65536);
const ADVERSARIAL: Record<string, string> = {
  'symbol groups (f*ck)': fill('f*ck '),
  'one 64 KB symbol group': fill('f*u-c.k_'),
  'symbols only': fill('*-.#_+'),
  'dotted letters (a.b.c)': fill('a.'),
  'leet symbols in words (f@$!)': fill('f@$!k'),
  'spaced single letters': fill('f '),
  'zero-width between letters': fill('f\u200b'),
  'bidi and soft hyphens': fill('s\u202e\u00adh'),
  'ß/æ/œ doubles': fill('ßæœ'),
  'small caps and math letters': fill('ᴅɪᴄᴋ𝐟𝐮'),
  'ambiguous 1/|': fill('1|l'),
  'compound heads': fill('motherbull'),
  'inflection tails': fill('dickinging'),
  'repeated letters': fill('u'),
  'one long word': fill('fuckshitcunt'),
  names: fill('Dick Van Dyke '),
};
const advRows: (string | number)[][] = [];
for (const [name, text] of Object.entries(ADVERSARIAL)) {
  collect();
  for (let k = 0; k < 3; k++) check(mask, text);
  const times = Array.from({ length: 7 }, () => cpuMicros(() => check(mask, text)) / 1000);
  // Best of 7: on a shared machine the other runs measure the neighbours; the median is printed too.
  const best = Math.min(...times);
  advRows.push([name, best.toFixed(2), median(times).toFixed(2), best < 10 ? 'ok' : 'MISSED']);
  if (best >= 10) ok = false;
}
console.log('\n64 KB adversarial inputs, profanity() mask (CPU ms after 3 warm-up runs; budget: best of 7 < 10 ms)');
printTable(['input', 'best ms', 'median ms', 'verdict'], advRows);

// --- 2. recall per evasion class, every English list word -------------------------------------
const deny = profanity({ action: 'deny' });
const recallRows: (string | number)[][] = [];
for (const [name, evasion] of Object.entries(EVASIONS)) {
  let total = 0;
  let caught = 0;
  for (const { entry, word } of plainWords('en')) {
    for (const text of evasion(word, entry)) {
      total++;
      if (denies(deny, `you ${text} now`)) caught++;
    }
  }
  const recall = caught / total;
  recallRows.push([name, total, recall.toFixed(4), recall >= 0.95 ? 'ok' : 'MISSED']);
  if (recall < 0.95) ok = false;
}
console.log('\nEnglish recall per evasion class (every list word; budget >= 0.95)');
printTable(['class', 'cases', 'recall', 'verdict'], recallRows);

// --- 3. innocent words and chat -------------------------------------------------------------------
const innocent = innocentCandidates(englishWords(), 'en');
const flagged = innocent.filter((word) => denies(deny, word));
const chatFlagged = CLEAN_CHAT.filter((message) => denies(deny, message));
console.log('\nFalse positives (budget <= 0.5%)');
printTable(
  ['set', 'size', 'flagged', 'rate'],
  [
    [
      'English words holding a list word',
      innocent.length,
      flagged.length,
      `${((flagged.length / innocent.length) * 100).toFixed(3)}%`,
    ],
    [
      'clean chat messages',
      CLEAN_CHAT.length,
      chatFlagged.length,
      `${((chatFlagged.length / CLEAN_CHAT.length) * 100).toFixed(3)}%`,
    ],
  ],
);
console.log(`  flagged words: ${flagged.slice(0, 20).join(' ')}`);
ok = withinBudget('English innocent-word false positives', (flagged.length / innocent.length) * 100, 0.5, '%') && ok;

// --- 4. per language ----------------------------------------------------------------------------
const languageRows: (string | number)[][] = [];
for (const language of PROFANITY_LANGUAGES.filter((l) => l !== 'en')) {
  const rule = profanity({ action: 'deny', languages: [language] });
  let total = 0;
  let caught = 0;
  for (const { word } of plainWords(language)) {
    for (const evasion of Object.values(LANGUAGE_EVASIONS)) {
      for (const text of evasion(word)) {
        total++;
        if (denies(rule, `x ${text} y`)) caught++;
      }
    }
  }
  const words = innocentCandidates(hunspellWords(language), language);
  const fp = words.filter((word) => denies(rule, word));
  languageRows.push([
    language,
    total,
    (caught / total).toFixed(4),
    words.length,
    fp.length,
    `${((fp.length / Math.max(1, words.length)) * 100).toFixed(3)}%`,
    fp.slice(0, 6).join(' '),
  ]);
}
console.log(
  `\nPer language (evasions: ${Object.keys(LANGUAGE_EVASIONS).join(', ')}; innocent: hunspell dictionary-<lang> words holding a list word)`,
);
printTable(['lang', 'cases', 'recall', 'innocent words', 'flagged', 'FP rate', 'examples'], languageRows);

if (!ok) {
  console.error('\nprofanity: a budget was missed');
  process.exit(1);
}
