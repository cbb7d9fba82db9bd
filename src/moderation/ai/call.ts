import { InvalidOptionsError, ChannelFlowError } from '../../errors.js';
import { deadlineSignal, untilAborted } from '../../deadline.js';
import { knownKeys, numberIn, oneOf, optionsObject } from '../options.js';
import { PASS } from '../rule.js';
import { isRecord } from '../../values.js';
import type { RuleContext, RuleVerdict } from '../types.js';

/** Options every AI adapter takes: `Client` is the SDK client it sends with, `Sdk` the SDK module it takes the command from. */
export interface AdapterOptions<Client, Sdk = never> {
  /** A configured SDK client. Default: one per container, created on first use (region and credentials from the environment). */
  client?: Client;
  /**
   * The SDK classes the adapter uses (`{ ComprehendClient, DetectToxicContentCommand }` imported from
   * `@aws-sdk/client-comprehend`, or the whole module): the adapter takes its command (and, without `client`,
   * its client class) from them and never imports the package at run time, so your bundler bundles the SDK;
   * naming just the classes lets it drop the module's other commands. That spares the first invocation the load of the runtime's
   * unbundled SDK (measured in docs/benchmarks.md, cold start). Default: `import()` at first use.
   */
  sdk?: Sdk;
  /** Per-call timeout in milliseconds. Default 2000; the processor's own deadline also cuts the call. */
  timeoutMs?: number;
  /** When the service fails or times out: `allow` (default, fail open) passes the message, `deny` (fail closed) denies it. */
  onError?: 'allow' | 'deny';
  /** Record the rule's action in the metadata. */
  annotate?: boolean;
}

/**
 * The AI service call failed or timed out; the adapter's `onError` decided what
 * happened. Its message (the deny reason when failing closed) names the rule and
 * the error type only.
 *
 * @example
 * // deny reason with onError: 'deny' and a throttled service:
 * // 'comprehendToxicity: service call failed (ThrottlingException)'
 */
export class ModerationServiceError extends ChannelFlowError {
  readonly rule: string;
  constructor(rule: string, cause: unknown) {
    super(`${rule}: service call failed (${(cause as { name?: string } | undefined)?.name ?? 'Error'})`, { cause });
    this.name = 'ModerationServiceError';
    this.rule = rule;
  }
}

const sdkCache = new Map<string, Promise<unknown>>();

/**
 * Loads an optional peer SDK at first use. The specifier is a variable on purpose:
 * bundlers leave it as a runtime import, so a function that never calls the adapter
 * neither needs the package nor carries it (Lambda's Node.js runtime ships the AWS SDK v3).
 * One import per specifier and container; a failed import is forgotten, so a later call retries.
 *
 * @internal exported for tests; the AI rules call it when no `sdk` option is given.
 * @param specifier - the package name, e.g. `@aws-sdk/client-comprehend`
 * @returns the module namespace
 * @throws {ChannelFlowError} when the package is not installed (the import error as `cause`)
 */
export function loadSdk<T>(specifier: string): Promise<T> {
  let loaded = sdkCache.get(specifier);
  if (!loaded) {
    const name = specifier;
    loaded = import(name).catch((error: unknown) => {
      sdkCache.delete(specifier);
      throw new ChannelFlowError(
        `${specifier} is not installed: npm install ${specifier} (an optional peer dependency of chime-channel-flow/moderation)`,
        { cause: error },
      );
    });
    sdkCache.set(specifier, loaded);
  }
  return loaded as Promise<T>;
}

/**
 * The SDK classes an adapter uses: its command, and its client class unless a `client` is given. The whole
 * module fits this type too; naming just these classes lets a bundler drop the module's other commands.
 */
export type AdapterSdk<Module, Command extends keyof Module, ClientClass extends keyof Module> = Pick<Module, Command> &
  Partial<Pick<Module, ClientClass>>;

/**
 * Where an adapter gets its SDK classes: the `sdk` option, checked now (at build time) for the command and,
 * without a `client`, the client class; or, when not given, the package imported at first use.
 */
