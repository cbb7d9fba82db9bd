import { describe, expect, it } from '@jest/globals';
import { verifySigV4, ServiceError } from '../../src/local/index.js';

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
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    },
    body: Buffer.alloc(0),
  },
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
};

const refusal = (fn: () => void): ServiceError => {
  try {
    fn();
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected a refusal');
};

interface Change {
  credentials?: typeof VANILLA.credentials;
  service?: string;
  request?: Omit<typeof VANILLA.request, 'headers'> & { headers: Record<string, string> };
  now?: number;
}

describe('verifySigV4', () => {
  it('accepts the AWS test-suite vector', () => {
    expect(() => verifySigV4(VANILLA.request, VANILLA.credentials, 'service', VANILLA.now)).not.toThrow();
  });

  it.each<[string, Change]>([
    ['a wrong secret', { credentials: { ...VANILLA.credentials, secretAccessKey: 'other' } }],
    ['another access key', { credentials: { ...VANILLA.credentials, accessKeyId: 'AKIDOTHER' } }],
    ['another signing name', { service: 'chime' }],
    ['a changed path', { request: { ...VANILLA.request, rawPath: '/x' } }],
    ['a changed query', { request: { ...VANILLA.request, rawQuery: 'a=b' } }],
    ['a changed body', { request: { ...VANILLA.request, body: Buffer.from('{}') } }],
    ['a changed signed header', { request: { ...VANILLA.request, headers: { ...VANILLA.request.headers, host: 'evil.example.com' } } }],
    ['a stale date', { now: VANILLA.now + 16 * 60 * 1000 }],
    ['no Authorization header', { request: { ...VANILLA.request, headers: { host: 'example.amazonaws.com' } } }],
  ])('refuses %s with 401 UnauthorizedClientException', (_case, change) => {
    const error = refusal(() => verifySigV4(change.request ?? VANILLA.request, change.credentials ?? VANILLA.credentials, change.service ?? 'service', change.now ?? VANILLA.now));
    expect(error).toBeInstanceOf(ServiceError);
    expect([error.shape, error.statusCode]).toEqual(['UnauthorizedClientException', 401]);
  });
});
