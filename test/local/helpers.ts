import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { silentLogger } from '../../src/logging/logger.js';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator, EmulatorOptions } from '../../src/local/index.js';

/** An emulator that logs nothing, with short retries, and the app instance APP with users USER and OTHER_USER; close it in afterAll/afterEach. */
export const startQuietEmulator = (options: EmulatorOptions = {}): Promise<Emulator> =>
  startEmulator({
    logger: silentLogger,
    retryDelaysMs: [5, 10],
    functionTimeoutMs: 1000,
    appInstances: [{ appInstanceArn: APP, users: [USER, OTHER_USER] }],
    ...options,
  });

/** A real SDK v3 client pointed at the emulator, without SDK retries unless asked. */
export const clientFor = (
  emulator: Emulator,
  overrides: Partial<ConstructorParameters<typeof ChimeSDKMessagingClient>[0]> = {},
): ChimeSDKMessagingClient =>
  new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    maxAttempts: 1,
    ...overrides,
  });

/** Strict mode: signatures are verified against this pair (the default accepts any key). */
export const STRICT_CREDENTIALS = { accessKeyId: 'AKIDLOCALSTRICT', secretAccessKey: 'local-strict-secret' };
export const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/test-app';
export const USER = `${APP}/user/alice`;
export const OTHER_USER = `${APP}/user/bob`;
export const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Resolves to the error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail, it succeeded');
}
