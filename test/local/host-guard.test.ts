// DNS rebinding: a page whose name resolves to 127.0.0.1 can sign its own requests (any key is
// accepted by default), but its Host header still names it. Every REST route refuses such a Host.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ListChannelsCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { request } from 'node:http';
import type { Emulator } from '../../src/local/index.js';
import { APP, clientFor, startQuietEmulator, USER } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startQuietEmulator();
});
afterAll(() => emulator.close());

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(emulator.endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator answers loopback hosts only', () => {
  it('refuses a request whose Host is not this machine, before reading anything', async () => {
    const { port } = new URL(emulator.endpoint);
    const answer = await get(`/channels?app-instance-arn=${encodeURIComponent(APP)}`, `evil.example:${port}`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('loopback hosts only');
  });

  it('still serves loopback names: the SDK on 127.0.0.1, and localhost', async () => {
    const { port } = new URL(emulator.endpoint);
    const unsigned = await get('/channels', `localhost:${port}`);
    expect(unsigned.status).toBe(401); // past the Host check, refused for the missing signature
    const listed = await clientFor(emulator).send(new ListChannelsCommand({ AppInstanceArn: APP, ChimeBearer: USER }));
    expect(Array.isArray(listed.Channels)).toBe(true);
  });
});
