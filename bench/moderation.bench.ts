// Moderation rules (issue 4): speed against obscenity measured in the same run, the
// linear-time budget on 64 KB adversarial inputs, the default set on a 4 KB message,
// and precision/recall per rule on the labelled corpus in test/fixtures/moderation.
// Budgets: profanity >= 10x obscenity's rate and >= 20k msg/s on 1 KB chat messages;
// every rule < 10 ms on each 64 KB adversarial input; default set < 0.5 ms median on 4 KB.
import { readFileSync } from 'node:fs';
import { cuss } from 'cuss';
import { RegExpMatcher, TextCensor, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { channelFlowEvent } from '../src/testing/index.js';
import { createJsonLogger } from '../src/logging/logger.js';
import { keywords, links, maxLength, moderate, pii, profanity, spam, type Rule } from '../src/moderation/index.js';
import { lambdaContext } from '../src/testing/index.js';
import { median, printTable, withinBudget } from './stats.js';
import { OBFUSCATIONS } from '../test/moderation/helpers.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/moderation/${name}`, import.meta.url), 'utf8'));
const PROFANE: string[] = fixture('profane-base.json').words;
const TRAPS: string[] = fixture('innocent-traps.json').words;
const CHAT: string[] = fixture('clean-chat.json').messages;

const ctx = {
  event: channelFlowEvent(),
  context: lambdaContext({ timeoutMs: 600_000 }),
  signal: new AbortController().signal,
  logger: createJsonLogger({ level: 'silent' }),
};
const check = (rule: Rule, content: string) =>
  rule.check({ message: ctx.event.ChannelMessage, content, metadata: undefined }, ctx);

// Deterministic corpus of 1 KB chat messages; one in ten carries an obfuscated swear word.
function chatMessage(seed: number): string {
  let text = '';
  let i = seed;
  while (text.length < 1024) {
    text += `${CHAT[i % CHAT.length]} `;
    if (i % 10 === 0) {
      const word = PROFANE[i % PROFANE.length]!;
      const obf = Object.values(OBFUSCATIONS)[i % Object.keys(OBFUSCATIONS).length]!;
      text += `${obf(word)} `;
    }
    i += 7;
  }
  return text.slice(0, 1024);
}
const MESSAGES = Array.from({ length: 500 }, (_, i) => chatMessage(i));

// --- 1. profanity throughput vs obscenity -----------------------------------------------------
const ours = profanity();
const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const censor = new TextCensor();
const runOurs = () => {
  for (const m of MESSAGES) check(ours, m);
};
const runObscenity = () => {
  for (const m of MESSAGES) {
    const matches = obscenity.getAllMatches(m);
    if (matches.length > 0) censor.applyTo(m, matches);
  }
};
const rate = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return MESSAGES.length / ((used.user + used.system) / 1e6);
};
runOurs();
runObscenity();
const oursRates: number[] = [];
const theirRates: number[] = [];
for (let round = 0; round < 9; round++) {
  if (round % 2 === 0) {
    oursRates.push(rate(runOurs));
    theirRates.push(rate(runObscenity));
  } else {
    theirRates.push(rate(runObscenity));
    oursRates.push(rate(runOurs));
  }
}
const speedRatio = median(oursRates.map((r, i) => r / theirRates[i]!));
console.log('\nProfanity on 1 KB chat messages (mask), CPU time, median of 9 interleaved rounds x 500 messages');
printTable(
  ['matcher', 'messages/s', 'ratio'],
  [
    ['profanity()', Math.round(median(oursRates)), `${speedRatio.toFixed(1)}x`],
    ['obscenity (english, recommended transformers)', Math.round(median(theirRates)), '1.0x'],
  ],
);

// --- 2. quality -------------------------------------------------------------------------------
const oursDeny = profanity({ action: 'deny' });
const obfuscated = PROFANE.flatMap((w) => Object.values(OBFUSCATIONS).map((f) => `you ${f(w)} now`));
const innocent = [
  ...new Set([
    ...TRAPS,
    ...Object.entries(cuss)
      .filter(([, r]) => r === 0)
      .map(([w]) => w),
  ]),
];
const oursRecall =
  obfuscated.filter((t) => (check(oursDeny, t) as { kind: string }).kind === 'deny').length / obfuscated.length;
const theirRecall = obfuscated.filter((t) => obscenity.hasMatch(t)).length / obfuscated.length;
const oursFp =
  innocent.filter((w) => (check(oursDeny, w) as { kind: string }).kind === 'deny').length / innocent.length;
