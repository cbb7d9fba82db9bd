import { describe, expect, it } from '@jest/globals';
import { SignatureV4 } from '@smithy/signature-v4';
import { ServiceError } from '../../src/local/index.js';
import { NodeSha256 } from '../../src/local/protocol/sha256.js';
import { verifyPresignedUrl, verifySigV4 } from '../../src/local/protocol/sigv4.js';
import type { SignedRequest } from '../../src/local/protocol/sigv4.js';
import { messagingSessionUrl } from '../../src/local/session/presign.js';

// Unit tests of the session's presigned /connect URL (made by messagingSessionUrl, checked by
// verifyPresignedUrl) and of the header-signature edges verifySigV4 refuses. No network: the
// URLs are parsed, never opened.
const CREDENTIALS = { accessKeyId: 'AKIDPRESIGN', secretAccessKey: 'presign-secret' };
const HOST = '127.0.0.1:8600';
const USER_ARN = 'arn:aws:chime:us-east-1:123456789012:app-instance/app/user/alice';
const strict = { kind: 'strict', credentials: CREDENTIALS } as const;

const refusal = async (promise: Promise<unknown>): Promise<ServiceError> => {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected a refusal');
};
const asConnect = (url: string) => {
  const parsed = new URL(url.replace(/^ws:/, 'http:'));
  return { method: 'GET', rawPath: parsed.pathname, rawQuery: parsed.search.slice(1), host: parsed.host };
};
/** The query of a URL with one parameter replaced (or removed with `undefined`). */
const withParam = (rawQuery: string, name: string, value: string | undefined): string => {
  const params = new URLSearchParams(rawQuery);
  if (value === undefined) params.delete(name);
  else params.set(name, value);
  return params.toString();
};

describe('messagingSessionUrl', () => {
  it('makes a ws:// /connect URL that strict verification accepts, naming the key and region', async () => {
    // Act
    const url = await messagingSessionUrl({
      host: HOST,
      userArn: USER_ARN,
      credentials: CREDENTIALS,
      sessionId: 's-1',
    });
    const claims = await verifyPresignedUrl(asConnect(url), strict, 'chime');
    // Assess
    const params = new URL(url).searchParams;
    expect(url.startsWith(`ws://${HOST}/connect?`)).toBe(true);
    expect([params.get('userArn'), params.get('sessionId'), params.get('X-Amz-Expires')]).toEqual([
      USER_ARN,
      's-1',
      '10',
    ]);
    expect(params.has('prefetch-on')).toBe(false);
    expect(claims).toEqual({ accessKeyId: CREDENTIALS.accessKeyId, region: 'us-east-1' });
  });

  it('asks for prefetch, signs for the given region and picks a fresh session id each time', async () => {
    // Act
    const options = { host: HOST, userArn: USER_ARN, credentials: CREDENTIALS, region: 'eu-west-1', prefetch: true };
    const first = await messagingSessionUrl(options);
    const second = await messagingSessionUrl(options);
    const claims = await verifyPresignedUrl(asConnect(first), strict, 'chime');
    // Assess
    expect(new URL(first).searchParams.get('prefetch-on')).toBe('connect');
    expect(new URL(first).searchParams.get('sessionId')).not.toBe(new URL(second).searchParams.get('sessionId'));
    expect(claims.region).toBe('eu-west-1');
  });
});

