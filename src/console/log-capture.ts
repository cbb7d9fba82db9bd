/** Receives each line written to stdout or stderr while a console runs. */
export type LogSink = (line: string) => void;

const sinks = new Set<LogSink>();
let restore: (() => void) | undefined;

/**
 * Copies every line written to process.stdout/stderr to `sink` (the writes still reach the terminal).
 * Processors' lines arrive here whether they run in this process or in a worker (whose output Node
 * forwards through these streams); the console keeps those naming a message it knows. Patched once
 * while any console runs.
 *
 * @param sink gets each non-blank line
 * @returns a function that removes this sink, and the patch with the last one
 * @example
 * const uninstall = installLogCapture((line) => details.attribute(line));
 * uninstall();
 */
export function installLogCapture(sink: LogSink): () => void {
  sinks.add(sink);
  if (!restore) {
    const streams = [process.stdout, process.stderr] as const;
    const originals = streams.map((stream) => stream.write);
    streams.forEach((stream, index) => {
      const original = originals[index]!;
      stream.write = function consoleCopyingWrite(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        // write() takes a string, a Buffer or any Uint8Array; anything else it refuses below.
        const text =
          typeof chunk === 'string'
            ? chunk
            : chunk instanceof Uint8Array
              ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')
              : '';
        for (const line of text.split('\n')) if (line.trim() !== '') for (const each of sinks) each(line);
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
    sinks.delete(sink);
    if (sinks.size === 0 && restore) {
      restore();
      restore = undefined;
    }
  };
}
