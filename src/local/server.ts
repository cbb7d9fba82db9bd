import { ChannelFlowError } from '../errors.js';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';
import { ErrorShape, ServiceError } from './errors.js';
import type { FaultDice } from './flow/faults.js';
import type { FlowEngine } from './flow/engine.js';
import { buildInput, matchRoute } from './protocol/router.js';
import { answerCors } from './protocol/cors.js';
import { isLoopbackHost } from './protocol/loopback.js';
import { verifySigV4 } from './protocol/sigv4.js';
import type { SignatureMode } from './protocol/sigv4.js';
import { appSideHandlers } from './operations/app-side-handlers.js';
import type { SessionHub } from './session/hub.js';
import { validateShape } from './protocol/validate.js';
import type { StateWriteError, Store } from './state/store.js';
import type { RouteHandler } from './operations/context.js';
import { route } from './operations/context.js';
import { channelFlowCallback } from './operations/callback.js';
import {
  deleteChannelFlow,
  describeChannelFlow,
  listChannelFlows,
  updateChannelFlow,
} from './operations/channel-flows.js';
import { associateChannelFlow, describeChannel, disassociateChannelFlow } from './operations/channels.js';
import { getChannelMessage, getChannelMessageStatus, updateChannelMessage } from './operations/messages.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bodies above this are refused before parsing; the largest valid request is far below it. */
const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  store: Store;
  engine: FlowEngine;
  /** Any well-formed signature (default) or strict verification against one key. */
  mode: SignatureMode;
  dice: FaultDice;
  logger: Logger;
  /** Extra routes served before the API (the console under /console/); the handler returns true when it answered. */
  mounts?: { console?: (req: IncomingMessage, res: ServerResponse) => boolean };
  /** Sees each operation's validated input before it runs (the console records ChannelFlowCallback inputs). */
  observe?: (operation: string, input: Record<string, unknown>) => void;
  sessions: SessionHub;
  region: string;
  account: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The connection was dropped on purpose (fault `reset`); nothing is answered. */
class ConnectionResetError extends ChannelFlowError {
  constructor() {
    super('Connection reset by the reset fault');
    this.name = 'ConnectionResetError';
  }
}

/**
 * The HTTP face of the emulator: REST-JSON routing from the model, SigV4, validation,
 * faults on ChannelFlowCallback, and errors as the service sends them.
 *
 * @example
 * const server = createEmulatorServer({ store, engine, credentials, dice, logger });
 * server.listen(0, '127.0.0.1');
 */
