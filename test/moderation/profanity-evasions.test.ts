import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { moderate, profanity, profanityWords, PROFANITY_LANGUAGES } from '../../src/moderation/index.js';
import { channelFlowEvent } from '../../src/testing/index.js';
// @ts-expect-error: a plain .mjs build script, no types
import { generate } from '../../scripts/profanity-data.mjs';
import { CLEAN_CHAT, processorContext, runSync } from './helpers.js';
import { EVASIONS, LANGUAGE_EVASIONS, englishWords, innocentCandidates, plainWords } from './profanity-corpus.js';

const deny = profanity({ action: 'deny' });
const codePoints = (s: string) => [...s].length;

describe('profanity() against evasions, every English list word', () => {
  it.each(Object.keys(EVASIONS))('recall >= 0.95 for %s', (name) => {
    const evasion = EVASIONS[name]!;
    let total = 0;
    const missed: string[] = [];
    for (const { entry, word } of plainWords('en')) {
      for (const text of evasion(word, entry)) {
        total++;
        if (runSync(deny, `you ${text} now`).kind !== 'deny') missed.push(text);
      }
    }
    expect(total).toBeGreaterThan(200);
    expect({ recall: 1 - missed.length / total >= 0.95, missed: missed.slice(0, 10) }).toMatchObject({ recall: true });
  });

  it.each([
    ['f*ck', 'what the f*ck', 'what the ****'],
    ['f**k', 'f**k this', '**** this'],
    ['a symbol inserted', 'oh f*uck and s*hit', 'oh ***** and *****'],
    ['spaced letters', 'you d i c k', 'you * * * *'],
    ['dotted letters', 'c.o.c.k and p.r.i.c.k', '******* and *********'],
    ['-ing forms of spelled words', 'p.r.i.c.k.i.n.g around', '*************** around'],
  ])('masks %s with its symbols, keeping the length', (_name, text, masked) => {
    const verdict = runSync(profanity(), text);
    expect(verdict).toMatchObject({ kind: 'edit', content: masked });
    if (verdict.kind === 'edit') expect(codePoints(verdict.content)).toBe(codePoints(text));
  });
});

describe('profanity() leaves innocent text alone', () => {
  it('false positives <= 0.5% on English words holding a list word (tens of thousands)', () => {
    const innocent = innocentCandidates(englishWords(), 'en');
    const flagged = innocent.filter((word) => runSync(deny, word).kind === 'deny');
    expect(innocent.length).toBeGreaterThan(20_000);
    expect(flagged.length / innocent.length).toBeLessThanOrEqual(0.005);
  });

  it.each([
    'Dick Van Dyke starred in Mary Poppins',
    'the train to Scunthorpe via Penistone',
    'Cockburn Street in Edinburgh',
    'the cockpit, a cocktail and a peacock',
    'I assume the class passed the assessment',
    'she pricked her finger on a cactus',
    'push-it-to-the-limit mode, well-known, e.g. node.js',
  ])('passes "%s"', (text) => {
    expect(runSync(profanity(), text)).toEqual({ kind: 'pass' });
  });

  it('passes every clean chat message of the fixtures', () => {
    for (const message of CLEAN_CHAT) expect(runSync(profanity(), message)).toEqual({ kind: 'pass' });
  });
});

describe('profanity() categories, severity and languages', () => {
  it('tags every list word with a category and a severity', () => {
    for (const language of PROFANITY_LANGUAGES) {
      const words = profanityWords(language);
      expect(words.length).toBeGreaterThan(30);
      for (const word of words) {
        expect(['slurs', 'sexual', 'insults', 'profanity', 'mild']).toContain(word.category);
        expect([1, 2, 3]).toContain(word.severity);
      }
    }
  });

  it('acts only on the chosen categories and severities, and annotates the category', () => {
    const slursOnly = profanity({ categories: ['slurs'] });
    expect(runSync(slursOnly, 'oh shit')).toEqual({ kind: 'pass' });
    expect(runSync(slursOnly, 'you f@ggot')).toMatchObject({ kind: 'edit', categories: ['slurs'] });
    const severe = profanity({ minSeverity: 3 });
    expect(runSync(severe, 'you are sexy')).toEqual({ kind: 'pass' });
    expect(runSync(profanity(), 'you are sexy')).toMatchObject({ kind: 'edit', categories: ['mild'] });
  });

  it('writes the categories found into the annotation', async () => {
    const processor = moderate(profanity({ annotate: true }));
    const event = { ...channelFlowEvent().ChannelMessage, Content: 'you f*cking f@ggot', Metadata: undefined };
    const decision = await processor(event, processorContext());
    expect(decision).toMatchObject({ action: 'update' });
    if (decision.action !== 'update') return;
    expect(decision.patch.content).toBe('you ******* ******');
    expect(JSON.parse(decision.patch.metadata!)).toEqual({
      moderation: [{ rule: 'profanity', action: 'edit', count: 2, categories: ['slurs', 'profanity'] }],
    });
  });

  it('uses only the languages asked for', () => {
    expect(runSync(deny, 'eres un gilipollas')).toEqual({ kind: 'pass' });
    expect(runSync(profanity({ action: 'deny', languages: ['es'] }), 'eres un gilip0llas')).toMatchObject({
      kind: 'deny',
    });
  });

  it.each(PROFANITY_LANGUAGES.filter((l) => l !== 'en'))(
    'recall >= 0.9 on the %s list under its evasions (accents, ß/ss, ñ/n, leet, symbols)',
    (language) => {
      const rule = profanity({ action: 'deny', languages: [language] });
      let total = 0;
      let caught = 0;
      for (const { word } of plainWords(language)) {
        for (const evasion of Object.values(LANGUAGE_EVASIONS)) {
          for (const text of evasion(word)) {
            total++;
            if (runSync(rule, `x ${text} y`).kind === 'deny') caught++;
          }
        }
      }
      expect(caught / total).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('rejects unknown languages, categories and severities when built', () => {
    expect(() => profanity({ languages: ['xx' as never] })).toThrow(
      expect.objectContaining({ option: 'profanity.languages' }),
    );
    expect(() => profanity({ categories: ['rude' as never] })).toThrow(
      expect.objectContaining({ option: 'profanity.categories' }),
    );
    expect(() => profanity({ minSeverity: 4 as never })).toThrow(
      expect.objectContaining({ option: 'profanity.minSeverity' }),
    );
  });
});

describe('profanity() word data', () => {
  it('is what scripts/profanity-data.mjs generates (regenerating changes nothing)', () => {
    const files = generate() as Record<string, string>;
    for (const [language, json] of Object.entries(files)) {
      const path = new URL(`../../src/moderation/profanity/data/${language}.json`, import.meta.url);
      expect(readFileSync(path, 'utf8')).toBe(json);
    }
  });
});

describe('profanity() on any input', () => {
  const evasive = fc.constantFrom(
    ...'fuck shit dick a*s$!@#.-_+ \u200b\u00ad\u202e\u2066ßñç1|ᴅɪ𝐟ⓕ'.split(''),
    'f*ck',
    'c.o.c.k',
    ' ',
  );
  it('never throws and keeps the length in code points', () => {
    const rule = profanity({ languages: ['en', 'de', 'es'] });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.array(evasive, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (text) => {
          const verdict = runSync(rule, text);
          if (verdict.kind === 'edit') expect(codePoints(verdict.content)).toBe(codePoints(text));
        },
      ),
      { numRuns: 400 },
    );
  });
});
