// The fake transport and callbacksIn() as a user's unit test drives them directly: how bodies are decoded,
// what `record: false` keeps, how a hanging answer ends on each kind of abort signal, and how odd requests
// are read back as callbacks.
import { describe, expect, it } from '@jest/globals';
import {
  callbackAccepted,
  callbacksIn,
  fakeChimeTransport,
  serviceError,
  type FakeAnswer,
  type FakeRequest,
} from '../../src/testing/index.js';

type Transport = ReturnType<typeof fakeChimeTransport>;
type SentRequest = Parameters<Transport['handle']>[0];
type HandleOptions = Parameters<Transport['handle']>[1];

/** A request as the SDK's serializer hands it over; only the fields the transport reads. */
const sdkRequest = (fields: { method?: string; path: string; query?: Record<string, string>; body?: unknown }) =>
  ({ method: 'POST', headers: { host: 'localhost' }, ...fields }) as SentRequest;

const readBody = async (stream: unknown): Promise<string> => {
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  return text;
};

const ARN = 'arn:aws:chime:us-east-1:111122223333:app-instance/a/channel/c';
const callbackPath = `/channels/${encodeURIComponent(ARN)}`;

describe('fakeChimeTransport', () => {
  it('decodes a string body and a missing query, and numbers the requests for the answer', async () => {
    // Prepare
    const seen: Array<[FakeRequest, number]> = [];
    const transport = fakeChimeTransport((request, index) => {
      seen.push([request, index]);
      return { status: 200, body: { ok: index } };
    });
    // Act
    const first = await transport.handle(sdkRequest({ path: '/a', body: '{"x":1}' }));
    await transport.handle(sdkRequest({ method: 'GET', path: '/b' }));
    // Assess
    expect(seen.map(([request, index]) => [request.path, request.query, request.body, index])).toEqual([
      ['/a', {}, { x: 1 }, 0],
      ['/b', {}, undefined, 1],
    ]);
    expect(first.response.statusCode).toBe(200);
    expect(first.response.headers['content-type']).toBe('application/json');
    expect(await readBody(first.response.body)).toBe('{"ok":0}');
  });

  it('answers an error with its x-amzn-errortype header, and an answer without body with an empty one', async () => {
    // Prepare
    const answers: FakeAnswer[] = [serviceError(429, 'ThrottledClientException'), { status: 204 }];
    const transport = fakeChimeTransport((_, index) => answers[index]!);
    // Act
    const throttled = await transport.handle(sdkRequest({ path: '/a' }));
    const empty = await transport.handle(sdkRequest({ path: '/b' }));
    // Assess
    expect(throttled.response.statusCode).toBe(429);
    expect(throttled.response.headers['x-amzn-errortype']).toBe('ThrottledClientException');
    expect(JSON.parse(await readBody(throttled.response.body))).toEqual({
      Code: 'ThrottledClient',
      Message: 'ThrottledClientException',
    });
    expect(empty.response.headers['x-amzn-errortype']).toBeUndefined();
    expect(await readBody(empty.response.body)).toBe('');
  });

  it('with record: false counts the requests without keeping them, so callbacks is empty', async () => {
    // Prepare
    const indexes: number[] = [];
    const transport = fakeChimeTransport(
      (request, index) => {
        indexes.push(index);
        return callbackAccepted(request);
      },
      { record: false },
    );
    // Act
    for (let i = 0; i < 3; i++) {
      await transport.handle(
        sdkRequest({
          path: callbackPath,
          query: { operation: 'channel-flow-callback' },
          body: JSON.stringify({ CallbackId: `cb-${i}` }),
        }),
      );
    }
    // Assess
    expect(indexes).toEqual([0, 1, 2]);
    expect(transport.requests).toHaveLength(3);
    expect(transport.requests.filter((request) => request !== undefined)).toEqual([]);
    expect(transport.callbacks).toEqual([]);
  });

  it('fails a reset answer with the ECONNRESET the SDK retries', async () => {
    // Prepare
    const transport = fakeChimeTransport(() => ({ status: 200, reset: true }));
    // Act
    const sent = transport.handle(sdkRequest({ path: '/a' }));
    // Assess
    await expect(sent).rejects.toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
  });

  describe('a hanging answer ends with an AbortError', () => {
    const hanging = () => fakeChimeTransport(() => ({ status: 200, hang: true }));

    it('never, when the call has no signal (the SDK always passes one)', async () => {
      // Prepare
      let settled = false;
      // Act: a promise with nothing behind it keeps no handle open, so leaving it pending leaks nothing.
      void hanging()
        .handle(sdkRequest({ path: '/a' }))
        .finally(() => (settled = true));
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      // Assess
      expect(settled).toBe(false);
    });

    it('at once when the signal was already aborted', async () => {
      // Prepare
      const controller = new AbortController();
      controller.abort();
      // Act
      const sent = hanging().handle(sdkRequest({ path: '/a' }), { abortSignal: controller.signal });
      // Assess
      await expect(sent).rejects.toMatchObject({ name: 'AbortError', message: 'Request aborted' });
    });

    it('when a DOM AbortSignal aborts later', async () => {
      // Prepare
      const controller = new AbortController();
      const sent = hanging().handle(sdkRequest({ path: '/a' }), { abortSignal: controller.signal });
      let settled = false;
      void sent.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      // Act
      controller.abort();
      // Assess
      await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('when an older signal object (only onabort) fires', async () => {
      // Prepare: the SDK's legacy AbortSignal interface, which is not a DOM EventTarget.
      const legacy: { aborted: boolean; onabort: ((this: unknown, ev: unknown) => unknown) | null } = {
        aborted: false,
        onabort: null,
      };
      const sent = hanging().handle(sdkRequest({ path: '/a' }), { abortSignal: legacy } as HandleOptions);
      await new Promise((resolve) => setImmediate(resolve));
      expect(typeof legacy.onabort).toBe('function');
      // Act
      legacy.aborted = true;
      legacy.onabort?.call(legacy, {});
      // Assess
      await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    });
  });
});

describe('callbackAccepted', () => {
  it('echoes the channel ARN from the path and the CallbackId from the body', () => {
    // Act
    const answer = callbackAccepted({
      method: 'POST',
      path: callbackPath,
      query: { operation: 'channel-flow-callback' },
      headers: {},
      body: { CallbackId: 'cb-1' },
    });
    // Assess
    expect(answer).toEqual({ status: 200, body: { ChannelArn: ARN, CallbackId: 'cb-1' } });
  });

  it('answers with an empty ARN and no CallbackId for a request that has neither', () => {
    // Act
    const answer = callbackAccepted({ method: 'POST', path: '/channels', query: {}, headers: {}, body: undefined });
    // Assess
    expect(answer).toEqual({ status: 200, body: { ChannelArn: '', CallbackId: undefined } });
  });
});

describe('callbacksIn', () => {
  const request = (fields: Partial<FakeRequest>): FakeRequest => ({
    method: 'POST',
    path: callbackPath,
    query: { operation: 'channel-flow-callback' },
    headers: {},
    body: undefined,
    ...fields,
  });

  it('keeps only POST /channels/{arn}?operation=channel-flow-callback requests, in order', () => {
    // Prepare
    const requests = [
      request({ body: { CallbackId: 'one' } }),
      request({ method: 'GET', body: { CallbackId: 'get' } }),
      request({ query: { operation: 'describe' }, body: { CallbackId: 'other-operation' } }),
      request({ path: '/app-instances/x', body: { CallbackId: 'other-path' } }),
      request({ body: { CallbackId: 'two' } }),
    ];
    // Act
    const callbacks = callbacksIn(requests);
    // Assess
    expect(callbacks.map((callback) => callback.CallbackId)).toEqual(['one', 'two']);
    expect(callbacks.every((callback) => callback.ChannelArn === ARN)).toBe(true);
  });

  it('reads a callback without a usable body as empty strings rather than throwing', () => {
    // Prepare
    const requests = [
      request({ body: undefined }),
      request({ body: ['not', 'an', 'object'] }),
      request({ body: { CallbackId: 42, ChannelMessage: 'text' } }),
    ];
    // Act
    const callbacks = callbacksIn(requests);
    // Assess
    expect(callbacks).toHaveLength(3);
    for (const callback of callbacks) {
      expect(callback.CallbackId).toBe('');
      expect(callback.ChannelArn).toBe(ARN);
      expect(callback.ChannelMessage).toEqual({ MessageId: '' });
    }
  });

  it('keeps the callback fields and stringifies a non-string MessageId', () => {
    // Prepare
    const requests = [
      request({
        body: { CallbackId: 'cb', DeleteResource: true, ChannelMessage: { MessageId: 7, Content: 'hi' } },
      }),
    ];
    // Act
    const [callback] = callbacksIn(requests);
    // Assess
    expect(callback).toEqual({
      CallbackId: 'cb',
      ChannelArn: ARN,
      DeleteResource: true,
      ChannelMessage: { MessageId: '7', Content: 'hi' },
    });
  });
});