export function createEmulatorServer(deps: ServerDeps): Server {
  // Identity, memberships, channel administration and the wrapped CreateChannel, CreateChannelFlow,
  // SendChannelMessage and ListChannelMessages come from the app side.
  const handlers: Record<string, RouteHandler> = {
    DescribeChannelFlow: route(describeChannelFlow),
    UpdateChannelFlow: route(updateChannelFlow),
    DeleteChannelFlow: route(deleteChannelFlow),
    ListChannelFlows: route(listChannelFlows),
    DescribeChannel: route(describeChannel),
    AssociateChannelFlow: route(associateChannelFlow),
    DisassociateChannelFlow: route(disassociateChannelFlow),
    UpdateChannelMessage: route(updateChannelMessage),
    GetChannelMessage: route(getChannelMessage),
    GetChannelMessageStatus: route(getChannelMessageStatus),
    ChannelFlowCallback: route(
      channelFlowCallback({
        beforeCommit: deps.dice.latencyMs > 0 ? () => sleep(deps.dice.latencyMs) : undefined,
      }),
    ),
    ...appSideHandlers(),
  };

  const server = createServer((req, res) => {
    // The console has its own guards (loopback Host, its own Origin only, a token): mounted before CORS.
    if (deps.mounts?.console?.(req, res)) return;
    if (!isLoopbackHost(req.headers.host)) {
      // A DNS-rebinding page may sign its own requests (any key is accepted): its Host gives it away.
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' });
      res.end('{"Code":"ForbiddenException","Message":"The emulator answers loopback hosts only"}');
      return;
    }
    if (answerCors(req, res)) return;
    void handleRequest(req, res, deps, handlers);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  handlers: Record<string, RouteHandler>,
): Promise<void> {
  const started = performance.now();
  let operation = 'Unknown';
  try {
    const body = await readBody(req);
    // An http.Server request always has its url and method (they are optional only for client responses).
    const url = req.url!;
    const queryIndex = url.indexOf('?');
    const rawPath = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const rawQuery = queryIndex === -1 ? '' : url.slice(queryIndex + 1);
    const params = new URLSearchParams(rawQuery);
    const method = req.method!;
    const match = matchRoute(method, rawPath, params);
    operation = match.operation;
    await verifySigV4({ method, rawPath, rawQuery, headers: req.headers, body }, deps.mode, match.service.signingName);

    if (operation === 'ChannelFlowCallback') {
      // Faults sit where a real client meets them: on the callback a processor sends.
      if (deps.dice.roll('reset')) throw new ConnectionResetError();
      if (deps.dice.roll('throttle')) throw new ServiceError(ErrorShape.Throttled, 'Rate exceeded (injected fault)');
      if (deps.dice.roll('unavailable'))
        throw new ServiceError(ErrorShape.ServiceUnavailable, 'Service unavailable (injected fault)');
    }

    let json: Record<string, unknown> = {};
    if (body.length > 0) {
      let text: string;
      try {
        text = UTF8.decode(body);
      } catch {
        // Decoding leniently would store U+FFFD in place of what the client sent.
        throw new ServiceError(ErrorShape.BadRequest, 'Malformed request body: not valid UTF-8');
      }
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new ServiceError(ErrorShape.BadRequest, 'Malformed request body: not valid JSON');
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        throw new ServiceError(ErrorShape.BadRequest, 'Malformed request body: expected a JSON object');
    }
    const input = buildInput(match, params, req.headers, json);
    const inputShape = match.service.shapes[match.model.input]!;
    if (inputShape.members?.ChimeBearer && (input.ChimeBearer === undefined || input.ChimeBearer === '')) {
      throw new ServiceError(
        ErrorShape.BadRequest,
        'Invalid input: the x-amz-chime-bearer header (ChimeBearer) is required',
      );
    }
    validateShape(input, match.model.input, match.service);
    deps.observe?.(operation, input);
    const changesBefore = deps.store.changes;
    const result = await handlers[operation]!({
      operation,
      input,
      store: deps.store,
      engine: deps.engine,
      now: Date.now(),
      region: deps.region,
      account: deps.account,
      sessions: deps.sessions,
      // Requests without a loopback Host were refused before handleRequest.
      host: req.headers.host!,
    });
    // Acknowledged means durable: the answer waits for the journal's fsync of this request's changes.
    if (deps.store.changes !== changesBefore) await durable(deps, operation);
    const status = result.status ?? match.model.responseCode;
    if (result.body === undefined || status === 204) {
      res.writeHead(status, { 'x-amzn-requestid': requestId() });
      res.end();
    } else {
      const payload = JSON.stringify(result.body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-amzn-requestid': requestId(),
      });
      res.end(payload);
    }
    deps.logger.debug('request', { operation, status, ms: Math.round(performance.now() - started) });
  } catch (error) {
    if (error instanceof ConnectionResetError) {
      deps.logger.debug('request reset (injected fault)', { operation });
      req.socket.destroy();
      return;
    }
    const serviceError =
      error instanceof ServiceError ? error : new ServiceError(ErrorShape.ServiceFailure, 'Internal emulator error');
    if (serviceError.shape === ErrorShape.Unauthorized)
      deps.logger.warn('request refused: signature', {
        operation,
        method: req.method,
        accessKeyId: /Credential=([^/]+)/.exec(String(req.headers.authorization))?.[1],
        reason: serviceError.message,
      });
    if (!(error instanceof ServiceError))
      deps.logger.error('emulator internal error', { operation, error: (error as Error)?.stack ?? String(error) });
    const payload = JSON.stringify({ Code: serviceError.code, Message: serviceError.message });
    if (res.headersSent) return void res.end();
    res.writeHead(serviceError.statusCode, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-errortype': serviceError.shape,
      'x-amzn-requestid': requestId(),
    });
    res.end(payload);
    deps.logger.debug('request refused', { operation, status: serviceError.statusCode, errorType: serviceError.shape });
  }
}

async function durable(deps: ServerDeps, operation: string): Promise<void> {
  try {
    await deps.store.durable();
  } catch (error) {
    deps.logger.error('state write failed; answering 503', {
      operation,
      error: (error as Error).name,
      code: (error as StateWriteError).code,
    });
    throw new ServiceError(
      ErrorShape.ServiceUnavailable,
      'The emulator could not write its state file; the request is not durable (retry later)',
    );
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ServiceError(ErrorShape.BadRequest, `Request body larger than ${MAX_BODY_BYTES} bytes`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

let requestCounter = 0;
const requestId = (): string => `local-${process.pid}-${(++requestCounter).toString(36)}`;
