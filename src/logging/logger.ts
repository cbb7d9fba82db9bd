/**
 * What the package logs through: any object with these four methods, such as
 * Powertools' `Logger`. Attributes never carry message content, metadata,
 * sender names or attribute values.
 */
// Attributes as a rest parameter: the shape Powertools Logger's methods accept (`...extraInput: LogAttributes[]`),
// so an instance fits without a cast; the package always passes one attributes object.
export interface Logger {
  debug(message: string, ...attributes: Record<string, unknown>[]): void;
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
  error(message: string, ...attributes: Record<string, unknown>[]): void;
  /** When present (Powertools Logger), the package sets the CallbackId as the correlation id of each invocation. */
  setCorrelationId?(value: unknown): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Level names other loggers use (Powertools: TRACE, CRITICAL; Python: WARNING), mapped to ours. */
const ALIASES: Record<string, LogLevel> = { trace: 'debug', warning: 'warn', critical: 'error' };

// POWERTOOLS_LOG_LEVEL first, as Powertools Logger reads it, so one setting drives both loggers.
const levelFromEnv = (): LogLevel => {
  const { POWERTOOLS_LOG_LEVEL, LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL } = process.env;
  const raw = (POWERTOOLS_LOG_LEVEL || LOG_LEVEL || AWS_LAMBDA_LOG_LEVEL || 'info').toLowerCase();
  return raw in LEVELS ? (raw as LogLevel) : (ALIASES[raw] ?? 'info');
};

/** Where JSON lines go; stdout by default (Lambda ships it to CloudWatch as is). */
export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => {
  process.stdout.write(line);
};

/** Stands in for a value JSON cannot hold (a cycle, a BigInt, a throwing getter). */
const UNSERIALISABLE = '[unserialisable]';

/** JSON.stringify's replacer for the slow path: cycles and BigInts become markers instead of throwing. */
function tolerantReplacer(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}

/**
 * One JSON line; never throws. Attributes that JSON cannot hold are serialised with a
 * tolerant replacer, and when even that fails (a getter that throws) they are dropped.
 */
function toJsonLine(entry: Record<string, unknown>, attributes: Record<string, unknown> | undefined): string {
  try {
    return JSON.stringify({ ...entry, ...attributes });
  } catch {
    try {
      return JSON.stringify({ ...entry, ...attributes }, tolerantReplacer());
    } catch {
      return JSON.stringify({ ...entry, attributes: UNSERIALISABLE });
    }
  }
}

/**
 * The default logger: one JSON object per line, `{ level, message, timestamp, service, ...attributes }`.
 * The level comes from `POWERTOOLS_LOG_LEVEL`, `LOG_LEVEL` or `AWS_LAMBDA_LOG_LEVEL` (default `info`); the
 * service from `POWERTOOLS_SERVICE_NAME`, else the function name. Never throws: attributes JSON
 * cannot hold are written as markers, and a failing sink drops the line.
 *
 * @param options - `level`, `service` and `sink` (default: stdout).
 * @returns A {@link Logger}.
 * @example
 * const logger = createJsonLogger({ level: 'debug' });
 * logger.info('decided', { messageId: 'm-1', action: 'deny' });
 */
export function createJsonLogger(options: { level?: LogLevel; service?: string; sink?: LogSink } = {}): Logger {
  const threshold = LEVELS[options.level ?? levelFromEnv()];
  const service =
    options.service ??
    process.env.POWERTOOLS_SERVICE_NAME ??
    process.env.AWS_LAMBDA_FUNCTION_NAME ??
    'chime-channel-flow';
  const sink = options.sink ?? stdoutSink;
  const write = (level: Exclude<LogLevel, 'silent'>) => {
    if (LEVELS[level] < threshold) return () => {};
    return (message: string, attributes?: Record<string, unknown>) => {
      const entry = { level: level.toUpperCase(), message, timestamp: new Date().toISOString(), service };
      try {
        sink(`${toJsonLine(entry, attributes)}\n`);
      } catch {
        // A logger that throws would turn a log line into a lost callback: drop the line instead.
      }
    };
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
