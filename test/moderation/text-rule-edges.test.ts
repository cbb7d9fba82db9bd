// The text rules on options and inputs at their edges: keywords() patterns with flags, empty matches and
// the deny/mask split; links() invite detection beside a deny list; spam() cleaning shouting; profanity()
// masking many matches and letters outside the Basic Multilingual Plane; the option errors users meet.
import { describe, expect, it } from '@jest/globals';
import { InvalidOptionsError } from '../../src/errors.js';
import { keywords, links, profanity, spam } from '../../src/moderation/index.js';
import { addressSpans, linkSpans } from '../../src/moderation/text/spans.js';
import { runSync } from './helpers.js';

describe('keywords() patterns', () => {
  it('honours the m and s flags of a RegExp', () => {
    // Prepare
    const multiline = keywords({ patterns: [/^promo$/m] });
    const dotAll = keywords({ patterns: [/free.money/s] });
    // Act / Assess
    expect(runSync(multiline, 'hello\npromo\nbye')).toEqual({ kind: 'deny', reason: 'keyword', count: 1 });
    expect(runSync(keywords({ patterns: [/^promo$/] }), 'hello\npromo\nbye')).toEqual({ kind: 'pass' });
    expect(runSync(dotAll, 'free\nmoney')).toMatchObject({ kind: 'deny' });
    expect(runSync(keywords({ patterns: [/free.money/] }), 'free\nmoney')).toEqual({ kind: 'pass' });
  });

  it('denies on the first pattern match, and masks every match', () => {
    // Prepare
    const patterns = [/promo-\d+/];
    // Act
    const denied = runSync(keywords({ patterns }), 'promo-1 and promo-2');
    const masked = runSync(keywords({ patterns, action: 'mask' }), 'promo-1 and promo-2');
    // Assess
    expect(denied).toEqual({ kind: 'deny', reason: 'keyword', count: 1 });
    expect(masked).toEqual({ kind: 'edit', content: '*****-* and *****-*', count: 2 });
  });

  it('skips empty matches of a pattern that can match nothing', () => {
    // Act
    const masked = runSync(keywords({ patterns: [/x*/], action: 'mask' }), 'axxbx');
    const clean = runSync(keywords({ patterns: [/x*/] }), 'abc');
    // Assess
    expect(masked).toEqual({ kind: 'edit', content: 'a**b*', count: 2 });
    expect(clean).toEqual({ kind: 'pass' });
  });

  it('refuses patterns that are not an array of non-empty strings or RegExps', () => {
    expect(() => keywords({ patterns: /promo/ as never })).toThrow(
      new InvalidOptionsError('keywords.patterns', 'must be an array'),
    );
    for (const pattern of ['', 42]) {
      expect(() => keywords({ patterns: [pattern as never] })).toThrow(
        new InvalidOptionsError('keywords.patterns[0]', 'must be a non-empty string or a RegExp'),
      );
    }
  });

  it('refuses a phrase with a wildcard, and obfuscation words that are not letters', () => {
    expect(() => keywords({ words: ['buy now*'] })).toThrow(
      new InvalidOptionsError('keywords.words', '"buy now*": a phrase cannot have wildcards'),
    );
    expect(() => keywords({ words: ['crypto2'], obfuscation: true })).toThrow(
      new InvalidOptionsError(
        'keywords.words',
        '"crypto2": with obfuscation, words are letters only (one or two words)',
      ),
    );
  });
});

describe('links() invite links beside a deny list', () => {
  const rule = links({ deny: ['bit.ly'], action: 'deny' });

  it('flags invites with a code, with or without a scheme, and passes other links', () => {
    for (const text of ['join https://discord.gg/abc', 'join t.me/somegroup', 'see discord.com/invite/x'])
      expect([text, runSync(rule, text).kind]).toEqual([text, 'deny']);
    for (const text of ['see https://example.com/a', 'see discord.com/channels/1', 'meet at discord.gg'])
      expect([text, runSync(rule, text).kind]).toEqual([text, 'pass']);
  });

  it('passes invites when invites: false', () => {
    expect(runSync(links({ deny: ['bit.ly'], invites: false }), 'join https://discord.gg/abc')).toEqual({
      kind: 'pass',
    });
  });
});

describe('spam() cleaning', () => {
  it('lower-cases a shouted message and keeps the other repairs', () => {
    // Act
    const cleaned = runSync(spam({ action: 'clean' }), 'HELLO EVERYONE THIS IS LOUDDDDDDD');
    // Assess
    expect(cleaned).toMatchObject({ kind: 'edit', content: expect.stringMatching(/^hello everyone this is loud+$/) });
  });
});

describe('profanity() masking', () => {
  it('masks every match of a long message, one mask per character', () => {
    // Prepare: 60 matches of 4 letters (240 masked characters).
    const text = Array.from({ length: 60 }, () => 'fuck').join(' ');
    // Act
    const verdict = runSync(profanity(), text);
    // Assess
    expect(verdict).toMatchObject({
      kind: 'edit',
      count: 60,
      content: Array.from({ length: 60 }, () => '****').join(' '),
    });
  });

  it('masks a letter written outside the Basic Multilingual Plane as one character', () => {
    // 𝗶 (U+1D5F6, mathematical sans-serif bold i) is a surrogate pair.
    expect(runSync(profanity(), 'oh sh𝗶t')).toMatchObject({ kind: 'edit', content: 'oh ****' });
  });

  it('needs extra words when replacing the defaults', () => {
    expect(() => profanity({ replaceDefaults: true })).toThrow(
      new InvalidOptionsError('profanity.extra', 'must list words when replaceDefaults is true'),
    );
  });
});

describe('address and link spans', () => {
  const texts = (text: string, spans: Array<{ start: number; end: number }>) =>
    spans.map((span) => text.slice(span.start, span.end));

  it('ends a mention before a full stop', () => {
    const text = 'thanks @bob. and @ana...';
    expect(texts(text, addressSpans(text))).toEqual(['@bob', '@ana']);
  });

  it('refuses bare domains with an empty label or a label over 63 characters', () => {
    const long = `${'a'.repeat(64)}.com`;
    for (const text of ['see example..com now', `see ${long} now`]) expect([text, linkSpans(text)]).toEqual([text, []]);
    expect(texts('see example.com/a and b.io.', linkSpans('see example.com/a and b.io.'))).toEqual([
      'example.com/a',
      'b.io',
    ]);
  });
});
