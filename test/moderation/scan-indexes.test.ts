// The indexes the text rules build once per message and share: the digit runs the PII detectors
// jump between, and the words of the profanity matcher's first pass with their letters folded on demand.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DigitIndex } from '../../src/moderation/pii/digit-index.js';
import { foldWord } from '../../src/moderation/text/fold.js';
import { buf, ensureBuffers, TokenFlag } from '../../src/moderation/text/scan-buffers.js';
import { fillLetters, splitWords } from '../../src/moderation/text/word-split.js';
import { WordTrie } from '../../src/moderation/text/word-trie.js';
import { profanity } from '../../src/moderation/index.js';
import { runSync } from './helpers.js';

/** What a `/\d/g` search from `i` finds: the reference the index must agree with. */
const regexNext = (text: string, i: number) => {
  const re = /\d/g;
  re.lastIndex = i;
  return re.exec(text)?.index ?? -1;
};

const digitText = fc.string({
  unit: fc.constantFrom('1', '23', '4', ' ', 'a', '.', '-', '+', '(', 'é'),
  maxLength: 60,
});

describe('DigitIndex', () => {
  it('answers next(i) as a /\\d/ search from i, in any order of questions', () => {
    fc.assert(
      fc.property(digitText, fc.array(fc.nat({ max: 70 }), { maxLength: 30 }), (text, questions) => {
        // Prepare
        const index = new DigitIndex().index(text);
        // Act
        const answers = questions.map((i) => index.next(i));
        // Assess
        expect(answers).toEqual(questions.map((i) => regexNext(text, i)));
      }),
    );
  });

  it('lists each run once with its end, and forgets the previous text', () => {
    // Prepare
    const index = new DigitIndex().index('9'.repeat(300));
    // Act
    index.index('call 555-0123 or x9');
    // Assess
    expect([...index.starts.subarray(0, index.count)]).toEqual([5, 9, 18]);
    expect([...index.ends.subarray(0, index.count)]).toEqual([8, 13, 19]);
    expect(index.next(6)).toBe(6);
    expect(index.end()).toBe(8);
    expect(index.next(14)).toBe(18);
    expect(index.next(19)).toBe(-1);
  });
});

describe('splitWords and fillLetters', () => {
  const trie = new WordTrie(['fuck*', '*shit*', 'ass'], []);
  const wordText = fc.string({
    unit: fc.constantFrom(
      'a',
      'S',
      'h',
      'i',
      't',
      'ß',
      'ſ',
      '1',
      '$',
      '\u200b',
      '\u0301',
      ' ',
      '.',
      '*',
      '😀',
      'ｆ',
      'к',
    ),
    maxLength: 40,
  });

  it('fills each word with the letters foldWord reads, at the indices pass 1 gave it', () => {
    fc.assert(
      fc.property(wordText, (text) => {
        // Prepare
        ensureBuffers(text.length * 2 + 1);
        const tokens = splitWords(trie, text, []);
        // Act
        fillLetters(text, 0, tokens - 1);
        // Assess
        for (let t = 0; t < tokens; t++) {
          const letters = Array.from(buf.code.subarray(buf.tokStart[t], buf.tokEnd[t]), (c) =>
            String.fromCharCode(96 + (c === 27 ? 9 : c)),
          ).join('');
          expect(letters).toBe(foldWord(text.slice(buf.tokPos[t], buf.tokPosEnd[t])));
          expect((buf.tokFlags[t]! & TokenFlag.Filled) !== 0).toBe(true);
        }
      }),
    );
  });

  it('marks only the words that can hold a form, and skips words inside skip spans', () => {
    // Prepare
    const text = 'the sh1t hit 404 bob@x.io fan';
    ensureBuffers(text.length * 2 + 1);
    // Act
    const tokens = splitWords(trie, text, [{ start: 17, end: 25, kind: 'email' }]);
    // Assess
    const words = Array.from({ length: tokens }, (_, t) => text.slice(buf.tokPos[t], buf.tokPosEnd[t]));
    const marked = words.filter((_, t) => (buf.tokFlags[t]! & TokenFlag.Interesting) !== 0);
    expect(words).toEqual(['the', 'sh1t', 'hit', '404', 'fan']);
    expect(marked).toEqual(['sh1t']);
  });

  it('marks every word when a form is one letter long, and masks both words of a two-word form', () => {
    // Prepare
    const short = new WordTrie(['x'], []);
    const text = 'the cat sat';
    ensureBuffers(text.length * 2 + 1);
    // Act
    const tokens = splitWords(short, text, []);
    const marked = Array.from({ length: tokens }, (_, t) => (buf.tokFlags[t]! & TokenFlag.Interesting) !== 0);
    const masked = runSync(profanity(), 'no blow job here');
    // Assess
    expect(marked).toEqual([true, true, true]);
    expect(masked).toMatchObject({ kind: 'edit', content: 'no **** *** here' });
  });
});
