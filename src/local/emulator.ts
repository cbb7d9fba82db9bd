import type { ChannelFlowEvent } from '../event/types.js';
import type { Logger } from '../logging/logger.js';
import { createJsonLogger } from '../logging/logger.js';
import { resetDefaultChimeClient } from '../callback/client.js';
import { EmulatorConfigError } from './errors.js';
import { FlowEngine } from './flow/engine.js';
import type { FlowEvents } from './flow/events.js';
import { EmulatorTimeoutError, EngineWaiters } from './flow/waiters.js';
import type { EngineStats, InvocationRecord, MessageOutcome, ProcessorInvocationFailureEvent } from './flow/engine.js';
import { FaultDice, normalizeFaults } from './flow/faults.js';
import type { FaultConfig } from './flow/faults.js';
import type { ProcessorSource } from './flow/processors.js';
import type { LocalCredentials, SignatureMode } from './protocol/sigv4.js';
import { listen } from './listen.js';
import { createEmulatorServer } from './server.js';
import { prepareConsole } from '../console/mount.js';
import { attachMessagingSessions } from './session/connect.js';
import { SessionHub } from './session/hub.js';
import type { SessionStats } from './session/hub.js';
import { MessageRouting } from './session/message-events.js';
import { fixtureSnapshot, seedAppInstance } from './identity/seed.js';
import type { AppInstanceFixture } from './identity/seed.js';
import { Store } from './state/store.js';
import { type ChannelSetup, type ChannelSetupOptions, setupChannel } from './channel-setup.js';
import { checkEmulatorOptions } from './emulator-options.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /**
   * Strict mode: requests and messaging sessions must be SigV4-signed with exactly these. Without it
   * (the default) any well-formed signature scoped to `chime` is accepted, from any access key.
   */
  credentials?: LocalCredentials;
  /**
   * App instances (with users and admins) that exist from the start, as configuration: brought back
   * at every start and never journaled to `state`. Others are made with chime-sdk-identity.
   */
  appInstances?: AppInstanceFixture[];
  /** Server pings on messaging sessions, in ms. Default 30000. */
  sessionPingIntervalMs?: number;
  /** Default `us-east-1`. */
  region?: string;
  /** e.g. `throttle=0.1,unavailable=0.05,latency=50ms,reset=0.02,duplicate=0.1`. */
  faults?: string | FaultConfig;
  /** Lambda function name or ARN -> `PATH[#EXPORT]` or a handler function. */
  processors?: Record<string, ProcessorSource>;
  /** The processor's Lambda timeout (its context deadline). Default 3000. */
  functionTimeoutMs?: number;
  /** The processor's memory size in MB: the heap limit of its worker thread. Default 256. */
  functionMemoryMb?: number;
  /** Invocations of one function running at once; more wait in line, as in Lambda's async queue. Default 32. */
  functionConcurrency?: number;
  /** Delays between Lambda async retries of a handler that rejects or times out. Default [50, 100] (2 retries). */
  retryDelaysMs?: number[];
  /** Apply the FallbackAction to messages PENDING this long. Default: never (AWS waits 48 hours). */
  pendingTimeoutMs?: number;
  /** Report PENDING messages as stuck after this long. Default: every attempt's timeout and retry delay, plus 1 s. */
  stuckAfterMs?: number;
  /** Persist state to this file and load it at start: a request is answered once its changes are journaled and fsynced (`FILE.journal.N`), folded into FILE in the background and at close. */
  state?: string;
  /** Default: JSON lines on stderr at LOG_LEVEL (info). Never given user content. */
  logger?: Logger;
  /** Set AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING, AWS_REGION and local credentials in process.env while running, so default-constructed clients in processors reach the emulator. Default true. */
  exportEnv?: boolean;
  /** Serve the console (a web page to watch messages pass through the flow) at `/console/`. Default false; the CLI turns it on. */
  console?: boolean;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  /** `http://127.0.0.1:PORT/console/` when the console is on. */
  readonly consoleUrl?: string;
  readonly port: number;
  readonly region: string;
  /** The key clients should sign with: the strict-mode pair, or `test` / `test` (any key works). */
  readonly credentials: LocalCredentials;
  /** True when `credentials` was given: signatures are verified against it. */
  readonly strict: boolean;
  /** The environment a client needs: paste into a shell or spread into a child process's env. */
  readonly env: Record<string, string>;
  /** Creates a flow for `processor` (a name mapped in `processors`, or any function name) and a channel using it. */
  setupChannel(options: ChannelSetupOptions): ChannelSetup;
  /** Maps (or remaps) a processor after start. */
  addProcessor(name: string, source: ProcessorSource): void;
  /** Events of PENDING messages whose processor was invoked: answer them yourself with a real client. */
  pendingEvents(): ChannelFlowEvent[];
  /** Resolves with the next PENDING event for `messageId` (or any message), as soon as the processor is invoked. */
  waitForPendingEvent(messageId?: string, timeoutMs?: number): Promise<ChannelFlowEvent>;
  /** Resolves when the message leaves PENDING (SENT, DENIED or FAILED); rejects after `timeoutMs` (default 5000). */
  waitForOutcome(channelArn: string, messageId: string, timeoutMs?: number): Promise<MessageOutcome>;
  onOutcome(listener: (outcome: MessageOutcome) => void): () => void;
  onInvocationFailure(listener: (event: ProcessorInvocationFailureEvent) => void): () => void;
  /** Every handler run: attempt, duplicate delivery, duration, error name or resolved value. */
  onInvocation(listener: (record: InvocationRecord) => void): () => void;
  /**
   * The engine's event bus: `message` (lifecycle: pending, sent, updated, denied, failed, deleted),
   * `outcome`, `invoked`, `invocation`, `invocationFailure`. Listeners run synchronously.
   */
  readonly events: FlowEvents;
  stats(): EngineStats;
  /** Open messaging sessions and frames sent to them. */
  sessionStats(): SessionStats;
  /**
   * Creates an app instance (with this exact ARN, or a fresh one) and its users and admins directly
   * in state: a shortcut for tests that would otherwise call chime-sdk-identity first.
   */
  addAppInstance(options?: { appInstanceArn?: string; users?: string[]; admins?: string[] }): string;
  /** Resolves when no processor invocation is running (true), or false after `timeoutMs` (default 5000). */
  idle(timeoutMs?: number): Promise<boolean>;
  /** Lets running invocations finish (up to `graceMs`, default 2000), stops serving, flushes the state file and restores process.env. */
  close(graceMs?: number): Promise<void>;
}

