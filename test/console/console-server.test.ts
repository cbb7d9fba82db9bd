// The console's server side without a browser: guards, the page bundle, details and the lab's parsing and scores.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { sampleHandler } from '../../src/local/sample-processor.js';
import { DetailsRecorder } from '../../src/console/details.js';
import { ConsoleToken, isLoopbackHost, isSameOrigin } from '../../src/console/guard.js';
import { labMetrics, parseLabInput, LabInputError } from '../../src/console/lab.js';
import type { LabRow, MessageDetails } from '../../src/console/api-types.js';
import { wordDiff } from '../../src/console/page/diff.js';
import { clientFor } from '../local/helpers.js';
import { call } from './http.js';

describe('console guards', () => {
  it('accepts loopback Hosts only', () => {
    for (const host of ['127.0.0.1:4599', 'localhost:4599', 'LOCALHOST', '[::1]:80', '127.1.2.3'])
      expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    for (const host of [
      undefined,
      '',
      'evil.example',
      'localhost.evil.example:4599',
      '127.0.0.1.evil.example',
      '10.0.0.1:4599',
    ])
      expect([host, isLoopbackHost(host)]).toEqual([host, false]);
  });

  it('accepts the page origin only for changes', () => {
    expect(isSameOrigin('http://127.0.0.1:4599', '127.0.0.1:4599')).toBe(true);
    expect(isSameOrigin('http://localhost:4599', '127.0.0.1:4599')).toBe(false);
    expect(isSameOrigin('http://evil.example', 'evil.example')).toBe(false);
    expect(isSameOrigin(undefined, '127.0.0.1:4599')).toBe(false);
  });

  it('matches only this run token', () => {
    const token = new ConsoleToken();
    expect(token.matches(token.value)).toBe(true);
    expect(token.matches(new ConsoleToken().value)).toBe(false);
    expect(token.matches(undefined)).toBe(false);
    expect(token.matches([token.value])).toBe(false);
  });
});

