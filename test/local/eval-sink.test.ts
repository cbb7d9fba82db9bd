// The loopback endpoint `eval` points processors at: it keeps ChannelFlowCallback bodies by
// CallbackId, answers as the service does, and refuses anything else.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { type CallbackSink, startCallbackSink } from '../../src/local/eval/callback-sink.js';

let sink: CallbackSink;
beforeAll(async () => {
  sink = await startCallbackSink();
});
afterAll(() => sink.close());

function send(path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') {
  const url = new URL(sink.endpoint);
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const ARN = encodeURIComponent('arn:aws:chime:us-east-1:111122223333:app-instance/i/channel/c');
const PATH = `/channels/${ARN}?operation=channel-flow-callback`;

describe('eval callback sink', () => {
  it('keeps a callback by CallbackId and answers { ChannelArn, CallbackId }; take() hands it over once', async () => {
    const callback = { CallbackId: 'cb-1', DeleteResource: true, ChannelMessage: { MessageId: 'm-1' } };
    const answer = await send(PATH, callback);
    expect(answer).toEqual({ status: 200, body: { ChannelArn: decodeURIComponent(ARN), CallbackId: 'cb-1' } });
    expect(sink.take('cb-1')).toEqual(callback);
    expect(sink.take('cb-1')).toBeUndefined();
  });

  it('refuses a second callback for the same id (409), other operations (400), a foreign Host or any Origin (403)', async () => {
    await send(PATH, { CallbackId: 'cb-2' });
    expect((await send(PATH, { CallbackId: 'cb-2' })).status).toBe(409);
    expect((await send(`/channels/${ARN}/messages`, { CallbackId: 'cb-3' })).status).toBe(400);
    expect((await send(PATH, { CallbackId: 'cb-4' }, { host: 'evil.example' })).status).toBe(403);
    expect((await send(PATH, { CallbackId: 'cb-5' }, { origin: 'http://evil.example' })).status).toBe(403);
    expect(sink.take('cb-3') ?? sink.take('cb-4') ?? sink.take('cb-5')).toBeUndefined();
  });
});
