import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { ErrorShape, ServiceError } from '../errors.js';
import { NodeSha256 } from './sha256.js';

/** The credentials strict mode verifies requests against. */
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

/** How requests are checked: `any` accepts every well-formed signature (LocalStack's habit), `strict` verifies it. */
export type SignatureMode = { kind: 'any' } | { kind: 'strict'; credentials: LocalCredentials };

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const CREDENTIAL_PATTERN = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;
// Five minutes either way, as AWS allows; larger skew is a broken clock, worth an error.
const MAX_SKEW_MS = 5 * 60 * 1000;

const unauthorized = (message: string): ServiceError => new ServiceError(ErrorShape.Unauthorized, message);

const signers = new Map<string, SignatureV4>();
function signerFor(credentials: LocalCredentials, region: string, service: string): SignatureV4 {
  const key = `${credentials.accessKeyId}\n${credentials.secretAccessKey}\n${region}\n${service}`;
  let signer = signers.get(key);
  if (!signer) {
    // Non-S3 services sign the path encoded twice (uriEscapePath), which the SDKs do too.
    signer = new SignatureV4({
      credentials,
      region,
      service,
      sha256: NodeSha256,
      uriEscapePath: true,
      applyChecksum: false,
    });
    if (signers.size > 64) signers.clear();
    signers.set(key, signer);
  }
  return signer;
}

const parseAmzDate = (value: string): Date =>
  new Date(
    Date.UTC(
      +value.slice(0, 4),
      +value.slice(4, 6) - 1,
      +value.slice(6, 8),
      +value.slice(9, 11),
      +value.slice(11, 13),
      +value.slice(13, 15),
    ),
  );

