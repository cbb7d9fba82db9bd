import type { ChannelFlowEvent } from '../../event/types.js';
import type { Processor } from '../state/types.js';
import type { FlowEvents } from './events.js';
import { FunctionRegistry } from './function-registry.js';
import type { FunctionRuntime, RunOutcome } from './function-runtime.js';
import { createLambdaContext } from './lambda-context.js';
import { functionNameOf } from './processors.js';
import type { ProcessorSource } from './processors.js';
import type { EngineOptions, InvocationRecord } from './types.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Why an invocation could not complete: the engine applies the FallbackAction. */
export interface InvocationFailure {
  reason: string;
}

/**
 * Lambda's side of a flow: loads functions (through the registry), delivers an event as async
 * invoke does (fault latency, a duplicate delivery now and then, two retries of a function error
 * or timeout) and reports a function that cannot be invoked or whose runtime crashed. @internal
 */
export class Invoker {
  private readonly functions: FunctionRegistry;
  private readonly gates = new WeakMap<FunctionRuntime, Gate>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  readonly counters = { invocations: 0, invocationErrors: 0, duplicateInvocations: 0, processorCrashes: 0 };

  constructor(
    private readonly options: EngineOptions,
    private readonly events: FlowEvents,
  ) {
    this.functions = new FunctionRegistry(options.processors, {
      region: options.region,
      memoryMb: options.memoryMb,
      functionTimeoutMs: options.functionTimeoutMs,
      logger: options.logger,
    });
  }

  /** Loads the processor's function; resolves to the reason it cannot be invoked, or undefined. */
  async prepare(processor: Processor): Promise<FunctionRuntime | InvocationFailure> {
    try {
      const runtime = this.functions.runtimeFor(processor.Configuration.Lambda.ResourceArn);
      await runtime.ready();
      return runtime;
    } catch (error) {
      return { reason: (error as Error).message };
    }
  }

  /**
   * Delivers `event` (and, by the duplicate fault, a copy of it), each with its retries; calls
   * `onFailure` once per delivery whose function crashed or stopped loading.
   */
  async deliver(
    runtime: FunctionRuntime,
    processor: Processor,
    event: ChannelFlowEvent,
    onFailure: (failure: InvocationFailure) => void,
  ): Promise<void> {
    const { dice } = this.options;
    if (dice.latencyMs > 0) await sleep(dice.latencyMs);
    // Cloned before the first run: a handler may decorate its event, a redelivery must not see that.
    const redelivery = dice.roll('duplicate') ? structuredClone(event) : undefined;
    const runs = [this.withRetries(runtime, processor, event, false, onFailure)];
    if (redelivery) {
      this.counters.duplicateInvocations++;
      // Redeliveries land shortly after the first, on another "container".
      runs.push(
        sleep(1 + Math.floor(Math.random() * 10)).then(() =>
          this.withRetries(runtime, processor, redelivery, true, onFailure),
        ),
      );
    }
    this.inFlight += runs.length;
    await Promise.all(runs.map((run) => run.finally(() => this.finishRun())));
  }

  private async withRetries(
    runtime: FunctionRuntime,
    processor: Processor,
    event: ChannelFlowEvent,
    duplicate: boolean,
    onFailure: (failure: InvocationFailure) => void,
  ): Promise<void> {
    const { functionTimeoutMs, memoryMb, retryDelaysMs, logger } = this.options;
    const arn = processor.Configuration.Lambda.ResourceArn;
    const name = functionNameOf(arn);
    const attempts = retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.closed) return;
      const gate = this.gateOf(runtime);
      await gate.acquire();
      // The deadline starts when a slot does: time queued for concurrency is not the function's.
      const context = createLambdaContext(name, arn, functionTimeoutMs, Date.now(), memoryMb);
      this.counters.invocations++;
      const started = Date.now();
      let outcome: RunOutcome;
      try {
        outcome = await runtime.invoke(event, context, functionTimeoutMs);
      } catch (error) {
        // The function restarted after a crash and no longer loads.
        onFailure({ reason: (error as Error).message });
        return;
      } finally {
        gate.release();
      }
      const error = errorOf(outcome);
      const ids = {
        messageId: event.ChannelMessage.MessageId,
        callbackId: event.CallbackId,
        function: name,
        attempt,
        durationMs: Date.now() - started,
      };
      if (this.events.has('invocation')) {
        const record: InvocationRecord = {
          ...ids,
          duplicate,
          ...(outcome.kind === 'resolved' ? { result: outcome.result } : { error }),
          ...(outcome.kind === 'crashed' ? { crashed: true } : {}),
        };
        this.events.emit('invocation', record);
      }
      if (error === undefined) return;
      this.counters.invocationErrors++;
      if (outcome.kind === 'crashed') {
        // The runtime died in this invocation: its failure, as the service sees a function it cannot run.
        this.counters.processorCrashes++;
        logger.error('processor runtime crashed; the function restarts cold for the next message', { ...ids, error });
        onFailure({ reason: `processor runtime crashed (${error})` });
        return;
      }
      if (attempt < attempts) {
        logger.warn('processor invocation failed; retrying as Lambda async invoke does', { ...ids, error });
        await sleep(retryDelaysMs[attempt - 1]!);
      } else {
        logger.error('processor failed on every attempt; the message stays PENDING', { ...ids, error, attempts });
      }
    }
  }

  private gateOf(runtime: FunctionRuntime): Gate {
    let gate = this.gates.get(runtime);
    if (!gate) {
      gate = new Gate(this.options.functionConcurrency ?? DEFAULT_CONCURRENCY);
      this.gates.set(runtime, gate);
    }
    return gate;
  }

  private finishRun(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Handler runs not finished yet (including retries and duplicate deliveries). */
  get running(): number {
    return this.inFlight;
  }

  /** Resolves when no handler is running (or after `timeoutMs`); true when idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Maps (or remaps) a processor; running functions restart cold on next use. */
  setProcessor(name: string, source: ProcessorSource): void {
    this.functions.set(name, source);
  }

  /** The environment processors run with (endpoint, region, credentials), set once the server listens. */
  setFunctionEnvironment(env: Record<string, string>): void {
    this.functions.setEnvironment(env);
  }

  /** Stops retrying and ends every function runtime. */
  async close(): Promise<void> {
    this.closed = true;
    await this.functions.close();
  }
}

/** Concurrent invocations per function; more wait in line, as Lambda's async queue holds events. */
const DEFAULT_CONCURRENCY = 32;

/** A counting semaphore: at most `limit` holders, the rest served in arrival order. */
class Gate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}

const errorOf = (outcome: RunOutcome): string | undefined =>
  outcome.kind === 'resolved' ? undefined : outcome.kind === 'timeout' ? 'Task timed out' : outcome.error;
