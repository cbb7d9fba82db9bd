// The real SDK stack (serialization, signing, retry strategy, error parsing) over an in-process
// transport: proves which callback faults are retried, and that retries stop at the deadline.
import { describe, expect, it } from '@jest/globals';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { noChange } from '../../src/decision/index.js';
import { CallbackError } from '../../src/errors.js';
import {
  callbackAccepted,
  fakeChimeTransport,
  lambdaContext,
  serviceError,
  type FakeAnswer,
  type FakeRequest,
} from '../../src/testing/index.js';
import { capturingLogger } from './harness.js';
import { standardEvent } from './fixtures.js';

const clientFor = (answer: (request: FakeRequest, index: number) => FakeAnswer, maxAttempts = 5) => {
  const transport = fakeChimeTransport(answer);
  const client = new ChimeSDKMessagingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    requestHandler: transport as never,
    maxAttempts,
  });
  return { client, transport };
};

describe('callback faults over the real SDK stack', () => {
  it('sends a REST request the service understands: POST /channels/{arn}?operation=channel-flow-callback', async () => {
    const { client, transport } = clientFor(callbackAccepted);
    const event = standardEvent();
    await channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(event, lambdaContext());
    const [request] = transport.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/channels/${encodeURIComponent(event.ChannelMessage.ChannelArn)}`);
    expect(request?.query).toMatchObject({ operation: 'channel-flow-callback' });
    expect(request?.body).toMatchObject({
      CallbackId: event.CallbackId,
      ChannelMessage: { MessageId: event.ChannelMessage.MessageId },
    });
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/chime\/aws4_request/,
    );
  });

  it.each<[string, FakeAnswer]>([
    ['429 ThrottledClientException', serviceError(429, 'ThrottledClientException')],
    ['500 ServiceFailureException', serviceError(500, 'ServiceFailureException')],
    ['503 ServiceUnavailableException', serviceError(503, 'ServiceUnavailableException')],
    ['a connection reset', { status: 0, reset: true }],
  ])('retries %s and succeeds on a later attempt', async (_label, fault) => {
    const { client, transport } = clientFor((request, index) => (index < 2 ? fault : callbackAccepted(request)));
    const summary = await channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(
      standardEvent(),
      lambdaContext({ timeoutMs: 10_000 }),
    );
    expect(transport.requests).toHaveLength(3);
    expect(summary).toMatchObject({ action: 'noChange', duplicate: false });
    // Every retry carries the same CallbackId: the service's idempotency token.
    expect(new Set(transport.requests.map((request) => (request.body as { CallbackId: string }).CallbackId)).size).toBe(
      1,
    );
  });

  it.each<[string, FakeAnswer]>([
    ['409 ConflictException', serviceError(409, 'ConflictException')],
    [
      '400 non-pending message',
      serviceError(
        400,
        'BadRequestException',
        'Unable to complete processing of non-pending message for callback id x',
      ),
    ],
    ['403 ForbiddenException', serviceError(403, 'ForbiddenException', 'User is not authorized')],
  ])('does not retry %s and resolves as a duplicate', async (_label, refusal) => {
    const { client, transport } = clientFor(() => refusal);
    const summary = await channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(
      standardEvent(),
      lambdaContext(),
    );
    expect(transport.requests).toHaveLength(1);
    expect(summary.duplicate).toBe(true);
  });

  it('rejects with CallbackError after the client exhausts its attempts on 503', async () => {
    const { client, transport } = clientFor(() => serviceError(503, 'ServiceUnavailableException'), 3);
    const promise = channelFlowProcessor(() => noChange(), { client, logger: capturingLogger() })(
      standardEvent(),
      lambdaContext({ timeoutMs: 10_000 }),
    );
    await expect(promise).rejects.toMatchObject({
      name: 'CallbackError',
      statusCode: 503,
      errorName: 'ServiceUnavailableException',
    });
    expect(transport.requests).toHaveLength(3);
  });

  it('stops a callback that never answers before the Lambda deadline and fails loudly', async () => {
    const { client } = clientFor(() => ({ status: 0, hang: true }));
    const context = lambdaContext({ timeoutMs: 500 });
    const logger = capturingLogger();
    const promise = channelFlowProcessor(() => noChange(), { client, logger, deadlineMarginMs: 200 })(
      standardEvent(),
      context,
    );
    await expect(promise).rejects.toBeInstanceOf(CallbackError);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(logger.lines.some((line) => line.level === 'error' && /still PENDING/.test(line.message))).toBe(true);
  });
});
