import { describe, expect, it } from '@jest/globals';
import { NodeSha256 } from '../../src/local/protocol/sha256.js';
import { createHash } from 'node:crypto';
import { ServiceError } from '../../src/local/index.js';
import { verifySigV4 } from '../../src/local/protocol/sigv4.js';

// The "get-vanilla" case of the AWS SigV4 test suite (published with the SigV4 documentation).
const VANILLA = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  request: {
    method: 'GET',
    rawPath: '/',
    rawQuery: '',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    },
    body: Buffer.alloc(0),
  },
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
};

const refusal = async (fn: () => Promise<void>): Promise<ServiceError> => {
  try {
    await fn();
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected a refusal');
};
const strict = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  ({ kind: 'strict', credentials }) as const;

interface Change {
  credentials?: typeof VANILLA.credentials;
  service?: string;
  request?: Omit<typeof VANILLA.request, 'headers'> & { headers: Record<string, string> };
  now?: number;
}

describe('verifySigV4', () => {
  it('accepts the AWS test-suite vector', async () => {
    await expect(
      verifySigV4(VANILLA.request, strict(VANILLA.credentials), 'service', VANILLA.now),
    ).resolves.toBeUndefined();
  });

  it.each<[string, Change]>([
    ['a wrong secret', { credentials: { ...VANILLA.credentials, secretAccessKey: 'other' } }],
    ['another access key', { credentials: { ...VANILLA.credentials, accessKeyId: 'AKIDOTHER' } }],
    ['another signing name', { service: 'chime' }],
    ['a changed path', { request: { ...VANILLA.request, rawPath: '/x' } }],
    ['a changed query', { request: { ...VANILLA.request, rawQuery: 'a=b' } }],
    ['a changed body', { request: { ...VANILLA.request, body: Buffer.from('{}') } }],
    [
      'a changed signed header',
      { request: { ...VANILLA.request, headers: { ...VANILLA.request.headers, host: 'evil.example.com' } } },
    ],
    ['a stale date', { now: VANILLA.now + 16 * 60 * 1000 }],
    ['no Authorization header', { request: { ...VANILLA.request, headers: { host: 'example.amazonaws.com' } } }],
  ])('refuses %s with 401 UnauthorizedClientException', async (_case, change) => {
    const error = await refusal(() =>
      verifySigV4(
        change.request ?? VANILLA.request,
        strict(change.credentials ?? VANILLA.credentials),
        change.service ?? 'service',
        change.now ?? VANILLA.now,
      ),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect([error.shape, error.statusCode]).toEqual(['UnauthorizedClientException', 401]);
  });
});

describe('verifySigV4 with x-amz-content-sha256', () => {
  it('checks the declared payload hash against the body', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    // The SDK's signer (a dependency of every SDK client) with node:crypto underneath (NodeSha256).
    const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'chime', sha256: NodeSha256 });
    const body = '{"CallbackId":"x"}';
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/channels/abc',
      query: { operation: 'channel-flow-callback' },
      headers: { host: '127.0.0.1:4566', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
      body,
    });
    const asReceived = (text: string) => ({
      method: 'POST',
      rawPath: '/channels/abc',
      rawQuery: 'operation=channel-flow-callback',
      headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: Buffer.from(text),
    });
    await expect(verifySigV4(asReceived(body), strict(credentials), 'chime')).resolves.toBeUndefined();
    await expect(verifySigV4(asReceived('{"CallbackId":"y"}'), strict(credentials), 'chime')).rejects.toThrow(
      ServiceError,
    );
  });
});

describe('verifySigV4 in the default mode (any key)', () => {
  it('accepts a well-formed signature from any access key and secret', async () => {
    const other = { ...VANILLA.request, headers: { ...VANILLA.request.headers } };
    other.headers.authorization = other.headers.authorization.replace('AKIDEXAMPLE', 'test');
    await expect(verifySigV4(other, { kind: 'any' }, 'service', VANILLA.now)).resolves.toBeUndefined();
  });

  it.each([
    ['no Authorization header', { host: 'h' }],
    ['a malformed Authorization header', { host: 'h', authorization: 'Bearer abc', 'x-amz-date': '20150830T123600Z' }],
  ])('still refuses %s', async (_case, headers) => {
    const error = await refusal(() => verifySigV4({ ...VANILLA.request, headers }, { kind: 'any' }, 'service'));
    expect(error.statusCode).toBe(401);
  });

  it('still refuses a scope for another service', async () => {
    const error = await refusal(() => verifySigV4(VANILLA.request, { kind: 'any' }, 'chime', VANILLA.now));
    expect(error.message).toMatch(/scoped to correct service: 'chime'/);
  });
});
