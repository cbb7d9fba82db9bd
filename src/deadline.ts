/**
 * Settles as `work` does, or rejects with `onTimeout()` at `deadlineAt` (epoch ms), whichever
 * comes first. One timer and two reactions rather than `Promise.race` with a timeout promise,
 * which allocates a promise more per call on every invocation's path.
 *
 * @param work - The promise (or value) to wait for.
 * @param deadlineAt - Epoch milliseconds.
 * @param onTimeout - Builds the rejection reason at the deadline.
 * @returns What `work` resolves to.
 * @throws What `work` rejects with, or `onTimeout()` at the deadline.
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

/**
 * A signal that aborts after `timeoutMs` or when `parent` does, whichever comes first: the
 * platform's `AbortSignal.timeout` and `AbortSignal.any`, so no timer is left to clear.
 *
 * @param timeoutMs - Milliseconds from now.
 * @param parent - An outer deadline, e.g. the processor's `ctx.signal`.
 * @returns The combined signal; its `reason` is a `TimeoutError` or the parent's reason.
 * @example
 * const signal = deadlineSignal(2000, ctx.signal);
 * await fetch(url, { signal });
 */
export function deadlineSignal(timeoutMs: number, parent?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return parent ? AbortSignal.any([timeout, parent]) : timeout;
}

/**
 * Settles as `work` does, or rejects with the signal's reason when it aborts first: for work
 * that may ignore the signal it was given (a client that does not honour `abortSignal`).
 *
 * @param work - The promise to wait for.
 * @param signal - When it aborts, stop waiting.
 * @returns What `work` resolves to.
 * @throws The signal's `reason` when it aborts first.
 * @example
 * const verdict = await untilAborted(call(signal), signal);
 */
export function untilAborted<T>(work: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
