import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { CreateChannelCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { createJsonLogger } from '../../src/logging/logger.js';
import type { Emulator } from '../../src/local/index.js';
import { APP, STRICT_CREDENTIALS, USER, clientFor, rejectionOf, startQuietEmulator } from './helpers.js';

/** A client that changes the serialized request before it is signed (the signature covers the change). */
function clientChanging(emulator: Emulator, change: (req: { body: unknown; headers: Record<string, string> }) => void) {
  const client = clientFor(emulator);
  client.middlewareStack.add(
    (next) => async (args) => {
      change(args.request as { body: unknown; headers: Record<string, string> });
      return next(args);
    },
    { step: 'build', name: 'changeBeforeSigning' },
  );
  return client;
}

const amzDate = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A raw GET with a hand-made Authorization header; resolves with status, error type and body. */
function rawGet(emulator: Emulator, authorization: string) {
  const date = amzDate();
  return new Promise<{ status: number; errorType: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      `${emulator.endpoint}/channels/x`,
      { headers: { authorization, 'x-amz-date': date, 'x-amz-chime-bearer': USER } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, errorType: res.headers['x-amzn-errortype'] as string, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('protocol edges: request data never reaches built-ins', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;
  const lines: string[] = [];

  beforeAll(async () => {
    // Strict mode: these requests reach the signature check.
    emulator = await startQuietEmulator({
      credentials: STRICT_CREDENTIALS,
      logger: createJsonLogger({ service: 'test', level: 'error', sink: (line) => lines.push(line) }),
    });
    client = clientFor(emulator);
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'SignedHeaders=%s;host;x-amz-date -> a clean 401, no internal error',
    async (name) => {
      const date = amzDate().slice(0, 8);
      const response = await rawGet(
        emulator,
        `AWS4-HMAC-SHA256 Credential=${emulator.credentials.accessKeyId}/${date}/us-east-1/chime/aws4_request, ` +
          `SignedHeaders=${name};host;x-amz-date, Signature=${'0'.repeat(64)}`,
      );
      expect([response.status, response.errorType]).toEqual([401, 'UnauthorizedClientException']);
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
      expect(lines.filter((line) => /internal error/.test(line))).toEqual([]);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'a flow naming Lambda function %s takes the FallbackAction (unknown function)',
    async (name) => {
      const failures: string[] = [];
      const stop = emulator.onInvocationFailure((event) => failures.push(event.detail.failureReason));
      const channel = emulator.setupChannel({ processor: name, fallbackAction: 'ABORT' });
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: channel.channelArn,
          ChimeBearer: channel.bearer,
          Content: 'to an unknown function',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      const outcome = await emulator.waitForOutcome(channel.channelArn, sent.MessageId!);
      stop();
      expect(outcome).toMatchObject({ status: 'FAILED', decision: 'fallback', reason: 'invocation-failure' });
      expect(failures).toEqual([expect.stringMatching(/no local processor mapped/)]);
    },
  );

  it('an invalid UTF-8 body -> 400 BadRequestException (not stored with U+FFFD)', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"Name":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","ClientRequestToken":"utf8-test-token-1"}'),
    ]);
    const broken = clientChanging(emulator, (req) => {
      req.body = invalid;
      req.headers['content-length'] = String(invalid.length);
    });
    const error = await rejectionOf(
      broken.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'x', ChimeBearer: USER })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BadRequestException', 400]);
    expect(error.message).toMatch(/UTF-8/);
    broken.destroy();
  });

  it('x-amz-content-sha256: UNSIGNED-PAYLOAD is refused while signatures are verified (strict mode)', async () => {
    const unsigned = clientChanging(emulator, (req) => {
      req.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    });
    const error = await rejectionOf(
      unsigned.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'x', ChimeBearer: USER })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['UnauthorizedClientException', 401]);
    expect(error.message).toMatch(/UNSIGNED-PAYLOAD/);
    unsigned.destroy();
  });
});
