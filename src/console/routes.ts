import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelFlowError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { ConsoleActionError } from './actions.js';
import type { ConsoleActions } from './actions.js';
import { loadConsoleAssets } from './assets.js';
import type { DetailsRecorder } from './details.js';
import type { ConsoleToken } from './guard.js';
import { isLoopbackHost, isSameOrigin } from './guard.js';
import { LabInputError, runLab } from './lab.js';
import { LabelledFileError } from '../local/eval/index.js';
import type { LabDeps } from './lab.js';
import { pageShell, securityHeaders } from './page-shell.js';

/** Lab files are the largest bodies: 1,000 lines of up to 4 KB fit. */
const MAX_CONSOLE_BODY_BYTES = 5 * 1024 * 1024;
const STUCK_CHECK_MS = 500;

export interface ConsoleRouteDeps {
  token: ConsoleToken;
  actions: ConsoleActions;
  details: DetailsRecorder;
  lab: LabDeps;
  logger: Logger;
  /** Streams to end when the emulator stops. */
  streams: Set<ServerResponse>;
}

class ConsoleHttpError extends ChannelFlowError {
  declare readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ConsoleHttpError';
    this.status = status;
  }
}

const str = (body: Record<string, unknown>, key: string, max = 5000): string => {
  const value = body[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new ConsoleHttpError(400, `"${key}" must be a non-empty string`);
  return value;
};

/**
 * The console's HTTP face under /console/: the page, its bundle and a small JSON API. Refuses a
 * Host that is not loopback (DNS rebinding), and API calls without this run's token; changes also
 * need the page's own Origin. Returns false for paths that are not the console's.
 *
 * @example
 * const handle = createConsoleRoutes(deps);
 * http.createServer((req, res) => handle(req, res) || api(req, res));
 */
export function createConsoleRoutes(deps: ConsoleRouteDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  // Requests an http.Server parses always have a url and a method.
  return (req, res) => {
    const url = req.url!;
    if (url !== '/console' && !url.startsWith('/console/') && !url.startsWith('/console?')) return false;
    void serveConsole(req, res, deps).catch((error: unknown) => fail(res, error, deps.logger));
    return true;
  };
}

function fail(res: ServerResponse, error: unknown, logger: Logger): void {
  const status =
    error instanceof ConsoleHttpError || error instanceof ConsoleActionError
      ? error.status
      : error instanceof LabInputError || error instanceof LabelledFileError
        ? 400
        : 500;
  // Messages name fields and error codes, never content; the page shows them.
  if (status === 500) logger.error('console request failed', { error: (error as Error)?.name ?? 'Error' });
  if (res.headersSent) return void res.end();
  const payload = JSON.stringify({ error: status === 500 ? 'internal error' : (error as Error).message });
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(payload);
}

function send(res: ServerResponse, host: string, status: number, type: string, body: string): void {
  res.writeHead(status, { ...securityHeaders(host), 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const json = (res: ServerResponse, host: string, value: unknown, status = 200) =>
  send(res, host, status, 'application/json', JSON.stringify(value));

async function serveConsole(req: IncomingMessage, res: ServerResponse, deps: ConsoleRouteDeps): Promise<void> {
  const host = req.headers.host;
  if (!isLoopbackHost(host)) throw new ConsoleHttpError(403, 'the console answers loopback hosts only');
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, host)) throw new ConsoleHttpError(403, 'foreign origin');
  const url = new URL(req.url!, `http://${host}`);
  const method = req.method!;
  if (method === 'GET' && url.pathname === '/console') {
    res.writeHead(308, { location: '/console/' });
    return void res.end();
  }
  if (method === 'GET' && url.pathname === '/console/')
    return send(res, host!, 200, 'text/html; charset=utf-8', pageShell(deps.token.value));
  if (method === 'GET' && url.pathname === '/console/app.js')
    return send(res, host!, 200, 'text/javascript; charset=utf-8', (await loadConsoleAssets()).js);
  if (method === 'GET' && url.pathname === '/console/app.css')
    return send(res, host!, 200, 'text/css; charset=utf-8', (await loadConsoleAssets()).css);
  if (!url.pathname.startsWith('/console/api/')) throw new ConsoleHttpError(404, 'not found');

  // EventSource cannot send headers: the stream takes the token in its query.
  const token = url.pathname === '/console/api/events' ? url.searchParams.get('token') : req.headers['x-console-token'];
  if (!deps.token.matches(token ?? undefined)) throw new ConsoleHttpError(403, 'missing or wrong console token');
  const route = url.pathname.slice('/console/api/'.length);
  if (method === 'GET') return serveRead(route, url, req, res, host!, deps);
  if (method !== 'POST') throw new ConsoleHttpError(405, 'method not allowed');
  if (!isSameOrigin(origin, host)) throw new ConsoleHttpError(403, 'changes need the console page origin');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new ConsoleHttpError(415, 'send application/json');
  const body = await readJson(req);
  switch (route) {
    case 'users':
      return json(res, host!, await deps.actions.addUser(str(body, 'name', 100)), 201);
    case 'send':
      return json(
        res,
        host!,
        await deps.actions.send(str(body, 'channelArn'), str(body, 'userArn'), str(body, 'content')),
        201,
      );
    case 'edit':
      await deps.actions.edit(
        str(body, 'channelArn'),
        str(body, 'userArn'),
        str(body, 'messageId'),
        str(body, 'content'),
      );
      return json(res, host!, {});
    case 'redact':
      await deps.actions.redact(str(body, 'channelArn'), str(body, 'userArn'), str(body, 'messageId'));
      return json(res, host!, {});
    case 'lab':
      return json(
        res,
        host!,
        await runLab(deps.lab, str(body, 'processor'), str(body, 'input', MAX_CONSOLE_BODY_BYTES)),
      );
    default:
      throw new ConsoleHttpError(404, 'not found');
  }
}

async function serveRead(
  route: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
  deps: ConsoleRouteDeps,
): Promise<void> {
  switch (route) {
    case 'state':
      return json(res, host, await deps.actions.state());
    case 'details':
      return json(res, host, deps.details.list());
    case 'session': {
      const user = url.searchParams.get('user');
      if (!user) throw new ConsoleHttpError(400, '"user" is required');
      return json(res, host, { url: await deps.actions.sessionUrl(user) });
    }
    case 'events':
      return streamDetails(req, res, host, deps);
    default:
      throw new ConsoleHttpError(404, 'not found');
  }
}

/** Server-sent events: the details held so far, then every change, and passes turning STUCK. */
function streamDetails(req: IncomingMessage, res: ServerResponse, host: string, deps: ConsoleRouteDeps): void {
  res.writeHead(200, { ...securityHeaders(host), 'content-type': 'text/event-stream', connection: 'keep-alive' });
  const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  write('snapshot', deps.details.list());
  const stop = deps.details.subscribe((details) => write('details', details));
  let checked = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const details of deps.details.newlyStuck(checked, now)) write('details', details);
    checked = now;
  }, STUCK_CHECK_MS);
  timer.unref();
  deps.streams.add(res);
  const end = () => {
    stop();
    clearInterval(timer);
    deps.streams.delete(res);
  };
  req.on('close', end);
  res.on('close', end);
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONSOLE_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new ConsoleHttpError(413, 'body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new ConsoleHttpError(400, 'body must be a JSON object'));
      }
    });
    req.on('error', reject);
  });
}
