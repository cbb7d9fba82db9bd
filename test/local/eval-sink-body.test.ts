import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { type CallbackSink, startCallbackSink } from '../../src/local/eval/callback-sink.js';

// The eval callback sink answers a processor that sends a body that is not JSON as the service
// would (400), and keeps nothing from it.
let sink: CallbackSink;
beforeAll(async () => {
  sink = await startCallbackSink();
});
afterAll(() => sink.close());

describe('eval callback sink bodies', () => {
  it('refuses a body that is not JSON with 400 BadRequestException', async () => {
    // Prepare
    const url = new URL(sink.endpoint);
    const arn = encodeURIComponent('arn:aws:chime:us-east-1:111122223333:app-instance/i/channel/c');
    // Act
    const answer = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `/channels/${arn}?operation=channel-flow-callback`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string, body: text }),
          );
        },
      );
      req.on('error', reject);
      req.end('{"CallbackId": "cb-1",');
    });
    // Assess
    expect([answer.status, answer.type]).toEqual([400, 'BadRequestException']);
    expect(JSON.parse(answer.body)).toMatchObject({ Message: 'body is not JSON' });
    expect(sink.take('cb-1')).toBeUndefined();
  });
});
