import type { Logger } from '../logging/logger.js';

/** One line a {@link QuietLogger} kept instead of printing it. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes: Record<string, unknown> | undefined;
}

/** A logger that prints nothing and keeps what it was given, for assertions. */
export interface QuietLogger extends Logger {
  readonly entries: LogEntry[];
}

/**
 * A logger for tests: pass it as `{ logger }` to `channelFlowProcessor`; nothing reaches the
 * console, and `entries` holds every line, e.g. to check that no message content was logged.
 *
 * @returns a logger whose `entries` grow with each call
 * @example
 * const logger = quietLogger();
 * const handler = channelFlowProcessor(() => noChange(), { client, logger });
 * // after an invocation: logger.entries.map((entry) => entry.message)
 */
export function quietLogger(): QuietLogger {
  const entries: LogEntry[] = [];
  const keep =
    (level: LogEntry['level']) =>
    (message: string, attributes?: Record<string, unknown>): void => {
      entries.push({ level, message, attributes });
    };
  return { entries, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/**
 * Turns off the AWS SDK's Node version support warning (printed once per process on Node
 * versions the SDK no longer supports) by setting the environment switch the SDK reads when
 * it creates its first client. Call it at the top of a test file, before creating clients.
 *
 * @example
 * silenceSdkNodeWarning();
 * const client = new ChimeSDKMessagingClient({ region: 'us-east-1' });
 */
export function silenceSdkNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
