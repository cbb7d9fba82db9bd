import { describe, expect, it } from '@jest/globals';
import { claimStdout, countsLine, resultLine } from '../../src/local/cli/dev-output.js';
import { formatTable, shorten } from '../../src/local/report/table.js';
import type { ReportRow } from '../../src/local/report/table.js';

// What `dev` and the demo print: result lines (cut or whole), the closing count, stdout kept for
// results only, and the demo's aligned table.
const row = (extra: Partial<ReportRow & { stuck: boolean }> = {}): ReportRow & { stuck?: boolean } => ({
  processor: 'mask',
  message: 'hello there',
  status: 'SENT',
  delivered: 'hello ****',
  decision: 'update',
  ms: 4.4,
  ...extra,
});

describe('resultLine', () => {
  it('shows status, input, delivered content, decision and rounded latency', () => {
    expect(resultLine(row(), { wide: false, showInput: true })).toBe(
      'SENT    hello there -> hello ****  [update]  4 ms',
    );
  });

  it('leaves out the input when it is already on screen, and the latency when there is none', () => {
    expect(resultLine(row({ ms: undefined, status: 'DENIED', delivered: '' }), { wide: false, showInput: false })).toBe(
      'DENIED  ->   [update]',
    );
  });

  it('cuts long text to one 60-character line, or keeps it whole with escaped newlines when wide', () => {
    // Prepare
    const long = `${'word '.repeat(20)}\nend`;
    // Act
    const cut = resultLine(row({ message: long, delivered: long }), { wide: false, showInput: true });
    const wide = resultLine(row({ message: 'a\nb', delivered: 'a\r\nb' }), { wide: true, showInput: true });
    // Assess
    expect(cut).toContain(`${'word '.repeat(11)}word…`);
    expect(cut).not.toContain('\n');
    expect(wide).toBe('SENT    a\\nb -> a\\nb  [update]  4 ms');
  });
});

describe('countsLine', () => {
  it('counts each status and the stuck messages, in the singular for one message', () => {
    expect(countsLine([row()])).toBe('1 message: 1 sent, 0 denied, 0 failed, 0 stuck (PENDING, no callback)');
    expect(
      countsLine([
        row(),
        row({ status: 'DENIED' }),
        row({ status: 'FAILED' }),
        row({ status: 'PENDING', stuck: true }),
      ]),
    ).toBe('4 messages: 1 sent, 1 denied, 1 failed, 1 stuck (PENDING, no callback)');
  });
});

describe('claimStdout', () => {
  it('keeps stdout for result lines and sends every other stdout write to stderr until restored', () => {
    // Prepare: stand-ins for both streams, so the test output stays clean
    const out: string[] = [];
    const err: string[] = [];
    const realOut = process.stdout.write;
    const realErr = process.stderr.write;
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      // Act
      const results = claimStdout();
      results.write('SENT    hi -> hi  [noChange]');
      process.stdout.write('{"level":"INFO","message":"a processor log"}\n');
      results.restore();
      process.stdout.write('after restore\n');
      // Assess
      expect(out).toEqual(['SENT    hi -> hi  [noChange]\n', 'after restore\n']);
      expect(err).toEqual(['{"level":"INFO","message":"a processor log"}\n']);
    } finally {
      process.stdout.write = realOut;
      process.stderr.write = realErr;
    }
  });
});

describe('formatTable', () => {
  it('aligns columns under a header, right-aligns ms and shows - when there is none', () => {
    // Act
    const table = formatTable(
      [row(), row({ processor: 'profanity-filter', message: 'x'.repeat(50), status: 'DENIED', ms: undefined })],
      { message: 10, delivered: 12 },
    );
    // Assess
    const [header, rule, mask, filter] = table.split('\n') as [string, string, string, string];
    const startsOf = (line: string, cells: string[]) => cells.map((cell) => line.indexOf(cell));
    expect(startsOf(mask, ['mask', 'hello the…', 'SENT', 'hello ****', 'update'])).toEqual(
      startsOf(header, ['processor', 'message', 'status', 'delivered content', 'decision']),
    );
    expect(startsOf(filter, ['profanity-filter', `${'x'.repeat(9)}…`, 'DENIED', 'hello ****', 'update'])).toEqual(
      startsOf(header, ['processor', 'message', 'status', 'delivered content', 'decision']),
    );
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(mask).toMatch(/update {5}4$/);
    expect(filter).toMatch(/update {5}-$/);
    expect(new Set([header.length, mask.length, filter.length]).size).toBe(1);
  });

  it('shorten keeps short text and flattens whitespace', () => {
    expect(shorten('a\n b', 10)).toBe('a b');
    expect(shorten('😀😀😀', 2)).toBe('😀…');
  });
});
