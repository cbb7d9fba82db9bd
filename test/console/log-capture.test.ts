// The console's copy of stdout lines: every form write() accepts is copied line by line, each write still
// reaches the stream, a chunk write() refuses is refused as before, and removing the last sink puts the
// stream back. The stream's own write is replaced by a recorder, so nothing reaches the terminal.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { installLogCapture } from '../../src/console/log-capture.js';

describe('installLogCapture', () => {
  const saved = process.stdout.write;
  let written: string[];
  let recorder: typeof process.stdout.write;

  beforeEach(() => {
    written = [];
    // What the real write accepts: a string or a Uint8Array (a Buffer is one).
    recorder = ((chunk: unknown) => {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array))
        throw new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = recorder;
  });
  afterEach(() => {
    process.stdout.write = saved;
  });

  it('copies each non-blank line of a string, a Buffer or a Uint8Array view, and still writes it', () => {
    // Prepare
    const lines: string[] = [];
    const uninstall = installLogCapture((line) => lines.push(line));
    const bytes = new TextEncoder().encode('[[{"from":"a view"}]]\n');
    // Act
    process.stdout.write('{"a":1}\n\n  \nsecond line\n');
    process.stdout.write(Buffer.from('from a buffer\n'));
    process.stdout.write(bytes.subarray(2, bytes.length - 3));
    uninstall();
    // Assess
    expect(lines).toEqual(['{"a":1}', 'second line', 'from a buffer', '{"from":"a view"}']);
    expect(written).toEqual(['{"a":1}\n\n  \nsecond line\n', 'from a buffer\n', '{"from":"a view"}']);
  });

  it('copies nothing of a chunk write() refuses, and lets the refusal through', () => {
    // Prepare
    const lines: string[] = [];
    const uninstall = installLogCapture((line) => lines.push(line));
    // Act
    const refused = () => process.stdout.write(42 as unknown as string);
    // Assess
    expect(refused).toThrow(TypeError);
    uninstall();
    expect(lines).toEqual([]);
  });

  it('patches the stream once for many sinks, and restores it when the last one leaves', () => {
    // Prepare
    const first: string[] = [];
    const second: string[] = [];
    const removeFirst = installLogCapture((line) => first.push(line));
    const removeSecond = installLogCapture((line) => second.push(line));
    // Act
    process.stdout.write('both\n');
    removeFirst();
    process.stdout.write('second only\n');
    const patched = process.stdout.write;
    removeSecond();
    // Assess
    expect(first).toEqual(['both']);
    expect(second).toEqual(['both', 'second only']);
    expect(patched).not.toBe(recorder);
    expect(process.stdout.write).toBe(recorder);
  });
});
