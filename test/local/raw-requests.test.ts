import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Logger } from '../../src/logging/logger.js';
import type { Emulator } from '../../src/local/index.js';
import { NodeSha256 } from '../../src/local/protocol/sha256.js';
import { APP, STRICT_CREDENTIALS, USER, startQuietEmulator } from './helpers.js';

// Requests no SDK would send, signed properly (so only the part under test is wrong) and sent over
// HTTP to 127.0.0.1: the REST-JSON binding's refusals a hand-written client meets.
interface Answer {
  status: number;
  errorType: string | undefined;
  body: { Code?: string; Message?: string } & Record<string, unknown>;
}

async function send(
  emulator: Emulator,
  method: string,
  pathAndQuery: string,
  options: { headers?: Record<string, string>; body?: string; credentials?: typeof STRICT_CREDENTIALS } = {},
): Promise<Answer> {
  const url = new URL(pathAndQuery, emulator.endpoint);
  const host = url.host;
  const signer = new SignatureV4({
    credentials: options.credentials ?? emulator.credentials,
    region: emulator.region,
    service: 'chime',
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: host,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host, ...(options.headers ?? {}) },
    body: options.body,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: emulator.port, method, path: pathAndQuery, headers: signed.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            errorType: res.headers['x-amzn-errortype'] as string | undefined,
            body: text ? JSON.parse(text) : {},
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('raw REST-JSON requests', () => {
  let emulator: Emulator;
  let channelArn: string;

  beforeAll(async () => {
    emulator = await startQuietEmulator();
    const created = await send(emulator, 'POST', '/channels', {
      headers: { 'x-amz-chime-bearer': USER, 'content-type': 'application/json' },
      body: JSON.stringify({ AppInstanceArn: APP, Name: 'raw', ClientRequestToken: 'raw-token-1' }),
    });
    channelArn = String(created.body.ChannelArn);
  });
  afterAll(async () => {
    await emulator.close();
  });

  const messagesPath = (query: string) => `/channels/${encodeURIComponent(channelArn)}/messages?${query}`;

  it('answers 400 for a method the resource does not take, 404 for a path no operation has', async () => {
    // Act
    const wrongMethod = await send(emulator, 'PATCH', '/channels', { headers: { 'x-amz-chime-bearer': USER } });
    const noSuchPath = await send(emulator, 'GET', '/no-such-resource');
    // Assess
    expect([wrongMethod.status, wrongMethod.errorType, wrongMethod.body.Message]).toEqual([
      400,
      'BadRequestException',
      'Method PATCH is not allowed on this resource',
    ]);
    expect([noSuchPath.status, noSuchPath.errorType]).toEqual([404, 'NotFoundException']);
  });

  it('refuses a path label that is not valid percent-encoding', async () => {
    const answer = await send(emulator, 'GET', '/channels/%E0%A4%A', { headers: { 'x-amz-chime-bearer': USER } });
    expect([answer.status, answer.errorType]).toEqual([400, 'BadRequestException']);
    expect(answer.body.Message).toContain('path label channelArn is not valid percent-encoding');
  });

  it('refuses a query integer or timestamp that does not parse, naming the parameter', async () => {
    // Act
    const badMax = await send(emulator, 'GET', messagesPath('max-results=ten'), {
      headers: { 'x-amz-chime-bearer': USER },
    });
    const badTime = await send(emulator, 'GET', messagesPath('not-before=yesterday'), {
      headers: { 'x-amz-chime-bearer': USER },
    });
    // Assess
    expect([badMax.status, badMax.body.Message]).toEqual([400, 'Invalid input: max-results must be an integer']);
    expect([badTime.status, badTime.body.Message]).toEqual([400, 'Invalid input: not-before must be a timestamp']);
  });

  it('reads a query timestamp given as epoch seconds as well as ISO 8601', async () => {
    // Prepare
    await send(emulator, 'POST', `/channels/${encodeURIComponent(channelArn)}/messages`, {
      headers: { 'x-amz-chime-bearer': USER, 'content-type': 'application/json' },
      body: JSON.stringify({
        Content: 'hi',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
        ClientRequestToken: 'raw-m1',
      }),
    });
    const future = Math.floor(Date.now() / 1000) + 3600;
    // Act
    const sinceEpoch = await send(emulator, 'GET', messagesPath('not-before=0'), {
      headers: { 'x-amz-chime-bearer': USER },
    });
    const fromFuture = await send(emulator, 'GET', messagesPath(`not-before=${future}.5`), {
      headers: { 'x-amz-chime-bearer': USER },
    });
    const isoPast = await send(emulator, 'GET', messagesPath('not-before=2000-01-01T00:00:00Z'), {
      headers: { 'x-amz-chime-bearer': USER },
    });
    // Assess
    expect((sinceEpoch.body.ChannelMessages as unknown[]).length).toBe(1);
    expect(fromFuture.body.ChannelMessages).toEqual([]);
    expect((isoPast.body.ChannelMessages as unknown[]).length).toBe(1);
  });

  it('refuses an empty x-amz-chime-bearer header as missing', async () => {
    const answer = await send(emulator, 'GET', messagesPath(''), { headers: { 'x-amz-chime-bearer': '' } });
    expect([answer.status, answer.body.Message]).toEqual([
      400,
      'Invalid input: the x-amz-chime-bearer header (ChimeBearer) is required',
    ]);
  });

  it('refuses a body over 256 KB with 400 and keeps serving', async () => {
    // Act
    const big = await send(emulator, 'POST', `/channels/${encodeURIComponent(channelArn)}/messages`, {
      headers: { 'x-amz-chime-bearer': USER, 'content-type': 'application/json' },
      body: JSON.stringify({ Content: 'x'.repeat(300 * 1024), Type: 'STANDARD', Persistence: 'PERSISTENT' }),
    });
    const after = await send(emulator, 'GET', messagesPath(''), { headers: { 'x-amz-chime-bearer': USER } });
    // Assess
    expect([big.status, big.errorType]).toEqual([400, 'BadRequestException']);
    expect(big.body.Message).toContain('larger than 262144 bytes');
    expect(after.status).toBe(200);
  });
});

describe('raw requests to a strict emulator', () => {
  it('logs a refused signature with the access key id and the reason, never the secret', async () => {
    // Prepare
    const warnings: Array<[string, Record<string, unknown> | undefined]> = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (message, fields) => void warnings.push([message, fields]),
      error() {},
    };
    const emulator = await startQuietEmulator({ logger, credentials: STRICT_CREDENTIALS });
    try {
      // Act
      const answer = await send(emulator, 'GET', `/channels?app-instance-arn=${encodeURIComponent(APP)}`, {
        headers: { 'x-amz-chime-bearer': USER },
        credentials: { accessKeyId: STRICT_CREDENTIALS.accessKeyId, secretAccessKey: 'the-wrong-secret' },
      });
      // Assess
      expect([answer.status, answer.errorType]).toEqual([401, 'UnauthorizedClientException']);
      const refusal = warnings.find(([message]) => message === 'request refused: signature');
      expect(refusal?.[1]).toMatchObject({
        operation: 'ListChannels',
        method: 'GET',
        accessKeyId: STRICT_CREDENTIALS.accessKeyId,
      });
      expect(JSON.stringify(warnings)).not.toContain('the-wrong-secret');
    } finally {
      await emulator.close();
    }
  });
});
