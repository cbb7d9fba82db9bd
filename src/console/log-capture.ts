import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a processor's writes go while it handles one invocation. */
export type LogCollector = (line: string) => void;

const invocation = new AsyncLocalStorage<LogCollector>();
let installs = 0;
let restore: (() => void) | undefined;

/**
 * Runs `fn` so that whatever it (and everything it awaits) writes to stdout or stderr is also
 * handed to `collect`, line by line. Writes still reach the terminal: the console only adds a copy.
 *
 * @param collect receives each line written during `fn`
 * @param fn the processor invocation
 * @returns what `fn` returns
 * @example
 * await withLogCapture((line) => lines.push(line), () => handler(event, context));
 */
export function withLogCapture<T>(collect: LogCollector, fn: () => T): T {
  return invocation.run(collect, fn);
}

/**
 * Patches process.stdout/stderr `write` once (reference-counted) so writes made inside
 * {@link withLogCapture} are copied to their collector; returns the undo function.
 *
 * @returns a function that removes the patch when the last user is gone
 * @example
 * const uninstall = installLogCapture();
 * uninstall();
 */
export function installLogCapture(): () => void {
  if (installs++ === 0) {
    const streams = [process.stdout, process.stderr] as const;
    const originals = streams.map((stream) => stream.write);
    streams.forEach((stream, index) => {
      const original = originals[index]!;
      stream.write = function consoleCopyingWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        const collect = invocation.getStore();
        if (collect) {
          const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
          for (const line of text.split('\n')) if (line.trim() !== '') collect(line);
        }
        return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof stream.write;
    });
    restore = () => {
      streams.forEach((stream, index) => {
        stream.write = originals[index]!;
      });
    };
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installs === 0) restore?.();
  };
}
