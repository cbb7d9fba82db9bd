// The console's routes when something behind them fails unexpectedly (stubbed actions and details on a real
// HTTP server on 127.0.0.1): a 500 that says nothing about content, a stream that fails after its head, and
// the signer reading an answer without a body from a real emulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsoleActionError, type ConsoleActions } from '../../src/console/actions.js';
import type { DetailsRecorder } from '../../src/console/details.js';
import { ConsoleToken } from '../../src/console/guard.js';
import type { LabDeps } from '../../src/console/lab.js';
import { createConsoleRoutes } from '../../src/console/routes.js';
import { LoopbackSigner } from '../../src/console/signer.js';
import { createJsonLogger, silentLogger } from '../../src/logging/logger.js';
import { startEmulator } from '../../src/local/index.js';
import { call as callWithHeaders } from './http.js';

/** Status and body only: what these tests compare. */
async function call(url: string, options?: Parameters<typeof callWithHeaders>[1]) {
  const { status, body } = await callWithHeaders(url, options);
  return { status, body };
}

describe('console routes over failing parts', () => {
  let server: Server;
  let base: string;
  const token = new ConsoleToken();
  const logLines: string[] = [];
  let failWith: unknown;

  beforeAll(async () => {
    // Stubs: every read fails with `failWith`, as a bug or a broken emulator would.
    const actions = {
      state: async () => {
        throw failWith;
      },
    } as unknown as ConsoleActions;
    const details = {
      list: () => {
        throw failWith;
      },
      subscribe: () => () => {},
      newlyStuck: () => [],
    } as unknown as DetailsRecorder;
    const routes = createConsoleRoutes({
      token,
      actions,
      details,
      lab: {} as LabDeps,
      logger: createJsonLogger({ level: 'debug', sink: (line) => logLines.push(line) }),
      streams: new Set(),
    });
    server = createServer((req, res) => {
      if (!routes(req, res)) res.writeHead(418).end('not the console');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const read = (route: string) => call(`${base}/console/api/${route}`, { headers: { 'x-console-token': token.value } });

  it('leaves paths outside /console to the server it is mounted on', async () => {
    // Act
    const other = await call(`${base}/consoles`);
    // Assess
    expect(other).toEqual({ status: 418, body: 'not the console' });
  });

  it('answers 500 "internal error" for an unexpected failure, and logs its name, never its message', async () => {
    // Prepare
    logLines.length = 0;
    failWith = new TypeError('secret message content');
    // Act
    const answer = await read('state');
    // Assess
    expect(answer).toEqual({ status: 500, body: '{"error":"internal error"}' });
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({
      level: 'ERROR',
      message: 'console request failed',
      error: 'TypeError',
    });
    expect(logLines.join('\n')).not.toContain('secret');
  });

  it('logs a thrown value that is not an Error as "Error"', async () => {
    // Prepare
    logLines.length = 0;
    failWith = null;
    // Act
    const answer = await read('state');
    // Assess
    expect(answer.status).toBe(500);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ error: 'Error' });
  });

  it('ends a stream whose snapshot fails after its head was sent, without a second head', async () => {
    // Prepare
    logLines.length = 0;
    failWith = new RangeError('boom');
    // Act
    const answer = await call(`${base}/console/api/events?token=${token.value}`);
    // Assess: the 200 head of the stream went out; the body ends empty instead of carrying an error.
    expect(answer).toEqual({ status: 200, body: '' });
    expect(JSON.parse(logLines[0]!)).toMatchObject({ error: 'RangeError' });
  });

  it('refuses a change sent without a content type (415)', async () => {
    // Act
    const answer = await call(`${base}/console/api/users`, {
      method: 'POST',
      headers: { 'x-console-token': token.value, origin: base },
      body: '{"name":"ana"}',
    });
    // Assess
    expect(answer).toEqual({ status: 415, body: '{"error":"send application/json"}' });
  });
});

describe('LoopbackSigner', () => {
  it('reads an answer without a body as an empty object, and a refusal with its code', async () => {
    // Prepare
    const emulator = await startEmulator({ logger: silentLogger, console: true });
    try {
      const setup = emulator.setupChannel({ processor: 'none' });
      const signer = new LoopbackSigner(emulator.endpoint, emulator.region, emulator.credentials);
      const membership = `/channels/${encodeURIComponent(setup.channelArn)}/memberships`;
      const bearer = { 'x-amz-chime-bearer': setup.bearer };
      // Act
      const deleted = await signer.json(
        'DELETE',
        `${membership}/${encodeURIComponent(setup.bearer)}`,
        {},
        undefined,
        bearer,
      );
      const missing = await signer.json(
        'GET',
        `/channels/${encodeURIComponent(`${setup.channelArn}-x`)}`,
        {},
        undefined,
        bearer,
      );
      // Assess
      expect(deleted).toEqual({ status: 204, body: {} });
      expect(missing.status).toBeGreaterThanOrEqual(400);
      expect(missing.body).toMatchObject({ Code: expect.any(String), Message: expect.any(String) });
    } finally {
      await emulator.close();
    }
  });
});

describe('ConsoleActionError', () => {
  it('names the action and the error code, with the detail only when there is one', () => {
    // Act
    const withDetail = new ConsoleActionError('SendChannelMessage', 403, 'Forbidden', 'not a member');
    const bare = new ConsoleActionError('SendChannelMessage', 503, 'ServiceUnavailable', '');
    // Assess
    expect(withDetail.message).toBe('SendChannelMessage refused: Forbidden (not a member)');
    expect(bare.message).toBe('SendChannelMessage refused: ServiceUnavailable');
    expect([bare.name, bare.status, bare.code]).toEqual(['ConsoleActionError', 503, 'ServiceUnavailable']);
  });
});
