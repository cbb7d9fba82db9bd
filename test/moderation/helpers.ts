// Shared helpers for the moderation tests: a processor context, the fixtures, and obfuscation generators.
import { readFileSync } from 'node:fs';
import { createJsonLogger } from '../../src/logging/logger.js';
import type { ProcessorContext } from '../../src/middleware/types.js';
import { channelFlowEvent, lambdaContext } from '../../src/testing/index.js';
import type { Draft, Rule, RuleVerdict } from '../../src/moderation/index.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/moderation/${name}`, import.meta.url), 'utf8'));
export const PROFANE_BASE: string[] = fixture('profane-base.json').words;
export const INNOCENT_TRAPS: string[] = fixture('innocent-traps.json').words;
export const CLEAN_CHAT: string[] = fixture('clean-chat.json').messages;

export function processorContext(signal: AbortSignal = new AbortController().signal): ProcessorContext {
  const event = channelFlowEvent();
  return { event, context: lambdaContext(), signal, logger: createJsonLogger({ level: 'silent' }) };
}

/** Runs one rule over `content` as a draft; awaits async rules. */
export async function runRule(
  rule: Rule,
  content: string,
  ctx: ProcessorContext = processorContext(),
): Promise<RuleVerdict> {
  const message = { ...ctx.event.ChannelMessage, Content: content };
  const draft: Draft = { message, content, metadata: message.Metadata };
  return rule.check(draft, ctx);
}

/** Synchronous variant for the text rules. */
export function runSync(rule: Rule, content: string): RuleVerdict {
  const ctx = SYNC_CTX;
  const message = { ...ctx.event.ChannelMessage, Content: content };
  const verdict = rule.check({ message, content, metadata: undefined }, ctx);
  if (verdict instanceof Promise) throw new Error('rule is async');
  return verdict;
}
const SYNC_CTX = processorContext();

const mapEach = (word: string, table: Record<string, string>) => [...word].map((ch) => table[ch] ?? ch).join('');
const perWord = (phrase: string, f: (word: string) => string) => phrase.split(' ').map(f).join('  ');

/**
 * Obfuscations people use to slip words past filters. `@` is never the first
 * character: at a word start it reads as an @mention, which the rule leaves alone.
 */
export const OBFUSCATIONS: Record<string, (word: string) => string> = {
  upper: (w) => w.toUpperCase(),
  capitalized: (w) => w.replace(/\b\w/g, (c) => c.toUpperCase()),
  leet: (w) => perWord(w, (x) => mapEach(x, { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' })),
  symbols: (w) => perWord(w, (x) => x[0] + mapEach(x.slice(1), { a: '@', s: '$', i: '!' })),
  cyrillic: (w) => mapEach(w, { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', i: 'і', s: 'ѕ' }),
  accents: (w) => mapEach(w, { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ' }),
  spaced: (w) => perWord(w, (x) => [...x].join(' ')),
  dotted: (w) => perWord(w, (x) => [...x].join('.')),
  starred: (w) => perWord(w, (x) => [...x].join('*')),
  dashed: (w) => perWord(w, (x) => [...x].join('-')),
  repeated: (w) => w.replace(/[aeiou]/g, (v) => v.repeat(4)),
  fullwidth: (w) =>
    mapEach(
      w,
      Object.fromEntries(
        [...'abcdefghijklmnopqrstuvwxyz'].map((c) => [c, String.fromCodePoint(0xff41 + c.charCodeAt(0) - 97)]),
      ),
    ),
  zeroWidth: (w) => perWord(w, (x) => [...x].join('\u200b')),
  strikethrough: (w) => perWord(w, (x) => [...x].map((c) => `${c}\u0336`).join('')),
  leetRepeated: (w) => perWord(w, (x) => mapEach(x, { a: '4', e: '3', o: '0' }).replace(/[a-z]$/, (c) => c.repeat(3))),
};
