// Local stub servers that answer like Amazon Comprehend (JSON 1.1 protocol) and
// Amazon Bedrock Runtime ApplyGuardrail (REST-JSON), for the real SDK clients.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createServer as createH2cServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface StubCall {
  operation: string;
  body: Record<string, unknown>;
}

export interface StubOptions {
  /** Delay before answering, ms. */
  delayMs?: number;
  /** Answer every call with this HTTP status and error type. */
  fail?: { status: number; type: string };
}

/** Code point offset of a UTF-16 index, the way Comprehend reports offsets. */
const codePointOffset = (text: string, index: number) => [...text.slice(0, index)].length;

const TOXIC = /\b(idiot|moron|stupid)\b/i;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;

function comprehend(operation: string, body: Record<string, unknown>): { status: number; json: unknown } {
  if (operation === 'DetectToxicContent') {
    const segments = body.TextSegments as { Text: string }[];
    // The service's own limits: 10 segments of at most 1 KB (UTF-8).
    if (segments.length > 10 || segments.some((s) => Buffer.byteLength(s.Text, 'utf8') > 1024)) {
      return {
        status: 400,
        json: { __type: 'TextSizeLimitExceededException', Message: 'Input text size exceeds limit' },
      };
    }
    return {
      status: 200,
      json: {
        ResultList: segments.map((s) => {
          const toxic = TOXIC.test(s.Text);
          return {
            Toxicity: toxic ? 0.91 : 0.02,
            Labels: [
              { Name: 'INSULT', Score: toxic ? 0.88 : 0.01 },
              { Name: 'PROFANITY', Score: 0.03 },
              { Name: 'HATE_SPEECH', Score: 0.01 },
            ],
          };
        }),
      },
    };
  }
  if (operation === 'DetectPiiEntities') {
    const text = body.Text as string;
    const entities = [...text.matchAll(EMAIL)].map((m) => ({
      Type: 'EMAIL',
      Score: 0.99,
      BeginOffset: codePointOffset(text, m.index),
      EndOffset: codePointOffset(text, m.index + m[0].length),
    }));
    const name = text.indexOf('Jane Roe');
    if (name !== -1)
      entities.push({
        Type: 'NAME',
        Score: 0.97,
        BeginOffset: codePointOffset(text, name),
        EndOffset: codePointOffset(text, name + 8),
      });
    return { status: 200, json: { Entities: entities } };
  }
  return { status: 400, json: { __type: 'UnknownOperationException' } };
}

function guardrail(body: Record<string, unknown>): unknown {
  const text = ((body.content as { text: { text: string } }[])[0]?.text.text ?? '') as string;
  if (text.includes('forbidden topic')) {
    return {
      usage: {},
      action: 'GUARDRAIL_INTERVENED',
      outputs: [{ text: 'Sorry, I cannot talk about that.' }],
      assessments: [{ topicPolicy: { topics: [{ name: 'forbidden', type: 'DENY', action: 'BLOCKED' }] } }],
    };
  }
  if (EMAIL.test(text)) {
    EMAIL.lastIndex = 0;
    return {
      usage: {},
      action: 'GUARDRAIL_INTERVENED',
      outputs: [{ text: text.replace(EMAIL, '{EMAIL}') }],
      assessments: [
        { sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', match: 'x', action: 'ANONYMIZED' }] } },
      ],
    };
  }
  return { usage: {}, action: 'NONE', outputs: [], assessments: [] };
}

/**
 * Starts the stubs: `endpoint` speaks HTTP/1.1 (Comprehend's client), `h2Endpoint`
 * speaks cleartext HTTP/2 (Bedrock Runtime's client uses an HTTP/2 handler).
 */
export async function startAiStub(
  options: StubOptions = {},
): Promise<{ endpoint: string; h2Endpoint: string; calls: StubCall[]; close: () => Promise<void> }> {
  const calls: StubCall[] = [];
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const target = req.headers['x-amz-target'];
      const operation =
        typeof target === 'string'
          ? target.split('.')[1]!
          : /\/guardrail\/[^/]+\/version\/[^/]+\/apply$/.test(req.url ?? '')
            ? 'ApplyGuardrail'
            : 'unknown';
      calls.push({ operation, body });
      const answer = () => {
        if (options.fail) {
          res.writeHead(options.fail.status, {
            'content-type': 'application/json',
            'x-amzn-errortype': options.fail.type,
          } as never);
          res.end(JSON.stringify({ __type: options.fail.type, message: 'stub failure' }));
          return;
        }
        if (operation === 'ApplyGuardrail') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(guardrail(body)));
          return;
        }
        const { status, json } = comprehend(operation, body);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(json));
      };
      if (options.delayMs) setTimeout(answer, options.delayMs).unref();
      else answer();
    });
  };
  const server: Server = createServer(handle);
  const h2 = createH2cServer(handle);
  const sessions = new Set<Http2Session>();
  h2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    h2Endpoint: `http://127.0.0.1:${(h2.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      for (const session of sessions) session.destroy();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => h2.close(() => resolve())),
      ]);
    },
  };
}
