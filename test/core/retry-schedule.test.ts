// Every callback gets the whole retry schedule, however many faults earlier callbacks in the
// same container met (the SDK's standard strategy shares a retry quota that a burst drains).
import { describe, expect, it } from '@jest/globals';
import { createChimeClient } from '../../src/callback/client.js';
import { CALLBACK_RETRY, callbackRetryStrategy } from '../../src/callback/retry.js';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { noChange } from '../../src/decision/index.js';
import {
  callbackAccepted,
  fakeChimeTransport,
  lambdaContext,
  newCallbackId,
  serviceError,
} from '../../src/testing/index.js';
import { capturingLogger } from './harness.js';
import { standardEvent } from './fixtures.js';

/** A small seeded generator (mulberry32): the same faults on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('callback retry schedule', () => {
  it('at a sustained 50% fault rate, each of 400 invocations in one container gets all its attempts', async () => {
    const random = seeded(11);
    const transport = fakeChimeTransport((request) =>
      random() < 0.5 ? serviceError(503, 'ServiceUnavailableException') : callbackAccepted(request),
    );
    const client = createChimeClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: transport,
    });
    const handler = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() });
    const outcomes: Array<{ callbackId: string; ok: boolean }> = [];
    // Batches of 50 at once, as a busy container would see them; 8 batches drain any shared quota.
    for (let batch = 0; batch < 8; batch++) {
      const runs = Array.from({ length: 50 }, async () => {
        const event = standardEvent();
        event.CallbackId = newCallbackId();
        const ok = await handler(event, lambdaContext({ timeoutMs: 10_000 })).then(
          () => true,
          () => false,
        );
        outcomes.push({ callbackId: event.CallbackId, ok });
      });
      await Promise.all(runs);
    }
    const attempts = new Map<string, number>();
    for (const request of transport.requests) {
      const id = (request.body as { CallbackId: string }).CallbackId;
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
    }
    const shortChanged = outcomes.filter(({ callbackId, ok }) => !ok && attempts.get(callbackId) !== 5);
    expect(shortChanged).toEqual([]);
    // 0.5^5: about one invocation in 32 fails after five attempts; many more would mean lost retries.
    expect(outcomes.filter(({ ok }) => !ok).length).toBeLessThan(40);
  });

  it('the schedule: 5 attempts, full-jitter delays capped at 50, 100, 200, 400 ms; client errors are not retried', async () => {
    const strategy = callbackRetryStrategy(CALLBACK_RETRY, () => 0.999_999);
    let token = await strategy.acquireInitialRetryToken('');
    const delays: number[] = [];
    for (let retry = 1; retry < CALLBACK_RETRY.maxAttempts; retry++) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([49, 99, 199, 399]);
    const fault = new Error('fifth failure');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT', error: fault })).rejects.toBe(
      fault,
    );
    const refused = new Error('400');
    await expect(
      strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(''), {
        errorType: 'CLIENT_ERROR',
        error: refused,
      }),
    ).rejects.toBe(refused);
  });
});

describe('createChimeClient', () => {
  it('keeps the schedule with the number of attempts asked for', async () => {
    const transport = fakeChimeTransport(() => serviceError(503, 'ServiceUnavailableException'));
    const client = createChimeClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: transport,
      maxAttempts: 2,
    });
    const handler = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() });
    await expect(handler(standardEvent(), lambdaContext({ timeoutMs: 10_000 }))).rejects.toMatchObject({
      name: 'CallbackError',
      statusCode: 503,
    });
    expect(transport.requests).toHaveLength(2);
  });
});