describe('verifyPresignedUrl', () => {
  const fresh = async () =>
    asConnect(await messagingSessionUrl({ host: HOST, userArn: USER_ARN, credentials: CREDENTIALS }));

  it('accepts any key in the default mode but still checks the query is a presigned one', async () => {
    // Prepare
    const request = asConnect(
      await messagingSessionUrl({
        host: HOST,
        userArn: USER_ARN,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      }),
    );
    // Act
    const claims = await verifyPresignedUrl(request, { kind: 'any' }, 'chime');
    const unsigned = await refusal(
      verifyPresignedUrl(
        { ...request, rawQuery: withParam(request.rawQuery, 'X-Amz-Signature', undefined) },
        { kind: 'any' },
        'chime',
      ),
    );
    // Assess
    expect(claims.accessKeyId).toBe('x');
    expect(unsigned.message).toContain('X-Amz-Signature');
  });

  it.each<[string, string, string | undefined, string]>([
    ['no algorithm', 'X-Amz-Algorithm', undefined, 'X-Amz-Algorithm'],
    ['another algorithm', 'X-Amz-Algorithm', 'AWS4-HMAC-SHA1', 'X-Amz-Algorithm'],
    ['no credential', 'X-Amz-Credential', undefined, 'X-Amz-Credential'],
    ['a credential without a scope', 'X-Amz-Credential', 'AKIDPRESIGN', 'X-Amz-Credential'],
    ['a scope for another service', 'X-Amz-Credential', 'AKIDPRESIGN/20260101/us-east-1/s3/aws4_request', 'scoped'],
    ['no date', 'X-Amz-Date', undefined, 'X-Amz-Date'],
    ['a date outside the scope day', 'X-Amz-Date', '19990101T000000Z', 'X-Amz-Date'],
    ['no expiry', 'X-Amz-Expires', undefined, 'X-Amz-Expires'],
    ['a zero expiry', 'X-Amz-Expires', '0', 'X-Amz-Expires'],
    ['an expiry over seven days', 'X-Amz-Expires', '604801', 'X-Amz-Expires'],
    ['a fractional expiry', 'X-Amz-Expires', '1.5', 'X-Amz-Expires'],
    ['more signed headers than host', 'X-Amz-SignedHeaders', 'host;x-amz-date', 'X-Amz-SignedHeaders'],
    ['a short signature', 'X-Amz-Signature', 'abc', 'X-Amz-Signature'],
  ])('refuses %s with 401, naming the parameter', async (_case, name, value, named) => {
    // Prepare
    const request = await fresh();
    // Act
    const error = await refusal(
      verifyPresignedUrl({ ...request, rawQuery: withParam(request.rawQuery, name, value) }, { kind: 'any' }, 'chime'),
    );
    // Assess
    expect(error).toBeInstanceOf(ServiceError);
    expect([error.shape, error.statusCode]).toEqual(['UnauthorizedClientException', 401]);
    expect(error.message).toContain(named);
  });

  it('refuses malformed percent-encoding in the query', async () => {
    const request = await fresh();
    const error = await refusal(
      verifyPresignedUrl({ ...request, rawQuery: `${request.rawQuery}&bad=%E0%A4%A` }, strict, 'chime'),
    );
    expect([error.statusCode, error.message]).toEqual([401, 'The query string is not valid percent-encoding']);
  });

  it('in strict mode refuses another key (naming the expected one), another secret, a changed query and a changed host', async () => {
    // Prepare
    const request = await fresh();
    const otherKey = asConnect(
      await messagingSessionUrl({
        host: HOST,
        userArn: USER_ARN,
        credentials: { ...CREDENTIALS, accessKeyId: 'AKIDOTHER' },
      }),
    );
    const otherSecret = asConnect(
      await messagingSessionUrl({
        host: HOST,
        userArn: USER_ARN,
        credentials: { ...CREDENTIALS, secretAccessKey: 'nope' },
      }),
    );
    // Act
    const errors = await Promise.all([
      refusal(verifyPresignedUrl(otherKey, strict, 'chime')),
      refusal(verifyPresignedUrl(otherSecret, strict, 'chime')),
      refusal(
        verifyPresignedUrl(
          { ...request, rawQuery: withParam(request.rawQuery, 'userArn', `${USER_ARN}x`) },
          strict,
          'chime',
        ),
      ),
      refusal(verifyPresignedUrl({ ...request, host: '127.0.0.1:9999' }, strict, 'chime')),
    ]);
    // Assess
    expect(errors.map((e) => e.statusCode)).toEqual([401, 401, 401, 401]);
    expect(errors[0]?.message).toContain(`expects access key id ${CREDENTIALS.accessKeyId}`);
    for (const error of errors.slice(1)) expect(error.message).toContain('signature does not match');
  });

  it('in strict mode refuses a URL used after its expiry (plus five minutes of skew) or signed in the future', async () => {
    // Prepare
    const request = await fresh();
    const signedAt = Date.now();
    // Act
    const late = await refusal(verifyPresignedUrl(request, strict, 'chime', signedAt + 10_000 + 6 * 60_000));
    const early = await refusal(verifyPresignedUrl(request, strict, 'chime', signedAt - 6 * 60_000));
    const withinSkew = await verifyPresignedUrl(request, strict, 'chime', signedAt + 10_000 + 4 * 60_000);
    // Assess
    expect([late.statusCode, early.statusCode]).toEqual([401, 401]);
    expect(late.message).toContain('no longer valid');
    expect(withinSkew.accessKeyId).toBe(CREDENTIALS.accessKeyId);
  });
});

