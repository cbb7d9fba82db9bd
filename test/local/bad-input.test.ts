import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import {
  CreateChannelCommand,
  DescribeChannelCommand,
  SendChannelMessageCommand,
  ChannelFlowCallbackCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator } from '../../src/local/index.js';
import { APP, STRICT_CREDENTIALS, USER, clientFor, rejectionOf, startQuietEmulator } from './helpers.js';

/** A client whose serialized request body is replaced before signing: the SDK signs what we break. */
function clientWithBody(emulator: Emulator, body: string): ChimeSDKMessagingClient {
  const client = clientFor(emulator);
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { body: unknown; headers: Record<string, string> };
      req.body = body;
      req.headers['content-length'] = String(Buffer.byteLength(body));
      return next(args);
    },
    { step: 'build', name: 'replaceBody' },
  );
  return client;
}

/** Same, removing a header before signing. */
function clientWithoutHeader(emulator: Emulator, header: string): ChimeSDKMessagingClient {
  const client = clientFor(emulator);
  client.middlewareStack.add(
    (next) => async (args) => {
      delete (args.request as { headers: Record<string, string> }).headers[header];
      return next(args);
    },
    { step: 'build', name: 'dropHeader' },
  );
  return client;
}

describe('bad input gets the modeled error and the server keeps serving', () => {
  let emulator: Emulator;
  let client: ChimeSDKMessagingClient;
  let channelArn: string;

  beforeAll(async () => {
    // Strict mode, so wrong secrets and tampered bodies are refused.
    emulator = await startQuietEmulator({ credentials: STRICT_CREDENTIALS });
    client = clientFor(emulator);
    channelArn = (await client.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'c', ChimeBearer: USER })))
      .ChannelArn!;
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const stillServing = async () => {
    const described = await client.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER }));
    expect(described.Channel?.ChannelArn).toBe(channelArn);
  };
  const send = (c: ChimeSDKMessagingClient, content = 'hi') =>
    c.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: USER,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );

  it('malformed JSON -> 400 BadRequestException', async () => {
    const broken = clientWithBody(emulator, '{"Content": "hi", ');
    const error = await rejectionOf(send(broken));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['BadRequestException', 400]);
    expect(error.message).toMatch(/JSON/);
    await stillServing();
  });

  it('a JSON body that is not an object -> 400 BadRequestException', async () => {
    const error = await rejectionOf(send(clientWithBody(emulator, '[1,2]')));
    expect(error.name).toBe('BadRequestException');
    await stillServing();
  });

  it('missing x-amz-chime-bearer -> 400 BadRequestException naming the header', async () => {
    const error = await rejectionOf(send(clientWithoutHeader(emulator, 'x-amz-chime-bearer')));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toMatch(/x-amz-chime-bearer/);
    await stillServing();
  });

  it('content over 4 KB (UTF-8 bytes) -> 400 naming Content, without echoing it', async () => {
    const content = 'é'.repeat(2049); // 4098 bytes, 2049 characters
    const error = await rejectionOf(send(client, content));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toMatch(/Content/);
    expect(error.message).not.toContain('éé');
    const exactly = await send(client, 'a'.repeat(4096));
    expect(exactly.Status?.Value).toBe('SENT');
  });

  it('required fields, lengths, enums and patterns are checked against the model', async () => {
    const missingType = await rejectionOf(
      send(
        clientWithBody(
          emulator,
          JSON.stringify({ Content: 'x', Persistence: 'PERSISTENT', ClientRequestToken: 'abcdef' }),
        ),
      ),
    );
    expect(missingType.message).toMatch(/Type is required/);
    const badEnum = await rejectionOf(
      send(
        clientWithBody(
          emulator,
          JSON.stringify({ Content: 'x', Type: 'LOUD', Persistence: 'PERSISTENT', ClientRequestToken: 'abcdef' }),
        ),
      ),
    );
    expect(badEnum.message).toMatch(/Type must be one of STANDARD, CONTROL/);
    const shortCallbackId = await rejectionOf(
      client.send(
        new ChannelFlowCallbackCommand({
          ChannelArn: channelArn,
          CallbackId: 'short',
          ChannelMessage: { MessageId: 'm1' },
        }),
      ),
    );
    expect([shortCallbackId.name, shortCallbackId.message]).toEqual([
      'BadRequestException',
      'Invalid input: CallbackId must have at least 32 characters, got 5',
    ]);
    const badMessageId = await rejectionOf(
      client.send(
        new ChannelFlowCallbackCommand({
          ChannelArn: channelArn,
          CallbackId: 'c'.repeat(32),
          ChannelMessage: { MessageId: 'has space' },
        }),
      ),
    );
    expect(badMessageId.message).toMatch(/ChannelMessage.MessageId does not match/);
    const badArn = await rejectionOf(
      client.send(new DescribeChannelCommand({ ChannelArn: 'not-an-arn', ChimeBearer: USER })),
    );
    expect([badArn.name, badArn.message]).toEqual([
      'BadRequestException',
      'Invalid input: ChannelArn does not match the required pattern',
    ]);
    await stillServing();
  });

  it('an unknown channel -> the modeled error (ForbiddenException where the model has no NotFoundException)', async () => {
    const unknown = `${APP}/channel/does-not-exist`;
    const error = await rejectionOf(
      client.send(
        new SendChannelMessageCommand({
          ChannelArn: unknown,
          ChimeBearer: USER,
          Content: 'x',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      ),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ForbiddenException', 403]);
    await stillServing();
  });

  it('a wrong secret -> 401 UnauthorizedClientException; an unsigned request too', async () => {
    const wrong = clientFor(emulator, {
      credentials: { accessKeyId: emulator.credentials.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    const error = await rejectionOf(
      wrong.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER })),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['UnauthorizedClientException', 401]);
    const unknownKey = clientFor(emulator, {
      credentials: { accessKeyId: 'AKIDSOMEONEELSE', secretAccessKey: emulator.credentials.secretAccessKey },
    });
    expect(
      (await rejectionOf(unknownKey.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: USER }))))
        .name,
    ).toBe('UnauthorizedClientException');

    const raw = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = request(
        `${emulator.endpoint}/channels/${encodeURIComponent(channelArn)}`,
        { method: 'GET', headers: { 'x-amz-chime-bearer': USER } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, type: res.headers['x-amzn-errortype'] as string | undefined, body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(raw.status).toBe(401);
    expect(raw.type).toBe('UnauthorizedClientException');
    expect(JSON.parse(raw.body)).toMatchObject({ Code: 'Unauthorized' });
    await stillServing();
  });

  it('a body tampered with after signing fails the signature', async () => {
    const tampering = clientFor(emulator);
    tampering.middlewareStack.add(
      (next) => async (args) => {
        // Same length, other bytes: only the signature can tell.
        const req = args.request as { body: string | Uint8Array };
        const bytes = req.body as Uint8Array;
        const text =
          typeof req.body === 'string'
            ? req.body
            : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        req.body = text.replace('"hi"', '"ho"');
        return next(args);
      },
      { step: 'finalizeRequest', name: 'tamperAfterSigning', priority: 'low' },
    );
    const error = await rejectionOf(send(tampering));
    expect(error.name).toBe('UnauthorizedClientException');
    await stillServing();
  });
});
