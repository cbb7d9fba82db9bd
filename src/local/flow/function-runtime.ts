import { Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { ChannelFlowEvent } from '../../event/types.js';
import { ProcessorLoadError } from '../errors.js';
import { WORKER_SCRIPT } from './worker-script.js';

/**
 * How one invocation ended. `rejected` and `timeout` are function errors that Lambda's async
 * invoke retries; `crashed` means the runtime died in this invocation (the FallbackAction applies);
 * `interrupted` means it died under another invocation running beside this one (retried).
 */
export type RunOutcome =
  | { kind: 'resolved'; result: unknown }
  | { kind: 'rejected'; error: string }
  | { kind: 'timeout' }
  | { kind: 'crashed'; error: string }
  | { kind: 'interrupted'; error: string };

/** A deployed function as the engine sees it: load once, invoke many times, close at the end. */
export interface FunctionRuntime {
  /** Resolves when the function is loaded (starting it cold if needed); rejects with {@link ProcessorLoadError}. */
  ready(): Promise<void>;
  /** Runs one invocation under `context`'s deadline. */
  invoke(event: ChannelFlowEvent, context: Context, timeoutMs: number): Promise<RunOutcome>;
  close(): Promise<void>;
}

/** Where a worker finds its module and what it runs with. */
export interface WorkerFunctionOptions {
  /** Name used in errors and logs (the Lambda function name). */
  name: string;
  file: string;
  exportName: string;
  /** The function's environment (its own copy; the emulator's process.env is not shared). */
  env: Record<string, string | undefined>;
  /** Heap limit of the worker, as the function's memory size. */
  memoryMb: number;
  /** Loading longer than this is a load failure (Lambda's init phase allows 10 s). */
  initTimeoutMs?: number;
  /**
   * After a timeout, a worker that does not answer a ping this long has a blocked event loop and is
   * replaced. Long enough that a busy (but alive) loop answers. Default 2000.
   */
  livenessMs?: number;
  /** Reports an unhandled rejection left by the processor (error name only). */
  onStray?: (error: string) => void;
}

interface InFlight {
  resolve: (outcome: RunOutcome) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_LIVENESS_MS = 2000;
const DEFAULT_INIT_TIMEOUT_MS = 10_000;

/**
 * One function in its own worker thread: its own event loop, heap limit and environment,
 * loaded once and reused across invocations like a warm Lambda container. An uncaught
 * exception, `process.exit` or running out of memory ends the worker; the invocation it came
 * from fails as `crashed`, others running beside it as `interrupted`, and the next invocation
 * starts a new worker, cold. A module that fails to load keeps failing, as a broken deployment does.
 *
 * @internal
 */
export class WorkerFunction implements FunctionRuntime {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private loadFailure: ProcessorLoadError | undefined;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private closed = false;
  /** Settles when the outstanding liveness ping is answered or its worker replaced. */
  private verdict: Promise<void> | undefined;
  /** Workers started so far (the first is the cold start; each later one follows a crash). */
  starts = 0;

  constructor(
    private readonly options: WorkerFunctionOptions,
    private readonly tsxUrl: string | undefined = resolveTsx(),
  ) {}

  async ready(): Promise<void> {
    await this.start();
  }

  async invoke(event: ChannelFlowEvent, context: Context, timeoutMs: number): Promise<RunOutcome> {
    let worker = await this.start();
    // A worker under a liveness check gets no new work until it answers or is replaced.
    while (this.verdict) {
      await this.verdict;
      worker = await this.start();
    }
    // Closed while this call waited for its worker: that worker is being terminated and would never answer.
    if (this.closed) return { kind: 'interrupted', error: 'Shutdown' };
    const id = this.nextId++;
    // The deadline starts with the run: a cold start or a liveness wait is not the invocation's time.
    const deadline = Date.now() + Math.min(timeoutMs, context.getRemainingTimeInMillis());
    // Functions do not cross a thread: the worker rebuilds them around the deadline.
    const plain = {
      callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      awsRequestId: context.awsRequestId,
      logGroupName: context.logGroupName,
      logStreamName: context.logStreamName,
    };
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, { kind: 'timeout' });
        this.checkAlive(worker);
      }, timeoutMs);
      this.inFlight.set(id, { resolve, timer });
      worker.postMessage({ type: 'invoke', id, event, context: { ...plain, deadline } });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.dropAll({ kind: 'interrupted', error: 'Shutdown' });
    if (worker) await worker.terminate();
    // A start still loading sees `closed` when it is ready, stops its worker and rejects.
    else await this.starting?.catch(() => {});
  }

  private start(): Promise<Worker> {
    if (this.loadFailure) return Promise.reject(this.loadFailure);
    if (this.worker) return Promise.resolve(this.worker);
    if (this.closed) return Promise.reject(this.failLoad('the emulator is closing'));
    this.starting ??= this.spawn().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private spawn(): Promise<Worker> {
    this.starts++;
    const { file, exportName, env, memoryMb, initTimeoutMs = DEFAULT_INIT_TIMEOUT_MS } = this.options;
    const worker = new Worker(WORKER_SCRIPT, {
      eval: true,
      workerData: { file, exportName, tsx: this.tsxUrl },
      env,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: false,
      stderr: false,
    });
    // An idle warm worker does not keep the emulator's process alive.
    worker.unref();
    return new Promise<Worker>((resolve, reject) => {
      let loaded = false;
      let failed = false;
      const timer = setTimeout(() => fail(`init timed out after ${initTimeoutMs} ms`), initTimeoutMs);
      const fail = (problem: string) => {
        if (failed) return;
        failed = true;
        clearTimeout(timer);
        void worker.terminate();
        reject(this.failLoad(problem));
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          loaded = true;
          clearTimeout(timer);
          // Closed while loading: the worker is stopped here, never handed out.
          if (this.closed) {
            void worker.terminate();
            reject(this.failLoad('the emulator is closing'));
            return;
          }
          this.worker = worker;
          resolve(worker);
        } else if (message.type === 'load-error') fail(message.problem);
        else if (!loaded && message.type === 'crash') fail(`crashed while loading (${message.error})`);
        else this.onMessage(worker, message);
      });
      worker.on('error', (error) => {
        if (!loaded) fail(`crashed while loading (${errorName(error)})`);
        else this.lost(worker, undefined, errorName(error));
      });
      worker.on('exit', (code) => {
        if (!loaded) fail(`exited while loading (code ${code})`);
        else this.lost(worker, undefined, `Runtime.ExitError (code ${code})`);
      });
    });
  }

  private failLoad(problem: string): ProcessorLoadError {
    const { name, file, exportName } = this.options;
    // Closing is not a broken deployment: do not remember it.
    const error = new ProcessorLoadError(name, problem, { file, exportName });
    if (!this.closed) this.loadFailure = error;
    return error;
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'result') this.settle(message.id, { kind: 'resolved', result: message.result });
    else if (message.type === 'error') this.settle(message.id, { kind: 'rejected', error: message.error });
    else if (message.type === 'stray') this.options.onStray?.(message.error);
    else if (message.type === 'crash') this.lost(worker, message.id, message.error);
  }

  /** The worker is gone (or must go): fail what ran in it and start cold next time. */
  private lost(worker: Worker, culprit: number | undefined, error: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    for (const id of [...this.inFlight.keys()]) {
      const crashed = culprit === undefined || culprit === id;
      this.settle(id, crashed ? { kind: 'crashed', error } : { kind: 'interrupted', error });
    }
  }

  /** After a timeout: a worker whose event loop does not answer a ping within `livenessMs` is replaced. */
  private checkAlive(worker: Worker): void {
    if (this.worker !== worker || this.verdict) return;
    let decided = () => {};
    this.verdict = new Promise<void>((resolve) => {
      decided = () => {
        this.verdict = undefined;
        resolve();
      };
    });
    const timer = setTimeout(() => {
      worker.off('message', pong);
      this.lost(worker, -1, 'Task timed out (event loop blocked)');
      decided();
    }, this.options.livenessMs ?? DEFAULT_LIVENESS_MS);
    timer.unref();
    const pong = (message: WorkerMessage) => {
      if (message.type !== 'pong') return;
      clearTimeout(timer);
      worker.off('message', pong);
      decided();
    };
    worker.on('message', pong);
    worker.postMessage({ type: 'ping' });
  }

  private settle(id: number, outcome: RunOutcome): void {
    const entry = this.inFlight.get(id);
    if (!entry) return;
    this.inFlight.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(outcome);
  }

  private dropAll(outcome: RunOutcome): void {
    for (const id of [...this.inFlight.keys()]) this.settle(id, outcome);
  }
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'pong' }
  | { type: 'load-error'; problem: string }
  | { type: 'result'; id: number; result?: unknown }
  | { type: 'error'; id: number; error: string }
  | { type: 'crash'; id?: number; error: string }
  | { type: 'stray'; error: string };

/** The error's name (or its type), never its message: processors' errors may quote user data. @internal */
export function errorName(error: unknown): string {
  try {
    return (error as Error)?.name || typeof error;
  } catch {
    return typeof error;
  }
}

/** tsx's ESM API as the package resolves it (the worker cannot resolve from here itself). */
function resolveTsx(): string | undefined {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
}
