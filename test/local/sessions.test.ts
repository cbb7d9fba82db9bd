// The messaging-session wire, seen with a plain `ws` client and a presigned URL made by
// @smithy/signature-v4 (as any SDK would): frame shape, prefetch, Host/Origin, strict-mode 4401.
import { afterEach, describe, expect, it } from '@jest/globals';
import { NodeSha256 } from '../../src/local/protocol/sha256.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { CreateChannelMembershipCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { WebSocket } from 'ws';
import type { Emulator } from '../../src/local/index.js';
import { OTHER_USER, STRICT_CREDENTIALS, clientFor, rejectionOf, startQuietEmulator } from './helpers.js';
import { openSession } from './session-helpers.js';

/** `ws://127.0.0.1:PORT/connect?…` presigned with these credentials. */
async function connectUrl(
  emulator: Emulator,
  userArn: string,
  credentials = { accessKeyId: 'test', secretAccessKey: 'test' },
  extra: Record<string, string> = {},
): Promise<string> {
  const host = `127.0.0.1:${emulator.port}`;
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'chime', sha256: NodeSha256 });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'ws:',
      hostname: '127.0.0.1',
      port: emulator.port,
      path: '/connect',
      query: { userArn, sessionId: 'raw-session', ...extra },
      headers: { host },
    },
    { expiresIn: 10 },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `ws://${host}/connect?${query}`;
}

interface Opened {
  frames: Array<{ Headers: Record<string, string>; Payload?: string }>;
  closed: Promise<{ code: number; reason: string }>;
  socket: WebSocket;
}

function open(url: string, headers: Record<string, string> = {}): Opened {
  const socket = new WebSocket(url, { headers });
  const frames: Opened['frames'] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Opened['frames'][number]));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    socket.on('unexpected-response', (_req, res) => resolve({ code: res.statusCode ?? 0, reason: 'http' }));
  });
  return { frames, closed, socket };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('messaging sessions on the wire', () => {
  it('sends text frames {Headers, Payload}: SESSION_ESTABLISHED first, then CHANNEL_DETAILS when prefetching', async () => {
    emulator = await startQuietEmulator({ processors: { p: () => undefined } });
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'p' });
    const client = clientFor(emulator);
    await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'typing',
        Type: 'CONTROL',
        Persistence: 'PERSISTENT',
      }),
    );
    const session = open(await connectUrl(emulator, bearer, undefined, { 'prefetch-on': 'connect' }));
    await until(() => session.frames.length >= 2);
    expect(session.frames[0]).toEqual({
      Headers: { 'x-amz-chime-event-type': 'SESSION_ESTABLISHED', 'x-amz-chime-message-type': 'SYSTEM' },
    });
    const details = session.frames[1]!;
    expect(details.Headers['x-amz-chime-event-type']).toBe('CHANNEL_DETAILS');
    const payload = JSON.parse(details.Payload!) as Record<string, unknown>;
    expect(payload).toMatchObject({
      Channel: { ChannelArn: channelArn },
      ChannelMessages: [{ Content: 'typing', Type: 'CONTROL' }],
      ChannelMemberships: [{ Member: { Arn: bearer } }],
      ChannelMessagesHasMore: false,
    });
    session.socket.close();
    client.destroy();
  });

  it('refuses a foreign Origin before the upgrade', async () => {
    emulator = await startQuietEmulator();
    const session = open(await connectUrl(emulator, OTHER_USER), { Origin: 'https://evil.example' });
    expect((await session.closed).code).toBe(403);
  });

  it('closes with 4400 when userArn is not an ARN', async () => {
    emulator = await startQuietEmulator();
    const session = open(await connectUrl(emulator, 'alice'));
    expect((await session.closed).code).toBe(4400);
  });

  it('default mode accepts any access key, over REST and /connect', async () => {
    emulator = await startQuietEmulator();
    const anyKey = { accessKeyId: 'AKIDWHATEVER', secretAccessKey: 'anything' };
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'p' });
    const client = clientFor(emulator, { credentials: anyKey });
    await expect(
      client.send(
        new CreateChannelMembershipCommand({
          ChannelArn: channelArn,
          MemberArn: OTHER_USER,
          Type: 'DEFAULT',
          ChimeBearer: bearer,
        }),
      ),
    ).resolves.toMatchObject({ Member: { Arn: OTHER_USER } });
    const session = open(await connectUrl(emulator, OTHER_USER, anyKey));
    await until(() => session.frames.length >= 1);
    session.socket.close();
    client.destroy();
  });
});

