// The two text surgeons the rules share: annotateMetadata() (which metadata it may touch, and how), and
// maskLetters()/replaceRanges() on inputs the scanners can produce (out of order, overlapping, many).
import { describe, expect, it } from '@jest/globals';
import { annotateMetadata } from '../../src/moderation/index.js';
import { maskLetters, replaceRanges } from '../../src/moderation/text/mask.js';

const entry = { rule: 'pii', action: 'edit', count: 1 } as const;
const json = JSON.stringify(entry);

describe('annotateMetadata()', () => {
  it('starts a JSON object for empty or blank metadata', () => {
    expect(annotateMetadata(undefined, entry)).toBe(`{"moderation":[${json}]}`);
    expect(annotateMetadata('  ', entry)).toBe(`{"moderation":[${json}]}`);
  });

  it("splices into the sender's object byte for byte, with no comma in an empty one", () => {
    expect(annotateMetadata('{ "client" : "web" }', entry)).toBe(`{ "client" : "web" ,"moderation":[${json}]}`);
    expect(annotateMetadata('{}', entry)).toBe(`{"moderation":[${json}]}`);
    expect(annotateMetadata(' { } ', entry)).toBe(` { "moderation":[${json}]} `);
  });

  it('appends to an existing moderation array', () => {
    const first = annotateMetadata('{"a":1}', entry)!;
    expect(JSON.parse(annotateMetadata(first, { ...entry, rule: 'links' })!)).toEqual({
      a: 1,
      moderation: [entry, { ...entry, rule: 'links' }],
    });
  });

  it('leaves metadata it cannot safely extend untouched (undefined)', () => {
    for (const metadata of ['free text', '{"a":', '[1,2]', '"a string"', '42', 'null', '{"moderation":"mine"}'])
      expect([metadata, annotateMetadata(metadata, entry)]).toEqual([metadata, undefined]);
  });

  it('gives up when the result would pass the 1024-character metadata limit', () => {
    const near = JSON.stringify({ note: 'x'.repeat(990) });
    expect(annotateMetadata(near, entry)).toBeUndefined();
    expect(annotateMetadata(JSON.stringify({ note: 'x'.repeat(900) }), entry)).toBeDefined();
  });
});

describe('maskLetters()', () => {
  it('masks letters listed out of text order', () => {
    // Pairs (index, width): 'b' at 2 and 'a' at 0, listed backwards.
    expect(maskLetters('abc', [2, 1, 0, 1])).toBe('*b*');
  });

  it('masks each listed letter once when pairs overlap', () => {
    // A surrogate pair (width 2) at 0, and its low half listed again at 1.
    expect(maskLetters('😀x', [0, 2, 1, 1, 2, 1])).toBe('**');
    expect(maskLetters('😀x', [1, 1, 0, 2, 2, 1])).toBe('**');
  });

  it('uses a mask of several characters as written, one per code point', () => {
    expect(maskLetters('a b', [0, 1, 2, 1], '[x]')).toBe('[x] [x]');
  });

  it('masks long runs (over 64 letters) the same way, keeping lone surrogates as they are', () => {
    // Prepare: 200 letters, every other one masked (100 pairs), listed backwards; a lone high surrogate last.
    const text = `${'ab'.repeat(100)}\ud800`;
    const letters: number[] = [];
    for (let i = 198; i >= 0; i -= 2) letters.push(i, 1);
    // Act
    const masked = maskLetters(text, letters);
    // Assess
    expect(masked).toBe(`${'*b'.repeat(100)}\ud800`);
    // Listed in order, with the first 'b' listed twice (overlap): masked once.
    const ordered = [0, 1, 1, 1, 1, 1];
    for (let i = 2; i < 200; i += 2) ordered.push(i, 1);
    expect(maskLetters(text, ordered)).toBe(`**${'*b'.repeat(99)}\ud800`);
    // Listed in text order, as the scanners report them (no sort needed).
    const inOrder: number[] = [];
    for (let i = 0; i < 200; i += 2) inOrder.push(i, 1);
    expect(maskLetters(text, inOrder)).toBe(masked);
    // With a mask of several characters the result has the same shape.
    expect(maskLetters(text, letters, '##')).toBe(`${'##b'.repeat(100)}\ud800`);
  });

  it('returns the text itself when nothing is listed', () => {
    expect(maskLetters('clean', [])).toBe('clean');
  });
});

describe('replaceRanges()', () => {
  it('sorts the ranges and keeps the first of overlapping ones', () => {
    expect(
      replaceRanges('call 555 0100 or mail a@b.co', [
        { start: 22, end: 28, with: '[EMAIL]' },
        { start: 5, end: 13, with: '[PHONE]' },
        { start: 9, end: 13, with: '[NUMBER]' },
      ]),
    ).toBe('call [PHONE] or mail [EMAIL]');
  });

  it('returns the text itself when there is nothing to replace', () => {
    expect(replaceRanges('clean', [])).toBe('clean');
  });
});
