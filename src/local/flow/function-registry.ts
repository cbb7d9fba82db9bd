import type { Logger } from '../../logging/logger.js';
import { ProcessorLoadError } from '../errors.js';
import type { FunctionRuntime } from './function-runtime.js';
import { WorkerFunction } from './function-runtime.js';
import { InProcessFunction } from './in-process-function.js';
import type { ProcessorSource } from './processors.js';
import { functionNameOf, locateProcessor } from './processors.js';

export interface FunctionRegistryOptions {
  region: string;
  /** Heap limit of each function's worker, as its memory size. */
  memoryMb: number;
  /** The function timeout: a worker silent this long after a timeout is replaced (at least 2 s). */
  functionTimeoutMs: number;
  logger: Logger;
}

/**
 * The local "Lambda service": Lambda ARN or function name -> a runtime, made on first use and
 * kept warm. A path source runs in a worker of its own; a function source runs in this process.
 * Lookups use Maps: names come from request data (a flow may name a function `constructor`).
 *
 * @internal
 */
export class FunctionRegistry {
  private readonly sources: Map<string, ProcessorSource>;
  private readonly runtimes = new Map<string, FunctionRuntime>();
  private env: Record<string, string> = {};

  constructor(
    processors: Record<string, ProcessorSource>,
    private readonly options: FunctionRegistryOptions,
  ) {
    this.sources = new Map(Object.entries(processors));
  }

  /** The environment every function gets on top of this process's (endpoint, region, credentials). */
  setEnvironment(env: Record<string, string>): void {
    this.env = { ...env };
  }

  /** Maps (or remaps) a function; running ones are stopped so the next invocation loads the new source. */
  set(name: string, source: ProcessorSource): void {
    this.sources.set(name, source);
    this.forget();
  }

  /** The runtime for a Lambda ARN; throws {@link ProcessorLoadError} when nothing is mapped or the file is missing. */
  runtimeFor(arn: string): FunctionRuntime {
    const existing = this.runtimes.get(arn);
    if (existing) return existing;
    const name = functionNameOf(arn);
    const source = this.sources.get(arn) ?? this.sources.get(name);
    if (source === undefined)
      throw new ProcessorLoadError(name, `no local processor mapped (map it with --processor ${name}=PATH)`);
    const runtime = typeof source === 'function' ? new InProcessFunction(source) : this.worker(name, source);
    this.runtimes.set(arn, runtime);
    return runtime;
  }

  private worker(name: string, source: string): FunctionRuntime {
    const { file, exportName } = locateProcessor(name, source);
    const { memoryMb, region, logger } = this.options;

    return new WorkerFunction({
      name,
      file,
      exportName,
      memoryMb,
      livenessMs: Math.max(2000, this.options.functionTimeoutMs),
      env: {
        ...process.env,
        ...this.env,
        AWS_REGION: region,
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      },
      onStray: (error) =>
        logger.warn(`processor ${name} left an unhandled rejection (${error}); still serving`, {
          function: name,
          error,
        }),
    });
  }

  /** Stops every runtime (they restart cold on next use). */
  forget(): void {
    const old = [...this.runtimes.values()];
    this.runtimes.clear();
    for (const runtime of old) void runtime.close();
  }

  async close(): Promise<void> {
    const old = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(old.map((runtime) => runtime.close()));
  }
}
