import { Readable } from 'node:stream';
import type {
  ChannelFlowCallbackCommandInput,
  ChimeSDKMessagingClientConfig,
} from '@aws-sdk/client-chime-sdk-messaging';
import { callbacksIn } from './callbacks.js';

/** What the fake service answers for one request. */
export interface FakeAnswer {
  status: number;
  /** JSON body; for errors `{ Code, Message }` as the service sends them. */
  body?: unknown;
  /** Error shape name, sent as `x-amzn-errortype` (e.g. `ThrottledClientException`). */
  errorType?: string;
  /** Fail the connection instead of answering (an ECONNRESET, retried by the SDK). */
  reset?: boolean;
  /** Never answer (until the SDK's abort signal fires). */
  hang?: boolean;
}

/** A request as the SDK sent it, decoded. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
}

interface SmithyRequest {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

/** The SDK's own HTTP handler shape (the member of the `requestHandler` union with `handle`). */
type SdkHttpHandler = Extract<NonNullable<ChimeSDKMessagingClientConfig['requestHandler']>, { handle: unknown }>;

/** Options the SDK passes to `handle` (the abort signal of the call). */
type HandlerOptions = Parameters<SdkHttpHandler['handle']>[1];

/** A `requestHandler` for the client that also keeps the requests it saw. */
export type FakeChimeTransport = SdkHttpHandler & {
  requests: FakeRequest[];
  /** The ChannelFlowCallback requests among `requests`, typed as the SDK command's input. */
  readonly callbacks: ChannelFlowCallbackCommandInput[];
};

/**
 * An in-process HTTP transport for `ChimeSDKMessagingClient({ requestHandler })`: the
 * whole SDK stack (serialization, signing, retries, error parsing) runs, only the
 * socket is replaced. For unit tests of processors and for benchmarks.
 *
 * @param answer - decides the reply to each request (its index counts from 0); may be async
 * @param options - `record: false` keeps only the count of requests (for benchmarks)
 * @returns a `requestHandler` whose `requests` and `callbacks` list what the SDK sent
 * @example
 * const transport = fakeChimeTransport(() => ({ status: 200, body: {} }));
 * const client = new ChimeSDKMessagingClient({ region: 'us-east-1', requestHandler: transport });
 * // ... invoke your handler with { client }, then:
 * expect(transport.requests).toHaveLength(1);
 */
export function fakeChimeTransport(
  answer: (request: FakeRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
  options: { record?: boolean } = {},
): FakeChimeTransport {
  const requests: FakeRequest[] = [];
  const record = options.record ?? true;
  const transport: FakeChimeTransport = {
    requests,
    get callbacks(): ChannelFlowCallbackCommandInput[] {
      return callbacksIn(requests);
    },
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: SmithyRequest, handlerOptions?: HandlerOptions) {
      const body = request.body;
      // Read the bytes through their buffer: the SDK's body type warns when used as a string.
      const raw =
        typeof body === 'string'
          ? body
          : body instanceof Uint8Array
            ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
            : '';
      const decoded: FakeRequest = {
        method: request.method,
        path: request.path,
        query: request.query ?? {},
        headers: request.headers,
        body: raw ? JSON.parse(raw) : undefined,
      };
      const index = requests.length;
      if (record) requests.push(decoded);
      else requests.length++;
      const reply = await answer(decoded, index);
      // A hang only ever ends in the abort's rejection: nothing after it runs.
      if (reply.hang) return hangUntilAborted(handlerOptions?.abortSignal);
      if (reply.reset) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', name: 'Error' });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (reply.errorType) headers['x-amzn-errortype'] = reply.errorType;
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      return {
        response: { statusCode: reply.status, reason: undefined, headers, body: Readable.from([Buffer.from(text)]) },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
  return transport;
}

/** Never settles until `signal` aborts, then rejects with the AbortError the SDK's own handler raises. */
function hangUntilAborted(signal: NonNullable<HandlerOptions>['abortSignal']): Promise<never> {
  return new Promise<never>((_, reject) => {
    const abort = () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    if (signal?.aborted) abort();
    // The SDK passes a DOM AbortSignal today; its older signal type only has `onabort`.
    else if (signal instanceof AbortSignal) signal.addEventListener('abort', abort, { once: true });
    else if (signal) signal.onabort = abort;
  });
}

/**
 * The service's answer to a ChannelFlowCallback it accepted.
 *
 * @param request - the callback request the fake transport decoded
 * @returns a 200 answer echoing the request's channel ARN and CallbackId
 * @example
 * const transport = fakeChimeTransport(callbackAccepted);
 */
export const callbackAccepted = (request: FakeRequest): FakeAnswer => ({
  status: 200,
  body: {
    ChannelArn: decodeURIComponent(request.path.split('/')[2] ?? ''),
    CallbackId: (request.body as { CallbackId?: string })?.CallbackId,
  },
});

/**
 * A modeled error answer, as the service sends it (the SDK raises the matching exception class).
 *
 * @param status - the HTTP status
 * @param errorType - the error shape name, e.g. `ThrottledClientException`
 * @param message - the error message (default the error type)
 * @returns the answer for the fake transport
 * @example
 * const transport = fakeChimeTransport(() => serviceError(409, 'ConflictException', 'already processed'));
 */
export const serviceError = (status: number, errorType: string, message = errorType): FakeAnswer => ({
  status,
  errorType,
  body: { Code: errorType.replace(/Exception$/, ''), Message: message },
});