const theirFp = innocent.filter((w) => obscenity.hasMatch(w)).length / innocent.length;
console.log(
  `\nProfanity quality: ${obfuscated.length} obfuscations of ${PROFANE.length} baseline terms; ${innocent.length} innocent words with rude substrings`,
);
printTable(
  ['matcher', 'recall (obfuscated)', 'false positives (innocent)', 'precision on this corpus'],
  [
    [
      'profanity()',
      oursRecall.toFixed(3),
      `${(oursFp * 100).toFixed(2)} %`,
      ((oursRecall * obfuscated.length) / (oursRecall * obfuscated.length + oursFp * innocent.length)).toFixed(3),
    ],
    [
      'obscenity',
      theirRecall.toFixed(3),
      `${(theirFp * 100).toFixed(2)} %`,
      ((theirRecall * obfuscated.length) / (theirRecall * obfuscated.length + theirFp * innocent.length)).toFixed(3),
    ],
  ],
);

// PII: valid entities vs near-miss twins, written inline in a sentence.
const piiCases: { kind: string; valid: string[]; twins: string[] }[] = [
  {
    kind: 'card',
    valid: ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117', '3530111333300000'],
    twins: ['4111 1111 1111 1112', '5500-0000-0000-0005', '378282246310006', '6011111111111118', '3530111333300001'],
  },
  {
    kind: 'iban',
    valid: [
      'GB82 WEST 1234 5698 7654 32',
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
    ],
    twins: [
      'GB82 WEST 1234 5698 7654 33',
      'DE89370400440532013001',
      'FR1420041010050500013M02607',
      'NL91ABNA0417164301',
    ],
  },
  {
    kind: 'ssn',
    valid: ['123-45-6789', '078-05-1121', '219 09 9999'],
    twins: ['000-45-6789', '666-05-1120', '900-09-9999', '123-00-6789', '123-45-0000'],
  },
  {
    kind: 'phone',
    valid: ['(213) 373-4253', '+44 20 7946 0958', '+49 30 901820', '+33 6 12 34 56 78', '+81 3-1234-5678'],
    twins: ['(213) 373-425', '+44 20 7946', '555-0100'],
  },
  {
    kind: 'email',
    valid: ['bob@example.com', 'jane.doe+x@mail.co.uk'],
    twins: ['bob@example', '@example.com', 'bob at example.com'],
  },
  {
    kind: 'ip',
    valid: ['192.168.1.20', '2001:db8::8a2e:370:7334', '10.0.0.1'],
    twins: ['256.1.1.1', '1.2.3', '10:30:00'],
  },
  {
    kind: 'awsKey',
    valid: ['AKIAIOSFODNN7EXAMPLE', 'ASIAY34FZKBOKMUTVV7A'],
    twins: ['AKIAIOSFODNN7EXAMPL', 'akiaiosfodnn7example', 'AKIAIOSFODNN7EXAMPLE1'],
  },
];
const piiRule = pii();
const piiRows = piiCases.map(({ kind, valid, twins }) => {
  const hit = (s: string) => (check(piiRule, `ref ${s} thanks`) as { kind: string }).kind === 'edit';
  const tp = valid.filter(hit).length;
  const fp = twins.filter(hit).length;
  return [
    kind,
    `${tp}/${valid.length}`,
    `${fp}/${twins.length}`,
    (tp / Math.max(1, tp + fp)).toFixed(3),
    (tp / valid.length).toFixed(3),
  ];
});
console.log(
  '\nPII quality (hand-picked cases here; the generated corpus with floors is in test/moderation/pii.test.ts)',
);
printTable(['entity', 'found', 'twins redacted', 'precision', 'recall'], piiRows);

// Links, spam and keywords on the labelled fixture (flag = should edit or deny).
const labelled = fixture('labelled.json').rules as Record<
  string,
  { flag: string[]; pass: string[]; config?: { words: string[]; patterns: string[] } }
>;
const labelledRules: Record<string, Rule> = {
  links: links(),
  spam: spam(),
  keywords: keywords(labelled.keywords!.config!),
};
const labelledRows = Object.entries(labelledRules).map(([name, rule]) => {
  const cases = labelled[name]!;
  const flagged = (text: string) => (check(rule, text) as { kind: string }).kind !== 'pass';
  const tp = cases.flag.filter(flagged).length;
  const fp = cases.pass.filter(flagged).length;
  return [
    name,
    `${tp}/${cases.flag.length}`,
    `${fp}/${cases.pass.length}`,
    (tp / Math.max(1, tp + fp)).toFixed(3),
    (tp / cases.flag.length).toFixed(3),
  ];
});
console.log('\nLinks, spam and keywords on test/fixtures/moderation/labelled.json');
printTable(['rule', 'flagged', 'false flags', 'precision', 'recall'], labelledRows);

