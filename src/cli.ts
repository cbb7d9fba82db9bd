#!/usr/bin/env node
// `chime-channel-flow`: the local channel-flow emulator and a dev loop for one processor.
// A local tool on whatever Node the user has: the SDK's Node-version notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { createJsonLogger } from './logging/logger.js';
import type { LogLevel } from './logging/logger.js';
import { startEmulator } from './local/emulator.js';
import type { Emulator, EmulatorOptions } from './local/emulator.js';
import { parseProcessorArg } from './local/flow/processors.js';
import { collectSummaries, sendAndWait } from './local/conversation.js';
import { claimStdout, countsLine, resultLine } from './local/cli/dev-output.js';
import { NEVER_ANSWERED_HINT, preflightProcessor } from './local/cli/preflight.js';
import { InvalidOptionsError } from './errors.js';
import { runDeployCli } from './deploy/cli.js';
import { runEvalCommand } from './local/eval/command.js';
import { labelledFormatOf } from './local/eval/labelled-file.js';

const USAGE = `Usage:
  chime-channel-flow emulator [--port N] [--processor NAME=PATH[#EXPORT]]... [--faults SPEC] [--state FILE]
                              [--function-timeout MS] [--pending-timeout MS] [--region R] [--credentials AKID:SECRET]
      Serve the Chime SDK Messaging API on 127.0.0.1 and run the mapped processors for channel flows.
  chime-channel-flow dev PATH[#EXPORT] [--faults SPEC] [--function-timeout MS] [--pending-timeout MS] [--fallback CONTINUE|ABORT]
                         [--verbose] [--wide]
      Emulator + one processor + a prompt: type a message, see its outcome, the decision and the latency.
      Reads lines from stdin when it is not a terminal: one result line per message on stdout, logs on stderr.
  chime-channel-flow associate|disassociate --channel-arn ARN --channel-flow-arn ARN --bearer ARN
      Attach a deployed channel flow to a channel (or detach it), on AWS or on the emulator.
  chime-channel-flow eval --processor PATH[#EXPORT] FILE [--json] [--min-recall R] [--max-fpr R] [--function-timeout MS]
      Run each line of a labelled FILE (.jsonl {"text","flag"} or .csv text,flag) through the processor as Lambda
      would; print the confusion matrix, precision, recall, F1, false-positive rate, per-rule counts, misses.
      --json prints one JSON object; --min-recall R / --max-fpr R exit 1 when recall is below R or the
      false-positive rate above R (0 to 1).

Options:
  --processor NAME=PATH[#EXPORT]  Lambda function name (or ARN) -> module and export (default export: handler). Repeatable.
  --faults SPEC                   e.g. throttle=0.1,unavailable=0.05,latency=50ms,reset=0.02,duplicate=0.1[,seed=7]
  --state FILE                    persist state to FILE (atomic writes) and load it at start
  --credentials AKID:SECRET       strict mode: verify every signature against this key (default: any key is accepted)
  --function-timeout MS           the processor's Lambda timeout (default 3000)
  --pending-timeout MS            apply the FallbackAction to messages PENDING this long (default: never, as AWS waits 48 h)
  --port N                        listen on port N (default: a free port)
  --region R                      the emulated region (default us-east-1)
  --fallback CONTINUE|ABORT       dev: the channel flow's FallbackAction (default CONTINUE)
  --verbose                       dev: show processor and emulator logs from debug up (default: warn; or set LOG_LEVEL)
  --wide                          dev: show whole message contents instead of cutting them at 60 characters
  --no-console                    do not serve the console (a web page at http://127.0.0.1:PORT/console/)
  -h, --help                      this text
`;

/**
 * A command-line mistake: printed with the usage, exit code 2. An {@link InvalidOptionsError}
 * whose message is the sentence printed after the program name, as is.
 */
class UsageError extends InvalidOptionsError {
  constructor(message: string, option = 'arguments') {
    super(option, message, { scope: 'command-line' });
    this.name = 'UsageError';
    this.message = message;
  }
}

