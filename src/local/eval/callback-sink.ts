import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A ChannelFlowCallback body as the SDK sends it. */
interface CapturedCallback {
  CallbackId: string;
  DeleteResource?: boolean;
  ChannelMessage?: { MessageId?: string; Content?: string; Metadata?: string };
}

/** A loopback HTTP endpoint that accepts ChannelFlowCallback calls and keeps them by CallbackId. */
export interface CallbackSink {
  endpoint: string;
  /** Returns and forgets the callback sent for `callbackId`. */
  take(callbackId: string): CapturedCallback | undefined;
  close(): Promise<void>;
}

const CALLBACK_PATH = /^\/channels\/[^/?]+\?(?:.*&)?operation=channel-flow-callback(?:&|$)/;

function reply(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/**
 * Starts the sink on 127.0.0.1 (a free port). It answers callbacks as the service does
 * (`{ ChannelArn, CallbackId }`) without checking signatures, and refuses other hosts.
 *
 * @returns the sink, listening
 * @example
 * const sink = await startCallbackSink();
 * process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING = sink.endpoint;
 */
export async function startCallbackSink(): Promise<CallbackSink> {
  const received = new Map<string, CapturedCallback>();
  let host = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.host !== host || req.headers.origin !== undefined)
      return reply(res, 403, { Code: 'Forbidden', Message: 'loopback only' }, 'ForbiddenException');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !CALLBACK_PATH.test(req.url ?? ''))
        return reply(res, 400, { Code: 'BadRequest', Message: 'only ChannelFlowCallback' }, 'BadRequestException');
      let body: CapturedCallback;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CapturedCallback;
      } catch {
        return reply(res, 400, { Code: 'BadRequest', Message: 'body is not JSON' }, 'BadRequestException');
      }
      const channelArn = decodeURIComponent((req.url ?? '').split('/')[2]?.split('?')[0] ?? '');
      if (typeof body?.CallbackId !== 'string' || received.has(body.CallbackId))
        return reply(res, 409, { Code: 'Conflict', Message: 'callback already received' }, 'ConflictException');
      received.set(body.CallbackId, body);
      reply(res, 200, { ChannelArn: channelArn, CallbackId: body.CallbackId });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    endpoint: `http://${host}`,
    take(callbackId) {
      const callback = received.get(callbackId);
      received.delete(callbackId);
      return callback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