// --- 3. linear time on 64 KB adversarial input --------------------------------------------------
const SIZE = 65536;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const ADVERSARIAL: Record<string, string> = {
  'repeated letter': fill('a'),
  'repeated f': fill('f'),
  'f.u.c.k. chain': fill('f.u.c.k.'),
  'f u c k chain': fill('f u c k '),
  'spaced letters': fill('a '),
  'long digit run': fill('1'),
  'digit groups': fill('1 '),
  'dashed digits': fill('12-'),
  'dotted digits': fill('1.'),
  'combining marks': fill('a\u0301\u0302\u0303\u0304\u0305'),
  'at signs': fill('a@'),
  dots: fill('a.'),
  schemes: fill('http://'),
  www: fill('www.'),
  'hex colons': fill('a:'),
  'iban shapes': fill('GB82 '),
  'key prefixes': fill('AKIA'),
  emoji: fill('😀'),
  'mixed leet': fill('$h1t@'),
};
const RULES: Record<string, Rule> = {
  'profanity mask': profanity(),
  'profanity deny': profanity({ action: 'deny' }),
  pii: pii(),
  'pii mask': pii({ style: 'mask' }),
  links: links(),
  keywords: keywords({ words: ['crypto*', '*coin', 'buy now'], patterns: [/(a|b)*c/, /\d{3}-\d{4}/], action: 'mask' }),
  'keywords obfuscation': keywords({ words: ['crypto*'], obfuscation: true, action: 'mask' }),
  spam: spam({ action: 'clean' }),
  maxLength: maxLength({ chars: 4000, bytes: 4096 }),
};
// CPU time (user + system), as in core.bench.ts: on a shared 2-core machine it leaves out
// the time this process waits for a core.
const cpuMs = (fn: () => void) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const timeMs = (fn: () => void, runs = 7) => {
  fn();
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(cpuMs(fn));
  return median(samples);
};
// Warm every rule on every input once first: the first input must not pay for JIT compilation.
for (const rule of Object.values(RULES)) for (const input of Object.values(ADVERSARIAL)) check(rule, input);
const adversarialRows: Array<Array<string | number>> = [];
let worstOverall = 0;
for (const [ruleName, rule] of Object.entries(RULES)) {
  let worst = 0;
  let worstInput = '';
  for (const [inputName, input] of Object.entries(ADVERSARIAL)) {
    const ms = timeMs(() => check(rule, input));
    if (ms > worst) {
      worst = ms;
      worstInput = inputName;
    }
  }
  worstOverall = Math.max(worstOverall, worst);
  adversarialRows.push([ruleName, worst.toFixed(2), worstInput]);
}
console.log(
  `\nWorst median CPU time per rule over ${Object.keys(ADVERSARIAL).length} adversarial 64 KB inputs (ms, median of 7)`,
);
printTable(['rule', 'worst ms', 'on input'], adversarialRows);

// --- 4. the default set on a 4 KB message --------------------------------------------------------
const defaultSet = moderate(spam(), profanity(), pii(), links(), maxLength({ bytes: 4096 }));
let fourK = '';
for (let i = 0; fourK.length < 4000; i++)
  fourK += `${CHAT[i % CHAT.length]} ${i % 9 === 0 ? 'mail bob@example.com or see https://example.com/x ' : ''}`;
fourK = fourK.slice(0, 4000);
const message = { ...ctx.event.ChannelMessage, Content: fourK };
const perMessage: number[] = [];
for (let i = 0; i < 50; i++) defaultSet(message, ctx);
for (let round = 0; round < 31; round++) {
  perMessage.push(
    cpuMs(() => {
      for (let i = 0; i < 20; i++) defaultSet(message, ctx);
    }) / 20,
  );
}
const defaultMedian = median(perMessage);
console.log('\nDefault set moderate(spam(), profanity(), pii(), links(), maxLength()) on a 4 KB message');
printTable(['measure', 'value'], [['median CPU time per message (31 rounds x 20)', `${defaultMedian.toFixed(3)} ms`]]);

const ok = [
  withinBudget('obscenity rate / profanity rate (inverse of speed-up, <= 0.1 means >= 10x)', 1 / speedRatio, 0.1),
  withinBudget('1 / profanity messages per second x 20000 (<= 1 means >= 20k msg/s)', 20000 / median(oursRates), 1),
  withinBudget('worst rule on 64 KB adversarial input', worstOverall, 10, ' ms'),
  withinBudget('default set on 4 KB, median', defaultMedian, 0.5, ' ms'),
].every(Boolean);
process.exit(ok ? 0 : 1);