describe('console on the emulator port', () => {
  let emulator: Emulator;
  let token: string;
  const logLines: string[] = [];
  let channel: ReturnType<Emulator['setupChannel']>;

  beforeAll(async () => {
    emulator = await startEmulator({
      console: true,
      processors: { sample: sampleHandler },
      logger: createJsonLogger({ level: 'debug', sink: (line) => logLines.push(line) }),
      functionTimeoutMs: 1000,
    });
    channel = emulator.setupChannel({ processor: 'sample' });
    const page = await call(emulator.consoleUrl!);
    token = /name="console-token" content="([^"]+)"/.exec(page.body)![1]!;
  });
  afterAll(() => emulator.close());

  it('serves the page with a strict CSP, no CORS and a per-run token', async () => {
    const page = await call(emulator.consoleUrl!);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(token.length).toBeGreaterThan(20);
    const script = await call(`${emulator.endpoint}/console/app.js`);
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(script.body.length).toBeGreaterThan(1000);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await call(emulator.consoleUrl!, { headers: { host: 'rebind.example:80' } })).status).toBe(403);
    expect((await call(emulator.consoleUrl!, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const state = `${emulator.endpoint}/console/api/details`;
    expect((await call(state, { headers: { host: 'rebind.example', 'x-console-token': token } })).status).toBe(403);
  });

  it('refuses API calls without the token, and changes without the page origin or as a form post', async () => {
    const api = `${emulator.endpoint}/console/api`;
    const host = new URL(emulator.endpoint).host;
    const origin = `http://${host}`;
    const body = JSON.stringify({ name: 'mallory' });
    expect((await call(`${api}/details`)).status).toBe(403);
    expect((await call(`${api}/details`, { headers: { 'x-console-token': 'nope' } })).status).toBe(403);
    expect((await call(`${api}/details`, { headers: { 'x-console-token': token } })).status).toBe(200);
    const post = (headers: Record<string, string>) => call(`${api}/users`, { method: 'POST', headers, body });
    expect((await post({ 'content-type': 'application/json', origin })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json', 'x-console-token': token })).status).toBe(403);
    expect(
      (await post({ 'content-type': 'application/json', 'x-console-token': token, origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    expect((await post({ 'content-type': 'text/plain', 'x-console-token': token, origin })).status).toBe(415);
  });

  it('records what the flow did to a message, and keeps its content out of the emulator log', async () => {
    const client = clientFor(emulator);
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.channelArn,
        ChimeBearer: channel.bearer,
        Content: 'well darn it',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await emulator.waitForOutcome(channel.channelArn, sent.MessageId!);
    await emulator.idle();
    client.destroy();
    const answer = await call(`${emulator.endpoint}/console/api/details`, { headers: { 'x-console-token': token } });
    const details = (JSON.parse(answer.body) as MessageDetails[]).find((d) => d.messageId === sent.MessageId)!;
    expect(details).toMatchObject({
      status: 'SENT',
      original: 'well darn it',
      delivered: 'well **** it',
      decision: 'update',
      rule: 'sample-mask',
      attempts: 1,
    });
    expect(details.processorMs).toBeGreaterThanOrEqual(0);
    expect((details.event as ChannelFlowEvent).ChannelMessage.Content).toBe('well darn it');
    expect(details.callbackInput).toMatchObject({
      CallbackId: details.callbackId,
      ChannelMessage: { Content: 'well **** it' },
    });
    // The processor's own log line, copied from the invocation that wrote it.
    expect(details.logs.some((l) => l.line.includes('"callbackId"'))).toBe(true);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain('darn');
  });
});

describe('DetailsRecorder', () => {
  const event = (callbackId: string): ChannelFlowEvent => ({
    EventType: 'CHANNEL_MESSAGE_EVENT',
    CallbackId: callbackId,
    ChannelMessage: {
      MessageId: 'm-1',
      ChannelArn: 'arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c',
      Content: 'hello',
      Sender: { Arn: 'arn:aws:chime:us-east-1:123456789012:app-instance/a/user/alice', Name: 'alice' },
      Persistence: 'PERSISTENT',
      Type: 'STANDARD',
      CreatedTimestamp: new Date(0).toISOString(),
    },
  });

  it('reports a pass whose processor ran and never called back as STUCK after the threshold', () => {
    const details = new DetailsRecorder(1000);
    details.invoked(event('c'.repeat(32)));
    const [record] = details.list();
    expect(record!.status).toBe('PENDING');
    expect(details.view(record!, record!.startedAt + 1000).status).toBe('STUCK');
    expect(details.newlyStuck(record!.startedAt, record!.startedAt + 1000).map((d) => d.status)).toEqual(['STUCK']);
  });

  it('attributes JSON log lines by the callbackId or messageId they carry, and ignores others', () => {
    const details = new DetailsRecorder(1000);
    details.invoked(event('d'.repeat(32)));
    details.attribute(JSON.stringify({ level: 'INFO', message: 'decided', callbackId: 'd'.repeat(32) }));
    details.attribute(JSON.stringify({ level: 'WARN', message: 'retrying', messageId: 'm-1' }));
    details.attribute(JSON.stringify({ level: 'INFO', message: 'other', messageId: 'm-2' }));
    details.attribute('plain text about messageId m-1');
    expect(details.list()[0]!.logs.map((l) => JSON.parse(l.line).message)).toEqual(['decided', 'retrying']);
  });
});

describe('policy lab input and scores', () => {
  it('reads plain lines unlabelled and JSON Lines through the eval parser', () => {
    expect(parseLabInput('hello\n\n  well darn it \n')).toEqual([{ text: 'hello' }, { text: '  well darn it ' }]);
    expect(parseLabInput('{"text":"a","flag":true}\n{"text":"b","flag":false}\n')).toEqual([
      { text: 'a', flag: true },
      { text: 'b', flag: false },
    ]);
    expect(() => parseLabInput('{"text":"a"}\n')).toThrow(/line 1/);
    expect(() => parseLabInput('x\n'.repeat(1001))).toThrow(LabInputError);
  });

  it('scores labelled rows as the eval command does', () => {
    const row = (flag: boolean | undefined, status: LabRow['status'], decision?: string): LabRow => ({
      text: 't',
      ...(flag === undefined ? {} : { flag }),
      status,
      ...(decision ? { decision } : {}),
      flagged: false,
    });
    const metrics = labMetrics([
      row(true, 'DENIED'),
      row(true, 'SENT', 'update'),
      row(true, 'SENT', 'noChange'),
      row(false, 'SENT', 'update'),
      row(false, 'SENT', 'noChange'),
      row(undefined, 'DENIED'),
    ]);
    expect(metrics).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 1, precision: 2 / 3, recall: 2 / 3 });
    expect(labMetrics([row(undefined, 'SENT')])).toBeUndefined();
  });
});

describe('word diff of original and delivered text', () => {
  it('marks what the processor masked', () => {
    expect(wordDiff('well darn it', 'well **** it')).toEqual([
      { kind: 'same', text: 'well ' },
      { kind: 'removed', text: 'darn' },
      { kind: 'added', text: '****' },
      { kind: 'same', text: ' it' },
    ]);
  });
});
