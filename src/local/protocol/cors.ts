import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
/** What the SDK v3 sends from a browser: the signature's headers, the bearer, the SDK's own. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'x-amz-chime-bearer',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ');

/** How a request's Origin is treated: no Origin (SDKs, CLI), a page on this machine, or another site. */
export type OriginVerdict = 'none' | 'loopback' | 'foreign';

export const originOf = (req: IncomingMessage): OriginVerdict => {
  const origin = req.headers.origin;
  if (origin === undefined) return 'none';
  return LOOPBACK_ORIGIN.test(origin) ? 'loopback' : 'foreign';
};

/**
 * Lets a web app served from this machine (`http://localhost:5173`, `http://127.0.0.1:8080`) call the
 * emulator with the SDK from the browser; pages of other sites get 403 and no CORS headers, so they
 * can neither read answers nor send signed requests. Returns true when the request was answered
 * here (a preflight or a refusal).
 *
 * @example
 * if (answerCors(req, res)) return;
 */
export function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  const verdict = originOf(req);
  if (verdict === 'none') return false;
  if (verdict === 'foreign') {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end('{"Code":"Forbidden","Message":"Requests from pages of other sites are refused"}');
    return true;
  }
  res.setHeader('access-control-allow-origin', req.headers.origin!);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', 'x-amzn-errortype, x-amzn-requestid');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