const OPTIONS = {
  port: { type: 'string' },
  processor: { type: 'string', multiple: true },
  faults: { type: 'string' },
  state: { type: 'string' },
  'function-timeout': { type: 'string' },
  'pending-timeout': { type: 'string' },
  region: { type: 'string' },
  credentials: { type: 'string' },
  fallback: { type: 'string' },
  verbose: { type: 'boolean' },
  wide: { type: 'boolean' },
  json: { type: 'boolean' },
  'min-recall': { type: 'string' },
  'max-fpr': { type: 'string' },
  'no-console': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** `AKID:SECRET` -> strict-mode credentials (the secret may itself contain colons). */
function strictCredentials(value: string | undefined): EmulatorOptions['credentials'] {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1) throw new UsageError('--credentials must be ACCESS_KEY_ID:SECRET');
  return { accessKeyId: value.slice(0, colon), secretAccessKey: value.slice(colon + 1) };
}

function fraction(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !(number >= 0 && number <= 1))
    throw new UsageError(`--${name} must be 0 to 1, got "${value}"`);
  return number;
}

/** `eval`: the arguments checked here, the work in local/eval/command.ts. */
function runEval(rest: string[], values: Record<string, unknown>): Promise<number> {
  const processors = (values.processor as string[] | undefined) ?? [];
  if (processors.length !== 1) throw new UsageError('eval needs exactly one --processor PATH[#EXPORT]');
  if (rest.length !== 1) throw new UsageError('eval needs exactly one FILE (.jsonl or .csv)');
  const format = labelledFormatOf(rest[0]!);
  if (format === undefined) throw new UsageError(`eval reads .jsonl or .csv files, got "${rest[0]}"`);
  return runEvalCommand({
    file: rest[0]!,
    format,
    processor: processors[0]!,
    json: values.json === true,
    minRecall: fraction(values['min-recall'] as string | undefined, 'min-recall'),
    maxFalsePositiveRate: fraction(values['max-fpr'] as string | undefined, 'max-fpr'),
    functionTimeoutMs: positiveInt(values['function-timeout'] as string | undefined, 'function-timeout'),
  });
}

/** Emulator options shared by both commands; the stuck threshold follows the function timeout. */
function emulatorOptions(values: Record<string, unknown>): EmulatorOptions & { stuckAfterMs: number } {
  const functionTimeoutMs = positiveInt(values['function-timeout'] as string | undefined, 'function-timeout') ?? 3000;
  const retryDelaysMs = [50, 100];
  return {
    port: positiveInt(values.port as string | undefined, 'port') ?? 0,
    faults: values.faults as string | undefined,
    state: values.state as string | undefined,
    region: values.region as string | undefined,
    credentials: strictCredentials(values.credentials as string | undefined),
    functionTimeoutMs,
    retryDelaysMs,
    pendingTimeoutMs: positiveInt(values['pending-timeout'] as string | undefined, 'pending-timeout'),
    console: values['no-console'] !== true,
    // Every attempt timed out plus the retry delays, plus a second: then it is stuck.
    stuckAfterMs: functionTimeoutMs * (retryDelaysMs.length + 1) + retryDelaysMs.reduce((a, b) => a + b, 0) + 1000,
    logger: createJsonLogger({
      service: 'chime-channel-flow-emulator',
      level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info',
      sink: (line) => process.stderr.write(line),
    }),
  };
}

