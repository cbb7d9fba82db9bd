import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../logging/logger.js';
import { ServiceError } from '../errors.js';
import { originOf } from '../protocol/cors.js';
import { isLoopbackHost } from '../protocol/loopback.js';
import { verifyPresignedUrl } from '../protocol/sigv4.js';
import type { SignatureMode } from '../protocol/sigv4.js';
import type { SessionHub } from './hub.js';

/** Close codes the client knows: 4401 means unauthorized and is never retried by amazon-chime-sdk-js. */
const CloseCode = { Unauthorized: 4401, BadRequest: 4400 } as const;

const ARN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}$/;

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves `GET /connect?…` upgrades on the emulator's HTTP server with the `ws` package. The
 * presigned query is checked (any key by default, the configured key in strict mode); a bad one
 * is accepted as a WebSocket and closed with 4401, which is how clients learn they are refused.
 * Foreign Host and Origin headers are refused before the upgrade (a page on another site cannot
 * open sessions here).
 *
 * @example
 * attachMessagingSessions(server, { hub, mode: { kind: 'any' }, logger });
 */
export function attachMessagingSessions(
  server: Server,
  deps: { hub: SessionHub; mode: SignatureMode; logger: Logger },
): WebSocketServer {
  // No permessage-deflate: the hub writes whole frames beside `ws` (see Outbox), which needs `ws`
  // never to hold frames back in a compression queue.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = req.url ?? '/';
    const queryIndex = url.indexOf('?');
    const rawPath = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const rawQuery = queryIndex === -1 ? '' : url.slice(queryIndex + 1);
    if (rawPath !== '/connect') return refuseUpgrade(socket, 404, 'Not Found');
    const host = req.headers.host ?? '';
    if (!isLoopbackHost(host) || originOf(req) === 'foreign') return refuseUpgrade(socket, 403, 'Forbidden');
    void verifyPresignedUrl({ method: 'GET', rawPath, rawQuery, host }, deps.mode, 'chime').then(
      () => {
        const params = new URLSearchParams(rawQuery);
        const userArn = params.get('userArn') ?? '';
        const sessionId = params.get('sessionId') ?? '';
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!ARN.test(userArn) || sessionId === '') {
            ws.close(CloseCode.BadRequest, 'userArn and sessionId are required');
            return;
          }
          deps.hub.open(ws, socket, userArn, sessionId, params.get('prefetch-on') === 'connect');
        });
      },
      (error: unknown) => {
        const reason = error instanceof ServiceError ? error.message : 'Unauthorized';
        deps.logger.warn('messaging session refused', {
          path: rawPath,
          accessKeyId: /X-Amz-Credential=([^%/&]+)/.exec(rawQuery)?.[1],
          reason,
        });
        wss.handleUpgrade(req, socket, head, (ws) => ws.close(CloseCode.Unauthorized, reason.slice(0, 120)));
      },
    );
  });
  return wss;
}
