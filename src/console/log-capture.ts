import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a processor's writes go while it handles one invocation. */
export type LogCollector = (line: string) => void;

const invocation = new AsyncLocalStorage<LogCollector>();
/** Sinks for lines written outside any captured invocation (a worker's forwarded output, the emulator's logs). */
const elsewhere = new Set<LogCollector>();
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
 * Patches process.stdout/stderr `write` once (while any console runs) so writes made inside
 * {@link withLogCapture} are copied to their collector, and other lines to `unattributed`.
 *
 * @param unattributed gets lines written outside a captured invocation
 * @returns a function that removes this sink, and the patch with the last one
 * @example
 * const uninstall = installLogCapture((line) => details.attribute(line));
 * uninstall();
 */
export function installLogCapture(unattributed: LogCollector): () => void {
  elsewhere.add(unattributed);
  if (!restore) {
    const streams = [process.stdout, process.stderr] as const;
    const originals = streams.map((stream) => stream.write);
    streams.forEach((stream, index) => {
      const original = originals[index]!;
      stream.write = function consoleCopyingWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        const collect = invocation.getStore();
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          if (collect) collect(line);
          else for (const sink of elsewhere) sink(line);
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
  return () => {
    elsewhere.delete(unattributed);
    if (elsewhere.size === 0 && restore) {
      restore();
      restore = undefined;
    }
  };
}