function onShutdown(emulator: Emulator, before?: () => void): void {
  const stop = async () => {
    before?.();
    await emulator.close(500);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function runEmulator(values: Record<string, unknown>): Promise<void> {
  const processors: Record<string, string> = {};
  for (const arg of (values.processor as string[] | undefined) ?? []) {
    const { name, source } = parseProcessorArg(arg);
    processors[name] = source;
  }
  for (const source of Object.values(processors)) await preflightProcessor(source);
  const emulator = await startEmulator({ ...emulatorOptions(values), processors });
  const out = [
    `Chime SDK Messaging emulator listening on ${emulator.endpoint}`,
    '',
    'Point clients at it (paste into your shell):',
  ];
  for (const [key, value] of Object.entries(emulator.env)) out.push(`  export ${key}=${value}`);
  const names = Object.keys(processors);
  if (names.length > 0) {
    out.push('', 'Ready channels, each with a channel flow running one processor:');
    for (const name of names) {
      const channel = emulator.setupChannel({ processor: name, reuse: true });
      out.push(`  ${name}: --channel-arn ${channel.channelArn} --chime-bearer ${channel.bearer}`);
      out.push(`    CHANNEL=${channel.channelArn} BEARER=${channel.bearer}`);
    }
  }
  if (emulator.consoleUrl) out.push('', `Console: ${emulator.consoleUrl}`);
  out.push('', 'Ctrl-C to stop.');
  console.log(out.join('\n'));
  onShutdown(emulator, () => {
    const stats = emulator.stats();
    console.log(
      `\nstopping: ${stats.sent} sent, ${stats.denied} denied, ${stats.failed} failed, ${stats.pending} pending (${stats.stuck} stuck)`,
    );
  });
}

async function runDev(path: string, values: Record<string, unknown>): Promise<number> {
  const fallback = (values.fallback as string | undefined) ?? 'CONTINUE';
  if (fallback !== 'CONTINUE' && fallback !== 'ABORT') throw new UsageError('--fallback must be CONTINUE or ABORT');
  // Quiet by default: the processor's and the emulator's loggers read LOG_LEVEL when they are made.
  if (values.verbose === true) process.env.LOG_LEVEL = 'debug';
  else process.env.LOG_LEVEL ??= 'warn';
  await preflightProcessor(path);
  const options = emulatorOptions(values);
  const results = claimStdout();
  const emulator = await startEmulator({ ...options, processors: { dev: path } });
  const channel = emulator.setupChannel({ processor: 'dev', fallbackAction: fallback });
  const client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  const summaries = collectSummaries(emulator);
  const interactive = process.stdin.isTTY === true;
  const format = { wide: values.wide === true, showInput: !interactive };
  console.error(`processor ${path} on ${emulator.endpoint}`);
  if (emulator.consoleUrl) console.error(`console: ${emulator.consoleUrl}`);
  if (interactive) console.error('Type a message and press Enter (Ctrl-D to quit).');

  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stderr : undefined,
    terminal: interactive,
  });
  const rows = [];
  if (interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (line.trim() === '') {
      if (interactive) rl.prompt();
      continue;
    }
    // Past the stuck threshold plus one sweep of the emulator, so its stuck report lands first.
    const row = await sendAndWait(emulator, client, channel, line, 'dev', summaries, options.stuckAfterMs + 500);
    rows.push(row);
    results.write(resultLine(row, format));
    if (row.stuck) console.error(`chime-channel-flow: ${NEVER_ANSWERED_HINT}`);
    if (interactive) rl.prompt();
  }
  if (rows.length > 0) console.error(countsLine(rows));
  client.destroy();
  await emulator.close();
  results.restore();
  return rows.some((row) => row.stuck) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  // The deploy commands have their own flags; hand them the whole argument list.
  if (argv[0] === 'associate' || argv[0] === 'disassociate') return runDeployCli(argv);
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === 'emulator') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    await runEmulator(values);
    return -1; // keep running until a signal
  }
  if (command === 'dev') {
    if (rest.length !== 1) throw new UsageError('dev needs exactly one PATH[#EXPORT]');
    return runDev(rest[0]!, values);
  }
  if (command === 'eval') return runEval(rest, values);
  throw new UsageError(`unknown command "${command}"`);
}

// A processor's stray promise must not take the emulator down (on Lambda it would only end that
// invocation); report its name, never its message (it may quote user content).
process.on('unhandledRejection', (reason) => {
  console.error(
    `chime-channel-flow: a processor left an unhandled rejection (${(reason as Error)?.name ?? typeof reason}); still serving`,
  );
});

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`chime-channel-flow: ${(error as Error).message}`);
  if (usage) console.error(`\n${USAGE}`);
  process.exitCode = usage ? 2 : 1;
}
