import type { Context } from 'aws-lambda';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Decision } from '../decision/index.js';
import type { ChannelFlowEvent, ChannelMessage } from '../event/types.js';
import type { Logger } from '../logging/logger.js';
import type { MetricsRecorder } from '../metrics/recorder.js';
import type { TracerLike } from './tracing.js';

/** What a processor gets besides the message. */
export interface ProcessorContext {
  /** The whole parsed invocation event. */
  event: ChannelFlowEvent;
  /** The Lambda context. */
  context: Context;
  /** Aborts at the processor's deadline (Lambda remaining time minus `deadlineMarginMs`): pass it to your own I/O. */
  signal: AbortSignal;
  logger: Logger;
}

/** A channel-flow processor: reads the pending message, returns or resolves to a decision. */
export type Processor = (message: ChannelMessage, ctx: ProcessorContext) => Decision | Promise<Decision>;

/** What happens when the processor throws, times out or returns something that is not a decision. */
export const OnError = {
  /** Let the message through unchanged (fail open). */
  Allow: 'allow',
  /** Deny the message (fail closed). */
  Deny: 'deny',
  /** Send no callback and fail the invocation, so Lambda's async retries run the processor again. */
  Rethrow: 'rethrow',
} as const;
export type OnError = (typeof OnError)[keyof typeof OnError];

export interface ProcessorOptions {
  /** Client for ChannelFlowCallback. Default: one per container, created on first use (honours AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING). */
  client?: ChimeSDKMessagingClient;
  /** Error policy, default `'allow'`. */
  onError?: OnError;
  /** Time kept back from the Lambda deadline for the callback and its retries; the processor must decide before it. Default 500 ms. */
  deadlineMarginMs?: number;
  /**
   * Default: JSON lines on stdout at POWERTOOLS_LOG_LEVEL or LOG_LEVEL. Any object with debug/info/warn/error,
   * e.g. a Powertools Logger (with `injectLambdaContext`, its lines carry the Lambda context).
   */
  logger?: Logger;
  /**
   * `true` or `{ namespace }`: print one CloudWatch Embedded Metric Format line per invocation. A Powertools
   * `Metrics` instance: add the package's metrics to it, so they leave in the blob its `logMetrics` flushes.
   * Default false.
   */
  metrics?: boolean | { namespace?: string } | MetricsRecorder;
  /** A Powertools Tracer: the processor and the callback get their own subsegments. Default none. */
  tracer?: TracerLike;
  /**
   * Log the message of every error the processor throws. Default false: only the error's name,
   * the package's own error messages and the stack frames are logged, because built-in errors
   * quote their input (`JSON.parse(message.Metadata)` puts the metadata in its message). Turn it
   * on to debug, never in production with real content.
   */
  logErrorMessages?: boolean;
}

/** What the handler resolves to: a summary without user data. */
// A type, not an interface: it is also passed to the logger as its attributes record.
export type InvocationSummary = {
  messageId: string;
  callbackId: string;
  /** What was sent: an update equal to the original is reported as `noChange`. */
  action: Decision['action'];
  /** `processor` when the processor's decision was sent, `policy` when the error policy chose it. */
  decidedBy: 'processor' | 'policy';
  /** The service refused the callback because this CallbackId was already answered. */
  duplicate: boolean;
  durationMs: number;
  /** Name of the error the policy answered, when `decidedBy` is `policy`. */
  error?: string;
  /** The moderation rule that decided, when one did. */
  rule?: string;
};