export function adapterSdk<Sdk>(
  rule: string,
  sdk: unknown,
  specifier: string,
  classes: { client: string; command: string; clientGiven: boolean },
): () => Promise<Sdk> {
  if (sdk === undefined) return () => loadSdk<Sdk>(specifier);
  const needed = classes.clientGiven ? [classes.command] : [classes.client, classes.command];
  const missing = isRecord(sdk) ? needed.filter((name) => typeof sdk[name] !== 'function') : needed;
  if (missing.length > 0) {
    throw new InvalidOptionsError(
      `${rule}.sdk`,
      `must be the ${specifier} module (import * as sdk from '${specifier}'); missing ${missing.join(', ')}`,
    );
  }
  const given = Promise.resolve(sdk as Sdk);
  return () => given;
}

export interface ResolvedAdapterOptions {
  timeoutMs: number;
  onError: 'allow' | 'deny';
}

export function resolveAdapterOptions(
  rule: string,
  options: object | undefined,
  extraKeys: readonly string[],
): ResolvedAdapterOptions & Record<string, unknown> {
  const opts = optionsObject(options) as Record<string, unknown>;
  knownKeys(rule, opts, ['client', 'sdk', 'timeoutMs', 'onError', 'annotate', ...extraKeys]);
  const client = opts.client;
  if (
    client !== undefined &&
    (typeof client !== 'object' || client === null || typeof (client as { send?: unknown }).send !== 'function')
  ) {
    throw new InvalidOptionsError(`${rule}.client`, 'must be an AWS SDK v3 client (an object with send())');
  }
  return {
    ...opts,
    timeoutMs: numberIn(`${rule}.timeoutMs`, opts.timeoutMs, 1, 900_000, 2000),
    onError: oneOf(`${rule}.onError`, opts.onError, ['allow', 'deny'] as const, 'allow'),
  };
}

/**
 * Runs `call` with an abort signal that fires at `timeoutMs` (a `TimeoutError`) or when the
 * processor's deadline signal does; turns any failure into the adapter's
 * fail-open/fail-closed verdict, logging the error name only (never content).
 */
export async function guardedCall(
  rule: string,
  options: ResolvedAdapterOptions,
  ctx: RuleContext,
  call: (signal: AbortSignal) => Promise<RuleVerdict>,
): Promise<RuleVerdict> {
  const signal = deadlineSignal(options.timeoutMs, ctx.signal);
  try {
    // untilAborted guards against a client that ignores the abort signal.
    return await untilAborted(call(signal), signal);
  } catch (error) {
    const failure = new ModerationServiceError(rule, error);
    ctx.logger?.warn('moderation service call failed', {
      rule,
      error: (error as { name?: string } | undefined)?.name ?? 'Error',
      onError: options.onError,
    });
    if (options.onError === 'deny') return { kind: 'deny', reason: failure.message, count: 0 };
    return PASS;
  }
}

/** UTF-16 index of the code point at `offset` (services such as Comprehend count code points). */
export function codePointToIndex(text: string, offset: number): number {
  let index = 0;
  for (let count = 0; count < offset && index < text.length; count++) {
    const unit = text.charCodeAt(index);
    index += unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/**
 * Splits text into at most `maxSegments` pieces of at most `maxBytes` UTF-8 bytes,
 * cut at whitespace when there is some in the second half of a piece, never inside a code point.
 */
export function segmentUtf8(text: string, maxBytes: number, maxSegments: number): string[] {
  const segments: string[] = [];
  let start = 0;
  while (start < text.length && segments.length < maxSegments) {
    let bytes = 0;
    let i = start;
    let lastSpace = -1;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) break;
      bytes += size;
      if (cp === 32 || cp === 10) lastSpace = i + 1;
      i += cp > 0xffff ? 2 : 1;
    }
    const end = i < text.length && lastSpace > start + (i - start) / 2 ? lastSpace : i;
    segments.push(text.slice(start, end));
    start = end;
  }
  return segments.filter((s) => s.length > 0);
}