function queryRecord(params: Iterable<[string, string]>, skip?: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (key === skip) continue;
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

function parseQuery(rawQuery: string): URLSearchParams {
  try {
    // Throws on malformed percent-encoding (URLSearchParams alone would keep it as is).
    decodeURIComponent(rawQuery.replace(/\+/g, ' '));
  } catch {
    throw unauthorized('The query string is not valid percent-encoding');
  }
  return new URLSearchParams(rawQuery);
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 401 strict mode answers a request signed with another key: it names the key it expects. */
function wrongKey(expected: string): ServiceError {
  return unauthorized(
    `The security token included in the request is invalid: this emulator runs in strict mode and expects access key id ${expected}`,
  );
}

/**
 * Checks an `Authorization: AWS4-HMAC-SHA256 …` header. Every mode refuses a missing or malformed
 * header and a scope for another service; strict mode also re-signs the request with
 * `@smithy/signature-v4` and compares, and refuses clocks more than five minutes off.
 *
 * @param request - method, raw path and query as sent, lower-cased headers, body bytes
 * @param mode - `{ kind: 'any' }` or `{ kind: 'strict', credentials }`
 * @param service - the signing name the scope must carry (`chime`)
 * @param now - the server clock, for the skew check
 * @throws ServiceError 401 UnauthorizedClientException when the request is refused
 * @example
 * await verifySigV4({ method: 'GET', rawPath: '/channel-flows', rawQuery: '', headers, body }, { kind: 'any' }, 'chime');
 */
export async function verifySigV4(
  request: SignedRequest,
  mode: SignatureMode,
  service: string,
  now = Date.now(),
): Promise<void> {
  const header = request.headers.authorization;
  if (typeof header !== 'string')
    throw unauthorized('Missing Authentication Token: requests must be signed with SigV4');
  const parsed = AUTH_PATTERN.exec(header);
  if (!parsed) throw unauthorized('Authorization header is not a valid AWS4-HMAC-SHA256 signature');
  const [, accessKeyId = '', date = '', region = '', signingService = '', signedHeaderList = '', signature = ''] =
    parsed;
  if (signingService !== service) throw unauthorized(`Credential should be scoped to correct service: '${service}'`);
  const amzDate = request.headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !AMZ_DATE.test(amzDate) || amzDate.slice(0, 8) !== date)
    throw unauthorized('X-Amz-Date header is missing or does not match the credential scope date');
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) throw unauthorized('The host header must be signed');
  const params = parseQuery(request.rawQuery);
  if (mode.kind === 'any') return;

  if (accessKeyId !== mode.credentials.accessKeyId) throw wrongKey(mode.credentials.accessKeyId);
  const signedAt = parseAmzDate(amzDate);
  if (Math.abs(now - signedAt.getTime()) > MAX_SKEW_MS)
    throw unauthorized('Signature expired: the request time is too far from the server time');
  const contentHash = request.headers['x-amz-content-sha256'];
  // Strict mode verifies: an unsigned payload would let a body be swapped after signing.
  if (contentHash === 'UNSIGNED-PAYLOAD')
    throw unauthorized('UNSIGNED-PAYLOAD is not accepted when signatures are verified: sign the payload');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    // Names come from the request: `constructor` or `__proto__` must read as absent, not as built-ins.
    const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const signed = await signerFor(mode.credentials, region, signingService).sign(
    {
      method: request.method,
      protocol: 'http:',
      // `host` is among the signed headers (checked above), so the loop set it.
      hostname: headers.host!,
      path: request.rawPath,
      query: queryRecord(params),
      headers,
      body: request.body,
    },
    { signingDate: signedAt, signingRegion: region, signingService },
  );
  // The signer's Authorization header ends with `Signature=` and the 64 hex digits.
  const expected = String(signed.headers.authorization).slice(-64);
  if (!sameSignature(expected, signature))
    throw unauthorized(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  if (typeof contentHash === 'string' && contentHash !== createHash('sha256').update(request.body).digest('hex'))
    throw unauthorized('The provided x-amz-content-sha256 header does not match what was computed');
}

/** What a presigned URL's query claims; the access key id is the part a refusal may name. */
export interface PresignedClaims {
  accessKeyId: string;
  region: string;
}

/**
 * Checks a SigV4 presigned query (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
 * `X-Amz-Expires`, `X-Amz-SignedHeaders=host`, `X-Amz-Signature`), as the messaging session's
 * `/connect` receives it. Strict mode re-presigns with `@smithy/signature-v4` and compares.
 *
 * @param request - method, path, raw query and the Host header
 * @param mode - `{ kind: 'any' }` or `{ kind: 'strict', credentials }`
 * @param service - the signing name the scope must carry (`chime`)
 * @param now - the server clock, for expiry
 * @returns the access key id and region of the credential scope
 * @throws ServiceError 401 UnauthorizedClientException when the query is refused
 * @example
 * await verifyPresignedUrl({ method: 'GET', rawPath: '/connect', rawQuery, host: '127.0.0.1:8600' }, { kind: 'any' }, 'chime');
 */
export async function verifyPresignedUrl(
  request: { method: string; rawPath: string; rawQuery: string; host: string },
  mode: SignatureMode,
  service: string,
  now = Date.now(),
): Promise<PresignedClaims> {
  const params = parseQuery(request.rawQuery);
  if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    throw unauthorized('X-Amz-Algorithm must be AWS4-HMAC-SHA256');
  const credential = CREDENTIAL_PATTERN.exec(params.get('X-Amz-Credential') ?? '');
  if (!credential) throw unauthorized('X-Amz-Credential is missing or malformed');
  const [, accessKeyId = '', date = '', region = '', signingService = ''] = credential;
  if (signingService !== service) throw unauthorized(`Credential should be scoped to correct service: '${service}'`);
  const amzDate = params.get('X-Amz-Date') ?? '';
  if (!AMZ_DATE.test(amzDate) || amzDate.slice(0, 8) !== date)
    throw unauthorized('X-Amz-Date is missing or does not match the credential scope date');
  const expires = Number(params.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > 604800)
    throw unauthorized('X-Amz-Expires must be 1 to 604800 seconds');
  if (params.get('X-Amz-SignedHeaders') !== 'host') throw unauthorized('X-Amz-SignedHeaders must be host');
  const signature = params.get('X-Amz-Signature') ?? '';
  if (!/^[0-9a-f]{64}$/.test(signature)) throw unauthorized('X-Amz-Signature is missing or malformed');
  if (mode.kind === 'any') return { accessKeyId, region };

  if (accessKeyId !== mode.credentials.accessKeyId) throw wrongKey(mode.credentials.accessKeyId);
  const signedAt = parseAmzDate(amzDate);
  if (now > signedAt.getTime() + expires * 1000 + MAX_SKEW_MS || now < signedAt.getTime() - MAX_SKEW_MS)
    throw unauthorized('Signature expired: the presigned URL is no longer valid');
  const presigned = await signerFor(mode.credentials, region, signingService).presign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: request.host,
      path: request.rawPath,
      query: queryRecord(params, 'X-Amz-Signature'),
      headers: { host: request.host },
    },
    { signingDate: signedAt, expiresIn: expires, signingRegion: region, signingService },
  );
  if (!sameSignature(String(presigned.query?.['X-Amz-Signature'] ?? ''), signature))
    throw unauthorized('The presigned URL signature does not match. Check your AWS Secret Access Key.');
  return { accessKeyId, region };
}
