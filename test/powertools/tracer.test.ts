// The real Powertools Tracer, offline: Lambda's X-Ray environment with a trace header, and a UDP socket on
// 127.0.0.1 standing in for the X-Ray daemon, which receives every closed subsegment as the SDK streams it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, type ChannelFlowEvent, update } from 'chime-channel-flow';
import { callbackAccepted, channelFlowEvent, fakeChimeTransport, lambdaContext } from 'chime-channel-flow/testing';
import { capturingLogger } from '../core/harness.js';

interface SegmentDocument {
  name: string;
  id: string;
  parent_id?: string;
  annotations?: Record<string, unknown>;
}

let daemon: Socket;
const documents: SegmentDocument[] = [];
let tracerModule: typeof import('@aws-lambda-powertools/tracer');
let middlewareModule: typeof import('@aws-lambda-powertools/tracer/middleware');

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (packet) => {
    // `{"format":"json","version":1}\n{...segment...}`
    const body = packet.toString('utf8').split('\n')[1];
    if (body) documents.push(JSON.parse(body) as SegmentDocument);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  const { port } = daemon.address() as AddressInfo;
  // What Lambda sets with active tracing; read by the X-Ray SDK when it loads.
  Object.assign(process.env, {
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'moderator',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: '/var/task',
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    AWS_XRAY_LOG_LEVEL: 'silent',
  });
  tracerModule = await import('@aws-lambda-powertools/tracer');
  middlewareModule = await import('@aws-lambda-powertools/tracer/middleware');
});
afterAll(() => new Promise<void>((resolve) => daemon.close(() => resolve())));

const waitForDocuments = async (names: string[]) => {
  const until = Date.now() + 5000;
  while (!names.every((name) => documents.some((document) => document.name === name))) {
    if (Date.now() > until) throw new Error(`no subsegments ${names.join(', ')}: got ${documents.map((d) => d.name)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('Powertools Tracer', () => {
  it('shows the processor and the callback as their own annotated subsegments, the SDK call inside the callback', async () => {
    // Prepare
    const tracer = new tracerModule.Tracer();
    const transport = fakeChimeTransport(callbackAccepted);
    const client = tracer.captureAWSv3Client(
      new ChimeSDKMessagingClient({ region: 'us-east-1', requestHandler: transport, maxAttempts: 1 }),
    );
    const secret = 'call me at 555 0100, Jane';
    const handler = channelFlowProcessor((message) => update({ content: message.Content.toUpperCase() }), {
      client,
      tracer,
      logger: capturingLogger(),
      outerMiddlewares: [middlewareModule.captureLambdaHandler(tracer)],
    });
    // Act
    const summary = await handler(channelFlowEvent({ Content: secret }) as ChannelFlowEvent, lambdaContext());
    await waitForDocuments(['## index.handler', 'ChannelFlowProcessor', 'ChannelFlowCallback', 'ChimeSDKMessaging']);
    // Assess
    expect(summary.action).toBe('update');
    const byName = (name: string) => documents.find((document) => document.name === name) as SegmentDocument;
    const root = byName('## index.handler');
    expect(byName('ChannelFlowProcessor')).toMatchObject({ parent_id: root.id, annotations: { action: 'update' } });
    const callback = byName('ChannelFlowCallback');
    expect(callback).toMatchObject({
      parent_id: root.id,
      annotations: { action: 'update', decidedBy: 'processor', duplicate: false },
    });
    expect(byName('ChimeSDKMessaging').parent_id).toBe(callback.id);
    expect(JSON.stringify(documents)).not.toContain(secret);
    expect(JSON.stringify(documents)).not.toContain(secret.toUpperCase());
  });
});