describe('verifySigV4 header edges', () => {
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: 'us-east-1',
    service: 'chime',
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  /** Signs as an SDK client does and returns the request as the server reads it. */
  const signed = async (
    rawQuery: string,
    query: Record<string, string | string[]>,
    headers: Record<string, string> = {},
    body = '',
  ): Promise<SignedRequest> => {
    const out = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: HOST,
      path: '/channels',
      query,
      headers: { host: HOST, ...headers },
      body,
    });
    const lower = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return { method: 'POST', rawPath: '/channels', rawQuery, headers: lower, body: Buffer.from(body) };
  };

  it('verifies a query with a repeated parameter', async () => {
    const request = await signed('tag=a&tag=b&tag=c', { tag: ['a', 'b', 'c'] });
    await expect(verifySigV4(request, strict, 'chime')).resolves.toBeUndefined();
  });

  it('verifies a signed header that arrives as several values (joined with commas, as Node does)', async () => {
    // Prepare: signed with the joined value, received as an array
    const request = await signed('', {}, { 'x-custom': 'one,two' });
    // Act
    const result = verifySigV4(
      { ...request, headers: { ...request.headers, 'x-custom': ['one', 'two'] } },
      strict,
      'chime',
    );
    // Assess
    await expect(result).resolves.toBeUndefined();
  });

  it('reads a signed header name such as constructor as absent, not as a built-in', async () => {
    // Prepare: the signature claims a `constructor` header that the request does not carry
    const request = await signed('', {});
    const authorization = String(request.headers.authorization).replace('SignedHeaders=', 'SignedHeaders=constructor;');
    // Act
    const error = await refusal(
      verifySigV4({ ...request, headers: { ...request.headers, authorization } }, strict, 'chime'),
    );
    // Assess
    expect([error.statusCode, error.message]).toEqual([401, expect.stringContaining('does not match the signature')]);
  });

  it.each<[string, (r: SignedRequest) => SignedRequest, string]>([
    [
      'an unsigned host header',
      (r) => ({
        ...r,
        headers: {
          ...r.headers,
          authorization: String(r.headers.authorization).replace('SignedHeaders=host;', 'SignedHeaders='),
        },
      }),
      'The host header must be signed',
    ],
    [
      'an X-Amz-Date of another day than the scope',
      (r) => ({ ...r, headers: { ...r.headers, 'x-amz-date': '19990101T000000Z' } }),
      'X-Amz-Date',
    ],
    ['a missing X-Amz-Date', (r) => ({ ...r, headers: { ...r.headers, 'x-amz-date': undefined } }), 'X-Amz-Date'],
    [
      'an Authorization header that is not SigV4',
      (r) => ({ ...r, headers: { ...r.headers, authorization: 'Bearer abc' } }),
      'not a valid AWS4-HMAC-SHA256 signature',
    ],
    [
      'an unsigned payload',
      (r) => ({ ...r, headers: { ...r.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
      'UNSIGNED-PAYLOAD',
    ],
    ['malformed percent-encoding in the query', (r) => ({ ...r, rawQuery: 'a=%ZZ' }), 'percent-encoding'],
  ])('refuses %s with 401', async (_case, change, message) => {
    // Prepare
    const request = change(await signed('', {}));
    // Act
    const error = await refusal(verifySigV4(request, strict, 'chime'));
    // Assess
    expect([error.shape, error.statusCode]).toEqual(['UnauthorizedClientException', 401]);
    expect(error.message).toContain(message);
  });

  it('keeps verifying correctly when requests come from many distinct credentials and regions', async () => {
    // Prepare: more signer configurations than the verifier caches (it starts over past 64)
    const regions = Array.from({ length: 70 }, (_, i) => `test-region-${i}`);
    // Act
    const results = await Promise.all(
      regions.map(async (region) => {
        const regional = new SignatureV4({
          credentials: CREDENTIALS,
          region,
          service: 'chime',
          sha256: NodeSha256,
          uriEscapePath: true,
          applyChecksum: false,
        });
        const out = await regional.sign({
          method: 'GET',
          protocol: 'http:',
          hostname: HOST,
          path: '/channels',
          headers: { host: HOST },
        });
        const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        return verifySigV4(
          { method: 'GET', rawPath: '/channels', rawQuery: '', headers, body: Buffer.alloc(0) },
          strict,
          'chime',
        ).then(
          () => 'ok',
          (error: Error) => error.message,
        );
      }),
    );
    // Assess
    expect(new Set(results)).toEqual(new Set(['ok']));
  });
});
