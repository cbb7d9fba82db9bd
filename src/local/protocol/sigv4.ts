import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorShape, ServiceError } from '../errors.js';

/** The local credentials requests must be signed with. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What {@link verifySigV4} needs from the request: raw path and query as sent, lower-cased headers, body bytes. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
// Five minutes either way, as AWS allows; larger skew is a broken clock, worth an error.
const MAX_SKEW_MS = 5 * 60 * 1000;

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
const strictEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

const unauthorized = (message: string): ServiceError => new ServiceError(ErrorShape.Unauthorized, message);

// Deriving the key costs 4 HMACs (~8 us); it changes once a day per region.
const signingKeys = new Map<string, Buffer>();
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (signingKeys.size > 64) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const index = pair.indexOf('=');
      const key = index === -1 ? pair : pair.slice(0, index);
      const value = index === -1 ? '' : pair.slice(index + 1);
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
      return [strictEncode(decode(key)), strictEncode(decode(value))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Non-S3 services sign the path encoded twice: each already-encoded segment is encoded again. */
const canonicalUri = (rawPath: string): string =>
  rawPath
    .split('/')
    .map((segment) => strictEncode(segment))
    .join('/') || '/';

/**
 * Verifies an AWS Signature Version 4 `Authorization` header against the local credentials
 * and signing name (canonical request per the AWS SigV4 documentation). Throws a 401
 * UnauthorizedClientException (the model's error for bad credentials) when it does not match.
 *
 * @example
 * verifySigV4({ method: 'GET', rawPath: '/channel-flows', rawQuery: 'app-instance-arn=...', headers, body }, credentials, 'chime');
 */
export function verifySigV4(
  request: SignedRequest,
  credentials: LocalCredentials,
  service: string,
  now = Date.now(),
): void {
  const header = request.headers.authorization;
  if (typeof header !== 'string')
    throw unauthorized('Missing Authentication Token: requests must be signed with SigV4');
  const parsed = AUTH_PATTERN.exec(header);
  if (!parsed) throw unauthorized('Authorization header is not a valid AWS4-HMAC-SHA256 signature');
  const [, accessKeyId, date, region, signingService, signedHeaderList, signature] = parsed as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId)
    throw unauthorized('The security token included in the request is invalid (unknown access key id)');
  if (signingService !== service) throw unauthorized(`Credential should be scoped to correct service: '${service}'`);
  const amzDate = request.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) {
    throw unauthorized('X-Amz-Date header is missing or does not match the credential scope date');
  }
  const signedAt = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(now - signedAt) > MAX_SKEW_MS)
    throw unauthorized('Signature expired: the request time is too far from the server time');

  const signedHeaders = signedHeaderList!.split(';');
  if (!signedHeaders.includes('host')) throw unauthorized('The host header must be signed');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      // Names come from the request: `constructor` or `__proto__` must read as absent, not as built-ins.
      const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
      const text = Array.isArray(value) ? value.join(',') : (value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const contentHash = request.headers['x-amz-content-sha256'];
  // Verification is strict mode: an unsigned payload would let a body be swapped after signing.
  if (contentHash === 'UNSIGNED-PAYLOAD')
    throw unauthorized('UNSIGNED-PAYLOAD is not accepted when signatures are verified: sign the payload');
  // A client that sends x-amz-content-sha256 signs that value as is.
  const payloadHash = typeof contentHash === 'string' ? contentHash : sha256Hex(request.body);
  let query: string;
  try {
    query = canonicalQuery(request.rawQuery);
  } catch {
    throw unauthorized('The query string is not valid percent-encoding');
  }
  const canonicalRequest = [
    request.method,
    canonicalUri(request.rawPath),
    query,
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${signingService}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const expected = createHmac('sha256', signingKey(credentials.secretAccessKey, date!, region!, signingService!))
    .update(stringToSign)
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) {
    throw unauthorized(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  if (typeof contentHash === 'string' && contentHash !== sha256Hex(request.body)) {
    throw unauthorized('The provided x-amz-content-sha256 header does not match what was computed');
  }
}
