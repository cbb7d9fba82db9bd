import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';

/**
 * Attempts for the default client: the SDK's standard retry already retries
 * 429, 500/502/503/504 and connection resets with jittered backoff; the send is
 * also bounded by the Lambda deadline, so this only caps a fast-failing loop.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

let defaultClient: ChimeSDKMessagingClient | undefined;

/**
 * The container's shared client, created on first use so a cold start pays for it
 * only when a callback is sent. The SDK reads the region, credentials and
 * `AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING` (the local emulator) from the environment.
 *
 * @example
 * await defaultChimeClient().send(new ChannelFlowCallbackCommand(input));
 */
export function defaultChimeClient(): ChimeSDKMessagingClient {
  defaultClient ??= new ChimeSDKMessagingClient({ maxAttempts: DEFAULT_MAX_ATTEMPTS });
  return defaultClient;
}

/**
 * Forgets the shared client, so the next call builds one from the current environment (tests, the emulator).
 *
 * @example
 * process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING = emulator.endpoint;
 * resetDefaultChimeClient();
 */
export function resetDefaultChimeClient(): void {
  defaultClient?.destroy();
  defaultClient = undefined;
}
