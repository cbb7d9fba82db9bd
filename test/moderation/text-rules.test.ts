import { describe, expect, it } from '@jest/globals';
import { InvalidOptionsError } from '../../src/errors.js';
import { keywords, links, maxLength, spam } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';

const content = (verdict: ReturnType<typeof runSync>) => (verdict.kind === 'edit' ? verdict.content : verdict.kind);

describe('links()', () => {
  it('flags every link by default: URLs, www. and bare domains', () => {
    expect(content(runSync(links(), 'see https://evil.io/x?y=1, www.spam.com and shop.example.net/deal.'))).toBe(
      'see [link removed], [link removed] and [link removed].',
    );
  });

  it('lets allowed domains and their subdomains through', () => {
    const rule = links({ allow: ['example.com'] });
    expect(runSync(rule, 'docs at https://docs.example.com/a and example.com')).toEqual({ kind: 'pass' });
    expect(content(runSync(rule, 'not notexample.com'))).toBe('not [link removed]');
  });

  it('with only a deny list, flags denied domains and invite links', () => {
    const rule = links({ deny: ['bit.ly'] });
    expect(content(runSync(rule, 'a bit.ly/x b github.com/c d discord.gg/abc'))).toBe(
      'a [link removed] b github.com/c d [link removed]',
    );
    expect(runSync(links({ deny: ['bit.ly'], invites: false }), 'discord.gg/abc')).toEqual({ kind: 'pass' });
  });

  it('does not read e-mail addresses, file names or abbreviations as links', () => {
    expect(runSync(links(), 'mail bob@example.com about node.js, e.g. report.pdf')).toEqual({ kind: 'pass' });
  });

  it('denies when asked', () => {
    expect(runSync(links({ action: 'deny' }), 'join t.me/group')).toMatchObject({ kind: 'deny' });
  });

  it('rejects a bad domain at build time', () => {
    expect(() => links({ allow: ['not a domain'] })).toThrow(InvalidOptionsError);
    expect(() => links({ action: 'block' as never })).toThrow(expect.objectContaining({ option: 'links.action' }));
  });
});

describe('keywords()', () => {
  it('matches whole words by default and wildcards when written', () => {
    const rule = keywords({ words: ['cat', 'dog*', '*fish', '*bird*'], action: 'mask' });
    expect(content(runSync(rule, 'cat concat dogs hotdog catfish fish blackbirds'))).toBe(
      '*** concat **** hotdog ******* **** **********',
    );
  });

  it('matches phrases across whitespace, ignoring case and accents', () => {
    const rule = keywords({ words: ['buy now'] });
    expect(runSync(rule, 'BUY   NOW!')).toMatchObject({ kind: 'deny' });
    expect(runSync(keywords({ words: ['cafe'] }), 'Café')).toMatchObject({ kind: 'deny' });
    expect(runSync(rule, 'buy it now')).toEqual({ kind: 'pass' });
  });

  it('runs regular expressions with RE2, positions correct after emoji', () => {
    const rule = keywords({ patterns: [/promo-\d+/i], action: 'mask' });
    expect(content(runSync(rule, '😀 use PROMO-123 today'))).toBe('😀 use *****-*** today');
  });

  it('rejects patterns RE2 cannot run in linear time, at build time', () => {
    expect(() => keywords({ patterns: ['(a+)+\\1'] })).toThrow(InvalidOptionsError);
    expect(() => keywords({ patterns: [/a(?=b)/] })).toThrow(
      expect.objectContaining({ option: 'keywords.patterns[0]' }),
    );
  });

  it('reads obfuscated words when asked', () => {
    const rule = keywords({ words: ['crypto*'], obfuscation: true });
    expect(runSync(rule, 'free c.r.y.p.t.o')).toMatchObject({ kind: 'deny' });
    expect(runSync(keywords({ words: ['crypto*'] }), 'free c.r.y.p.t.o')).toEqual({ kind: 'pass' });
  });

  it('needs words or patterns', () => {
    expect(() => keywords({})).toThrow(InvalidOptionsError);
    expect(() => keywords({ words: ['a*b'] })).toThrow(InvalidOptionsError);
  });
});

describe('spam()', () => {
  it('denies too many mentions', () => {
    const text = Array.from({ length: 11 }, (_, i) => `@user${i}`).join(' ');
    expect(runSync(spam(), text)).toMatchObject({ kind: 'deny', reason: '11 mentions' });
    expect(runSync(spam(), text.split(' ').slice(0, 10).join(' '))).toEqual({ kind: 'pass' });
  });

  it('denies shouting, long repeated runs and stacked combining marks', () => {
    expect(runSync(spam(), 'THIS IS A VERY LOUD MESSAGE FOR EVERYONE')).toMatchObject({ kind: 'deny', reason: 'caps' });
    expect(runSync(spam(), 'OK FINE')).toEqual({ kind: 'pass' });
    expect(runSync(spam(), `no${'o'.repeat(30)}`)).toMatchObject({ kind: 'deny', reason: 'repeated characters' });
    expect(runSync(spam(), `Z${'\u0336\u0337\u0338\u0335\u0334'}algo`)).toMatchObject({
      kind: 'deny',
      reason: 'combining marks',
    });
  });

  it('cleans what it can when asked', () => {
    const rule = spam({ maxRepeatedChars: 3, maxCombiningMarks: 1, action: 'clean' });
    expect(content(runSync(rule, 'nooooooo!!!!!!'))).toBe('nooo!!!');
    expect(content(runSync(rule, 'e\u0301\u0302\u0303x'))).toBe('e\u0301x');
  });

  it('validates its limits at build time', () => {
    expect(() => spam({ maxCapsRatio: 2 })).toThrow(expect.objectContaining({ option: 'spam.maxCapsRatio' }));
    expect(() => spam({ maxMentions: -1 })).toThrow(InvalidOptionsError);
  });
});

describe('maxLength()', () => {
  it('truncates to characters without splitting an emoji', () => {
    expect(content(runSync(maxLength({ chars: 3 }), 'ab😀cd'))).toBe('ab😀');
    expect(content(runSync(maxLength({ chars: 2 }), 'ab😀cd'))).toBe('ab');
  });

  it('truncates to UTF-8 bytes at a character boundary', () => {
    expect(content(runSync(maxLength({ bytes: 5 }), 'ab😀cd'))).toBe('ab');
    expect(content(runSync(maxLength({ bytes: 6 }), 'ab😀cd'))).toBe('ab😀');
    expect(content(runSync(maxLength({ bytes: 4 }), 'éééé'))).toBe('éé');
  });

  it('passes content within the limit and denies when asked', () => {
    expect(runSync(maxLength({ chars: 5 }), 'abcde')).toEqual({ kind: 'pass' });
    expect(runSync(maxLength({ chars: 5, action: 'deny' }), 'abcdef')).toMatchObject({ kind: 'deny' });
  });

  it('needs chars or bytes', () => {
    expect(() => maxLength({})).toThrow(InvalidOptionsError);
    expect(() => maxLength({ chars: 0 })).toThrow(expect.objectContaining({ option: 'maxLength.chars' }));
  });
});