/** What clients are told to sign with when any key is accepted (the LocalStack habit). */
const ANY_KEY_CREDENTIALS: LocalCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const LOCAL_ACCOUNT = '123456789012';

export { EmulatorTimeoutError };
export type { ChannelSetup };

/**
 * Starts the local Chime SDK Messaging channel-flow emulator on 127.0.0.1. Real clients
 * (SDK v3, boto3, the aws CLI) reach it by endpoint override with the local credentials.
 *
 * @param options - processors, port, state file, faults, credentials and logging; all optional
 * @returns the running emulator: its endpoint, credentials, channel helpers and `close()`
 * @throws {@link EmulatorConfigError} for options that cannot work (as a rejection)
 * @example
 * import { startEmulator } from 'chime-channel-flow/local';
 * const emulator = await startEmulator({ processors: { moderate: './handler.ts' } });
 * const { channelArn, bearer } = emulator.setupChannel({ processor: 'moderate' });
 * const client = new ChimeSDKMessagingClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
 * const sent = await client.send(new SendChannelMessageCommand({ ChannelArn: channelArn, ChimeBearer: bearer, Content: 'hi', Type: 'STANDARD', Persistence: 'PERSISTENT' }));
 * console.log(await emulator.waitForOutcome(channelArn, sent.MessageId!));
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? ANY_KEY_CREDENTIALS;
  const mode: SignatureMode = options.credentials ? { kind: 'strict', credentials } : { kind: 'any' };
  const functionTimeoutMs = options.functionTimeoutMs ?? 3000;
  const retryDelaysMs = options.retryDelaysMs ?? [50, 100];
  const memoryMb = options.functionMemoryMb ?? 256;
  checkEmulatorOptions(options, { functionTimeoutMs, memoryMb, retryDelaysMs });
  const logger =
    options.logger ??
    createJsonLogger({ service: 'chime-channel-flow-emulator', sink: (line) => process.stderr.write(line) });
  const dice = new FaultDice(normalizeFaults(options.faults));
  const processors: Record<string, ProcessorSource> = { ...options.processors };
  const stuckAfterMs =
    options.stuckAfterMs ??
    functionTimeoutMs * (retryDelaysMs.length + 1) + retryDelaysMs.reduce((a, b) => a + b, 0) + dice.latencyMs + 1000;

  const store = new Store(options.state);
  if (options.appInstances) store.app.load(fixtureSnapshot(options.appInstances, Date.now()));
  store.onWriteError = (error) => logger.error('state write failed', { error: error.name, code: error.code });
  const consoleParts = options.console ? prepareConsole(stuckAfterMs) : undefined;
  const engine = new FlowEngine(store, {
    region,
    account: LOCAL_ACCOUNT,
    processors,
    functionTimeoutMs,
    memoryMb,
    functionConcurrency: options.functionConcurrency,
    retryDelaysMs,
    pendingTimeoutMs: options.pendingTimeoutMs,
    stuckAfterMs,
    dice,
    logger,
  });
  const sessions = new SessionHub(store, logger, options.sessionPingIntervalMs);
  const routing = new MessageRouting(engine, sessions);
  const server = createEmulatorServer({
    store,
    engine,
    mode,
    dice,
    logger,
    sessions,
    region,
    account: LOCAL_ACCOUNT,
    ...(consoleParts ? { mounts: consoleParts.mounts, observe: consoleParts.observe } : {}),
  });
  const sessionServer = attachMessagingSessions(server, { hub: sessions, mode, logger });

  let port: number;
  try {
    port = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    // Nothing listens: stop what already started (the sweeper, the session pinger, workers, state files).
    for (const part of [routing, sessions, sessionServer, consoleParts]) part?.close();
    await engine.close();
    await store.flush();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: endpoint,
    AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY: endpoint,
    AWS_REGION: region,
    // The aws CLI v1 and boto3 read this one, not AWS_REGION.
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  engine.setFunctionEnvironment(env);
  const savedEnv: Record<string, string | undefined> = {};
  if (options.exportEnv !== false) {
    for (const [key, value] of Object.entries(env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    // The package's shared client reads the endpoint on first use; make the next one read ours.
    resetDefaultChimeClient();
  }
  engine.resume();
  logger.info('emulator listening', {
    endpoint,
    region,
    credentials: mode.kind === 'strict' ? `strict (access key id ${credentials.accessKeyId})` : 'any key',
    processors: Object.keys(processors).length,
    state: options.state ? 'file' : 'memory',
  });

  const waiters = new EngineWaiters(engine, store);

  let closed = false;
  const emulator: Emulator = {
    endpoint,
    ...(consoleParts ? { consoleUrl: `${endpoint}/console/` } : {}),
    port,
    region,
    credentials,
    strict: mode.kind === 'strict',
    env,
    setupChannel: (setup) => setupChannel(store, { region, account: LOCAL_ACCOUNT }, setup),
    addProcessor(name, source) {
      processors[name] = source;
      engine.setProcessor(name, source);
    },
    pendingEvents: () => engine.pendingEvents(),
    waitForPendingEvent: (messageId, timeoutMs = 5000) => waiters.pendingEvent(messageId, timeoutMs),
    waitForOutcome: (channelArn, messageId, timeoutMs = 5000) => waiters.outcome(channelArn, messageId, timeoutMs),
    onOutcome: (listener) => engine.events.on('outcome', listener),
    onInvocationFailure: (listener) => engine.events.on('invocationFailure', listener),
    onInvocation: (listener) => engine.events.on('invocation', listener),
    events: engine.events,
    stats: () => engine.stats(),
    sessionStats: () => sessions.stats(),
    addAppInstance: (seed = {}) => {
      const arn = seedAppInstance(store, { ...seed, region, account: LOCAL_ACCOUNT, now: Date.now() });
      return arn;
    },
    idle: (timeoutMs = 5000) => engine.idle(timeoutMs),
    async close(graceMs = 2000) {
      if (closed) return;
      closed = true;
      // Late duplicates and retries get real answers instead of ECONNREFUSED.
      if (!(await engine.idle(graceMs)))
        logger.warn('closing with processor invocations still running', { inFlight: engine.stats().inFlight });
      routing.close();
      sessions.close();
      sessionServer.close();
      waiters.close();
      await engine.close();
      consoleParts?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.flush();
      for (const [key, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      if (options.exportEnv !== false) resetDefaultChimeClient();
    },
  };
  consoleParts?.start({
    endpoint,
    region,
    credentials,
    store,
    logger,
    onInvoked: (listener) => emulator.events.on('invoked', listener),
    onOutcome: (listener) => emulator.onOutcome(listener),
    onInvocation: (listener) => emulator.onInvocation(listener),
    waitForOutcome: (channelArn, messageId, timeoutMs) => emulator.waitForOutcome(channelArn, messageId, timeoutMs),
    appInstanceArn: `arn:aws:chime:${region}:${LOCAL_ACCOUNT}:app-instance/local-app`,
    processors: () => Object.keys(processors),
    setupChannel: (setup) => emulator.setupChannel(setup),
  });
  return emulator;
}
