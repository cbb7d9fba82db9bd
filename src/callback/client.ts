import { ChimeSDKMessagingClient, type ChimeSDKMessagingClientConfig } from '@aws-sdk/client-chime-sdk-messaging';
import { CALLBACK_RETRY, callbackRetryStrategy } from './retry.js';

/** Attempts per callback with the package's clients (the first included). */
const DEFAULT_MAX_ATTEMPTS = CALLBACK_RETRY.maxAttempts;

/**
 * A ChimeSDKMessagingClient with the callback retry schedule: up to 5 attempts with
 * full-jitter backoff (caps 50, 100, 200, 400 ms) and no retry quota shared between
 * sends, so a burst of faults cannot leave later callbacks with a single attempt. Pass it
 * as the `client` option when you need your own settings (region, credentials, handler).
 *
 * @param config - Any client setting; a number `maxAttempts` keeps the schedule with that many attempts,
 *   a `retryStrategy` replaces it.
 * @returns A new client.
 * @example
 * import { channelFlowProcessor, createChimeClient, noChange } from 'chime-channel-flow';
 * export const handler = channelFlowProcessor(() => noChange(), { client: createChimeClient({ region: 'eu-central-1' }) });
 */
export function createChimeClient(config: ChimeSDKMessagingClientConfig = {}): ChimeSDKMessagingClient {
  const maxAttempts = typeof config.maxAttempts === 'number' ? config.maxAttempts : DEFAULT_MAX_ATTEMPTS;
  return new ChimeSDKMessagingClient({
    retryStrategy: callbackRetryStrategy({ ...CALLBACK_RETRY, maxAttempts }),
    ...config,
    maxAttempts,
  });
}

let defaultClient: ChimeSDKMessagingClient | undefined;

/**
 * The container's shared client, created on first use so a cold start pays for it
 * only when a callback is sent. The SDK reads the region, credentials and
 * `AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING` (the local emulator) from the environment.
 *
 * @internal
 * @example
 * await defaultChimeClient().send(new ChannelFlowCallbackCommand(input));
 */
export function defaultChimeClient(): ChimeSDKMessagingClient {
  defaultClient ??= createChimeClient();
  return defaultClient;
}

/**
 * Forgets the shared client, so the next call builds one from the current environment (tests, the emulator).
 *
 * @internal
 * @example
 * process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING = emulator.endpoint;
 * resetDefaultChimeClient();
 */
export function resetDefaultChimeClient(): void {
  defaultClient?.destroy();
  defaultClient = undefined;
}
