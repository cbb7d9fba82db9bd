import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../local/protocol/sha256.js';
import type { LocalCredentials } from '../local/protocol/sigv4.js';
import { messagingSessionUrl } from '../local/session/presign.js';

/** A JSON answer from the emulator's own API (status and parsed body). */
export interface LoopbackAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Signs the console's calls to its own emulator the way any client does (SigV4, service `chime`),
 * so they pass strict mode too, and presigns the messaging-session URL the page opens.
 *
 * @example
 * const signer = new LoopbackSigner('http://127.0.0.1:4599', 'us-east-1', credentials);
 * await signer.json('GET', '/app-instance-users', { 'app-instance-arn': arn });
 */
export class LoopbackSigner {
  private readonly signer: SignatureV4;
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly region: string,
    private readonly credentials: LocalCredentials,
  ) {
    this.url = new URL(endpoint);
    this.signer = new SignatureV4({ credentials, region, service: 'chime', sha256: NodeSha256 });
  }

  /**
   * Sends a signed JSON request to the emulator.
   *
   * @param method HTTP method
   * @param path the operation's path (already encoded)
   * @param query query parameters
   * @param body JSON body, if any
   * @param headers extra headers (e.g. `x-amz-chime-bearer`)
   * @returns the status and the parsed body
   * @example
   * await signer.json('POST', '/app-instance-users', {}, { AppInstanceArn, AppInstanceUserId: 'ana', Name: 'ana' });
   */
  async json(
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LoopbackAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const signed = await this.signer.sign({
      method,
      protocol: 'http:',
      hostname: this.url.hostname,
      port: Number(this.url.port),
      path,
      query,
      headers: {
        host: this.url.host,
        ...headers,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: payload }),
    });
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${this.url.origin}${path}${search ? `?${search}` : ''}`, {
      method,
      headers: signed.headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /**
   * A presigned `ws://HOST/connect?...` URL for one user's messaging session, valid for 10 s
   * (as the service's own: the WebSocket opens right away).
   *
   * @param userArn the AppInstanceUser the session belongs to
   * @param sessionId a fresh id per session
   * @returns the URL the page opens
   * @example
   * const url = await signer.presignConnect(userArn, crypto.randomUUID());
   */
  presignConnect(userArn: string, sessionId: string): Promise<string> {
    return messagingSessionUrl({
      host: this.url.host,
      userArn,
      sessionId,
      credentials: this.credentials,
      region: this.region,
    });
  }
}
