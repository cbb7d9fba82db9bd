import { describe, expect, it } from '@jest/globals';
import { cuss } from 'cuss';
import { InvalidOptionsError } from '../../src/errors.js';
import { profanity } from '../../src/moderation/index.js';
import { CLEAN_CHAT, INNOCENT_TRAPS, OBFUSCATIONS, PROFANE_BASE, runSync } from './helpers.js';

const mask = profanity();
const denyRule = profanity({ action: 'deny' });
const codePoints = (s: string) => [...s].length;

describe('profanity()', () => {
  it.each([
    ['leetspeak', 'you piece of sh1t'],
    ['look-alike Cyrillic letters', 'what the fuсk'],
    ['accents', 'fück this'],
    ['spaced letters', 'f u c k off'],
    ['punctuated letters', 'what the f.u.c.k'],
    ['repeated letters', 'fuuuuuck'],
    ['fullwidth letters', 'ｆｕｃｋ'],
    ['zero-width characters inside', 'f\u200buck'],
    ['compounds', 'total bullshit, motherfucker'],
    ['symbols for letters', 'you a$$hole'],
  ])('masks %s', (_kind, text) => {
    const verdict = runSync(mask, text);
    expect(verdict.kind).toBe('edit');
    if (verdict.kind !== 'edit') return;
    expect(codePoints(verdict.content)).toBe(codePoints(text));
    expect(verdict.content).toContain('*');
  });

  // Since issue 14 a match masks its symbols too (`f.u.c.k` -> `*******`): only the evasion changes.
  it('keeps every character outside a match as it was', () => {
    const text = 'well, f.u.c.k that — 😀 ok';
    const verdict = runSync(mask, text);
    expect(verdict).toMatchObject({ kind: 'edit' });
    if (verdict.kind !== 'edit') return;
    const before = [...text];
    const after = [...verdict.content];
    expect(after).toHaveLength(before.length);
    const changed = before.map((ch, i) => (ch === after[i] ? '' : ch)).join('');
    expect(changed).toBe('f.u.c.k');
  });

  it('does not match inside URLs, e-mail addresses or @mentions', () => {
    for (const text of [
      'see https://example.com/shit-happens',
      'mail fuck@example.com',
      'ping @dickhead_fan',
      'www.bullshit.example/x',
    ]) {
      expect(runSync(mask, text)).toEqual({ kind: 'pass' });
    }
  });

  it('still matches next to a URL', () => {
    expect(runSync(mask, 'shit https://example.com')).toMatchObject({
      kind: 'edit',
      content: '**** https://example.com',
    });
  });

  it('reads digits alone as numbers, not leetspeak', () => {
    expect(runSync(mask, 'room 455 and 5417')).toEqual({ kind: 'pass' });
  });

  it('needs the letters a whole word has: "as" is not "ass"', () => {
    expect(runSync(mask, 'as far as I know')).toEqual({ kind: 'pass' });
    expect(runSync(mask, 'kiss my ass')).toMatchObject({ kind: 'edit', content: 'kiss my ***' });
  });

  it('honours the allow list for names and places', () => {
    const rule = profanity({ allow: ['Dick'] });
    expect(runSync(rule, 'Dick Smith called')).toEqual({ kind: 'pass' });
    expect(runSync(mask, 'Dick Smith called')).toMatchObject({ kind: 'edit' });
  });

  it('adds extra words with wildcards', () => {
    const rule = profanity({ extra: ['frak*'], replaceDefaults: true });
    expect(runSync(rule, 'frakking toasters')).toMatchObject({
      kind: 'edit',
      content: `${'*'.repeat('frakking'.length)} toasters`,
    });
    expect(runSync(rule, 'shit')).toEqual({ kind: 'pass' });
  });

  it('denies with the rule named when action is deny', () => {
    expect(runSync(denyRule, 'oh shit')).toMatchObject({ kind: 'deny', reason: 'profanity' });
  });

  it.each([
    [{ action: 'ban' }, 'profanity.action'],
    [{ allow: 'Dick' }, 'profanity.allow'],
    [{ extra: ['no good'], replaceDefaults: 'yes' }, 'profanity.replaceDefaults'],
    [{ extra: ['a*b'] }, 'profanity.extra'],
    [{ maskChar: '**' }, 'profanity.maskChar'],
    [{ alow: ['x'] }, 'profanity.alow'],
  ])('rejects bad options at build time: %j', (options, option) => {
    expect(() => profanity(options as never)).toThrow(InvalidOptionsError);
    expect(() => profanity(options as never)).toThrow(expect.objectContaining({ option }));
  });
});

describe('profanity() quality floors', () => {
  it('recall >= 0.95 on obfuscations of the baseline vocabulary', () => {
    let caught = 0;
    let total = 0;
    const missed: string[] = [];
    for (const word of PROFANE_BASE) {
      for (const [name, obfuscate] of Object.entries(OBFUSCATIONS)) {
        total++;
        const text = `you ${obfuscate(word)} now`;
        if (runSync(denyRule, text).kind === 'deny') caught++;
        else missed.push(`${name}:${word}`);
      }
    }
    const recall = caught / total;
    expect({ recall: recall >= 0.95, missed: missed.slice(0, 20) }).toEqual({
      recall: true,
      missed: expect.any(Array),
    });
    expect(total).toBeGreaterThan(900);
  });

  it('false positives <= 0.5% on innocent words with rude substrings (fixture traps + cuss rating-0 terms)', () => {
    const innocent = [
      ...new Set([
        ...INNOCENT_TRAPS,
        ...Object.entries(cuss)
          .filter(([, rating]) => rating === 0)
          .map(([word]) => word),
      ]),
    ];
    const flagged = innocent.filter((word) => runSync(denyRule, word).kind === 'deny');
    expect(innocent.length).toBeGreaterThan(400);
    expect(flagged.length / innocent.length).toBeLessThanOrEqual(0.005);
  });

  it('leaves clean chat messages unchanged', () => {
    for (const message of CLEAN_CHAT) expect(runSync(mask, message)).toEqual({ kind: 'pass' });
  });

  it('catches most cuss rating-2 terms written plainly (informative floor)', () => {
    const sure = Object.entries(cuss)
      .filter(([, rating]) => rating === 2)
      .map(([word]) => word);
    const caught = sure.filter((word) => runSync(denyRule, word).kind === 'deny').length;
    // Our list is curated for chat, not a full slur lexicon; this guards against regressions only.
    expect(caught / sure.length).toBeGreaterThan(0.3);
  });
});