describe('strict mode (credentials given)', () => {
  it('refuses a wrong secret over REST with 401 naming the expected key, and logs the refusal without the body', async () => {
    const lines: string[] = [];
    const { createJsonLogger } = await import('../../src/logging/logger.js');
    emulator = await startQuietEmulator({
      credentials: STRICT_CREDENTIALS,
      logger: createJsonLogger({ service: 't', sink: (line) => lines.push(line) }),
    });
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'p' });
    const wrongKey = clientFor(emulator, { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const error = await rejectionOf(
      wrongKey.send(
        new SendChannelMessageCommand({
          ChannelArn: channelArn,
          ChimeBearer: bearer,
          Content: 'secret words',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      ),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['UnauthorizedClientException', 401]);
    expect(error.message).toContain(STRICT_CREDENTIALS.accessKeyId);
    const wrongSecret = clientFor(emulator, {
      credentials: { accessKeyId: STRICT_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong' },
    });
    expect(
      (
        await rejectionOf(
          wrongSecret.send(
            new CreateChannelMembershipCommand({
              ChannelArn: channelArn,
              MemberArn: OTHER_USER,
              Type: 'DEFAULT',
              ChimeBearer: bearer,
            }),
          ),
        )
      ).$metadata.httpStatusCode,
    ).toBe(401);
    const refusals = lines.filter((line) => line.includes('request refused: signature'));
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toContain('"accessKeyId":"test"');
    expect(lines.join('')).not.toContain('secret words');
    wrongKey.destroy();
    wrongSecret.destroy();
  });

  it('closes /connect with 4401 on a wrong secret and accepts the right one', async () => {
    emulator = await startQuietEmulator({ credentials: STRICT_CREDENTIALS });
    const refused = open(
      await connectUrl(emulator, OTHER_USER, { accessKeyId: STRICT_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong' }),
    );
    expect((await refused.closed).code).toBe(4401);
    expect(refused.frames).toEqual([]);
    const accepted = open(await connectUrl(emulator, OTHER_USER, STRICT_CREDENTIALS));
    await until(() => accepted.frames.length >= 1);
    accepted.socket.close();
  });

  it('amazon-chime-sdk-js: start() rejects with 4401 on a wrong secret, and works with the right one', async () => {
    emulator = await startQuietEmulator({ credentials: STRICT_CREDENTIALS });
    const wrong = clientFor(emulator, {
      credentials: { accessKeyId: STRICT_CREDENTIALS.accessKeyId, secretAccessKey: 'wrong' },
    });
    // With the endpoint given, the SDK goes straight to /connect, signed with the wrong secret.
    await expect(openSession(wrong, OTHER_USER, { endpointUrl: `127.0.0.1:${emulator.port}` })).rejects.toMatchObject({
      code: 4401,
    });
    const right = clientFor(emulator, { credentials: STRICT_CREDENTIALS });
    const session = await openSession(right, OTHER_USER);
    expect(session.frames[0]?.type).toBe('SESSION_ESTABLISHED');
    await session.stop();
    wrong.destroy();
    right.destroy();
  });
});

describe('browser apps on this machine (CORS)', () => {
  const call = (url: string, method: string, origin: string) =>
    fetch(url, {
      method,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });

  it('answers a preflight from a loopback origin and refuses other sites', async () => {
    emulator = await startQuietEmulator();
    const preflight = await call(`${emulator.endpoint}/channels`, 'OPTIONS', 'http://localhost:5173');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-chime-bearer');
    const foreign = await call(`${emulator.endpoint}/channels`, 'OPTIONS', 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
