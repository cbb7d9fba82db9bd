import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignatureV4 } from '@smithy/signature-v4';
import { WebSocket } from 'ws';
import type { Emulator } from '../../src/local/index.js';
import { messagingSessionUrl } from '../../src/local/index.js';
import { NodeSha256 } from '../../src/local/protocol/sha256.js';
import { USER, startQuietEmulator } from './helpers.js';

// How the messaging-session endpoint answers WebSocket upgrades a client gets wrong: refused
// before the upgrade (HTTP status) or accepted and closed with the code amazon-chime-sdk-js reads.
type Outcome = { kind: 'http'; status: number } | { kind: 'closed'; code: number; reason: string };

function outcomeOf(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ kind: 'http', status: res.statusCode ?? 0 });
      res.resume();
    });
    ws.on('close', (code, reason) => resolve({ kind: 'closed', code, reason: reason.toString() }));
    ws.on('error', (error) => {
      // An unexpected response is reported first; any other error fails the test.
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('messaging session upgrades', () => {
  let emulator: Emulator;
  let host: string;

  beforeAll(async () => {
    emulator = await startQuietEmulator();
    host = `127.0.0.1:${emulator.port}`;
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('refuses an upgrade on any path but /connect with 404', async () => {
    expect(await outcomeOf(`ws://${host}/elsewhere?x=1`)).toEqual({ kind: 'http', status: 404 });
  });

  it('refuses an upgrade whose Host is not loopback with 403', async () => {
    const url = await messagingSessionUrl({ host, userArn: USER, credentials: emulator.credentials });
    expect(await outcomeOf(url, { Host: 'chime.example.com' })).toEqual({ kind: 'http', status: 403 });
  });

  it('accepts and closes with 4401 a /connect without a presigned query, saying what is missing', async () => {
    const outcome = await outcomeOf(`ws://${host}/connect`);
    expect(outcome).toEqual({ kind: 'closed', code: 4401, reason: 'X-Amz-Algorithm must be AWS4-HMAC-SHA256' });
  });

  it('closes with 4400 a presigned /connect without userArn or sessionId', async () => {
    // Prepare: a correctly presigned query that lacks the session parameters
    const presign = async (query: Record<string, string>) => {
      const signer = new SignatureV4({
        credentials: emulator.credentials,
        region: emulator.region,
        service: 'chime',
        sha256: NodeSha256,
        applyChecksum: false,
      });
      const signed = await signer.presign(
        { method: 'GET', protocol: 'ws:', hostname: host, path: '/connect', query, headers: { host } },
        { expiresIn: 10 },
      );
      return `ws://${host}/connect?${new URLSearchParams(signed.query as Record<string, string>).toString()}`;
    };
    // Act
    const noUser = await outcomeOf(await presign({ sessionId: 's-1' }));
    const notAnArn = await outcomeOf(await presign({ userArn: 'alice', sessionId: 's-1' }));
    const noSession = await outcomeOf(await presign({ userArn: USER }));
    // Assess
    for (const outcome of [noUser, notAnArn, noSession])
      expect(outcome).toEqual({ kind: 'closed', code: 4400, reason: 'userArn and sessionId are required' });
  });
});
