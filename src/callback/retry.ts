/**
 * The callback's retry schedule. The SDK's standard strategy keeps one retry quota per
 * client (a token bucket that retries drain and successes refill); under sustained faults a
 * container's quota empties and later callbacks get one attempt, leaving messages PENDING.
 * Here every send gets the whole schedule, whatever earlier sends saw; the Lambda deadline
 * (see sendChannelFlowCallback) is what bounds it.
 */
export const CALLBACK_RETRY = {
  /** Attempts per callback, the first included. */
  maxAttempts: 5,
  /** The delay before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))] ("full jitter"). */
  baseDelayMs: 50,
  maxDelayMs: 400,
} as const;

/** The SDK's classification of a failed attempt (`RetryErrorInfo.errorType` in @smithy/types). */
type RetryErrorType = 'TRANSIENT' | 'THROTTLING' | 'SERVER_ERROR' | 'CLIENT_ERROR';

/** The SDK's `RetryToken`: how many retries so far and how long to wait before the next. */
interface CallbackRetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

const token = (count: number, delay: number): CallbackRetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
});
const FIRST = token(0, 0);

/**
 * A retry strategy (the SDK's `RetryStrategyV2`) without a quota: 429, 5xx, timeouts and
 * connection errors are retried up to `maxAttempts` with full-jitter backoff; client
 * errors (4xx) are not. State lives in the token, so sends share nothing.
 *
 * @internal
 * @example
 * new ChimeSDKMessagingClient({ retryStrategy: callbackRetryStrategy() });
 */
export function callbackRetryStrategy(
  {
    maxAttempts,
    baseDelayMs,
    maxDelayMs,
  }: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number } = CALLBACK_RETRY,
  random: () => number = Math.random,
) {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async (_scope: string): Promise<CallbackRetryToken> => FIRST,
    refreshRetryTokenForRetry: async (
      previous: CallbackRetryToken,
      info: { errorType: RetryErrorType; error?: unknown },
    ): Promise<CallbackRetryToken> => {
      const retries = previous.getRetryCount() + 1;
      // The retry middleware rethrows the attempt's own error when this rejects.
      if (info.errorType === 'CLIENT_ERROR' || retries >= maxAttempts) throw info.error;
      const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (retries - 1));
      return token(retries, Math.floor(random() * cap));
    },
    recordSuccess: (_token: CallbackRetryToken): void => {},
  };
}
