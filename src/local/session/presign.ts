import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredentials } from '../protocol/sigv4.js';
import { NodeSha256 } from '../protocol/sha256.js';

/** Where and as whom to open a messaging session. */
export interface SessionUrlOptions {
  /** `127.0.0.1:PORT` (GetMessagingSessionEndpoint's Url). */
  host: string;
  userArn: string;
  credentials: LocalCredentials;
  region?: string;
  /** Default: a random id. */
  sessionId?: string;
  /** Ask for CHANNEL_DETAILS of the user's channels right after SESSION_ESTABLISHED. */
  prefetch?: boolean;
}

/**
 * A `ws://HOST/connect?…` URL presigned as amazon-chime-sdk-js presigns it (SigV4 query, service
 * `chime`, signed header `host`, 10 s expiry), for tools that open a messaging session without the SDK.
 *
 * @param options - host, user ARN, credentials, optional region, session id and prefetch
 * @returns the URL to open with any WebSocket client
 * @example
 * import { WebSocket } from 'ws';
 * import { messagingSessionUrl, startEmulator } from 'chime-channel-flow/local';
 * const emulator = await startEmulator();
 * const { bearer } = emulator.setupChannel({ processor: 'moderate' });
 * const url = await messagingSessionUrl({ host: `127.0.0.1:${emulator.port}`, userArn: bearer, credentials: emulator.credentials });
 * new WebSocket(url).on('message', (frame) => console.log(String(frame)));
 */
export async function messagingSessionUrl(options: SessionUrlOptions): Promise<string> {
  const region = options.region ?? 'us-east-1';
  const signer = new SignatureV4({
    credentials: options.credentials,
    region,
    service: 'chime',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const query: Record<string, string> = {
    userArn: options.userArn,
    sessionId: options.sessionId ?? crypto.randomUUID(),
  };
  if (options.prefetch) query['prefetch-on'] = 'connect';
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'ws:',
      hostname: options.host,
      path: '/connect',
      query,
      headers: { host: options.host },
    },
    { expiresIn: 10 },
  );
  const encoded = Object.entries(signed.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `ws://${options.host}/connect?${encoded}`;
}
