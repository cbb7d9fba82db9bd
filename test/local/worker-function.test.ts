import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelFlowEvent } from '../../src/event/types.js';
import { ProcessorLoadError } from '../../src/local/errors.js';
import { WorkerFunction, errorName } from '../../src/local/flow/function-runtime.js';
import { createLambdaContext } from '../../src/local/flow/lambda-context.js';

// A processor deployed in its own worker thread, seen from the engine: how loading fails (and keeps
// failing, as a broken deployment does), what closing does to a worker still starting, and which
// part of an error crosses back (its name, never its message).
const dirs: string[] = [];
const runtimes: WorkerFunction[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function processorFile(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccf-worker-'));
  dirs.push(dir);
  const file = join(dir, 'processor.mjs');
  writeFileSync(file, source);
  return file;
}
function runtimeFor(source: string): WorkerFunction {
  const runtime = new WorkerFunction({
    name: 'proc',
    file: processorFile(source),
    exportName: 'handler',
    env: {},
    memoryMb: 64,
  });
  runtimes.push(runtime);
  return runtime;
}
const loadError = (promise: Promise<unknown>): Promise<ProcessorLoadError> =>
  promise.then(
    () => {
      throw new Error('expected the processor not to load');
    },
    (error: ProcessorLoadError) => error,
  );
const EVENT = { EventType: 'CHANNEL_MESSAGE_EVENT', CallbackId: 'cb', ChannelMessage: {} } as ChannelFlowEvent;

describe('WorkerFunction', () => {
  it('keeps failing a module whose export is missing without starting it again', async () => {
    // Prepare
    const runtime = runtimeFor('export const other = () => {};');
    // Act
    const first = await loadError(runtime.ready());
    const second = await loadError(runtime.ready());
    // Assess
    expect(first).toBeInstanceOf(ProcessorLoadError);
    expect(first.message).toContain('export "handler" is not a function');
    expect(second).toBe(first);
    expect(runtime.starts).toBe(1);
  });

  it('fails loading a module that throws an uncaught exception while it loads, naming the error type only', async () => {
    // Prepare: the throw comes from a timer during a top-level await, so it is uncaught, not an import error
    const runtime = runtimeFor(
      "setTimeout(() => { throw new RangeError('secret words'); }, 0);\n" +
        'await new Promise((resolve) => setTimeout(resolve, 2000));\n' +
        'export const handler = async () => ({});',
    );
    // Act
    const error = await loadError(runtime.ready());
    // Assess
    expect(error.message).toContain('crashed while loading (RangeError)');
    expect(error.message).not.toContain('secret words');
  });

  it('refuses to start once closed, without remembering that as a broken deployment', async () => {
    // Prepare
    const runtime = runtimeFor('export const handler = async () => ({ ok: true });');
    await runtime.close();
    // Act
    const error = await loadError(runtime.ready());
    // Assess
    expect(error.message).toContain('the emulator is closing');
    expect(runtime.starts).toBe(0);
  });

  it('stops a worker that was still loading when closed: it is not ready afterwards', async () => {
    // Prepare: a module that takes a while to load
    const runtime = runtimeFor(
      'await new Promise((resolve) => setTimeout(resolve, 300));\nexport const handler = async () => ({ ok: true });',
    );
    const loading = runtime.ready().then(
      () => 'loaded',
      (error: Error) => error.message,
    );
    // Act
    await runtime.close();
    const afterClose = await loadError(runtime.ready());
    // Assess
    expect(await loading).toContain('the emulator is closing');
    expect(afterClose.message).toContain('the emulator is closing');
    expect(runtime.starts).toBe(1);
  });

  it('answers an invocation with the handler result, and a rejection with the error name only', async () => {
    // Prepare
    const runtime = runtimeFor(
      "export const handler = async (event) => { if (event.CallbackId === 'bad') throw new TypeError('user text'); return { seen: event.CallbackId }; };",
    );
    const context = createLambdaContext('proc', 'arn:aws:lambda:us-east-1:123456789012:function:proc', 5000);
    // Act
    const ok = await runtime.invoke(EVENT, context, 5000);
    const bad = await runtime.invoke({ ...EVENT, CallbackId: 'bad' }, context, 5000);
    // Assess
    expect(ok).toEqual({ kind: 'resolved', result: { seen: 'cb' } });
    expect(bad).toEqual({ kind: 'rejected', error: 'TypeError' });
  });
});

describe('WorkerFunction invocations that end badly', () => {
  const context = () => createLambdaContext('proc', 'arn:aws:lambda:us-east-1:123456789012:function:proc', 5000);

  it('interrupts invocations still running when closed', async () => {
    // Prepare: the invocation is posted to the worker (setImmediate runs after invoke's own continuation)
    const runtime = runtimeFor('export const handler = () => new Promise(() => {});');
    await runtime.ready();
    const running = runtime.invoke(EVENT, context(), 5000);
    await new Promise((resolve) => setImmediate(resolve));
    // Act
    await runtime.close();
    // Assess
    expect(await running).toEqual({ kind: 'interrupted', error: 'Shutdown' });
  });

  it('interrupts an invocation that was waiting for its worker when closed, instead of waiting for its timeout', async () => {
    // Prepare
    const runtime = runtimeFor('export const handler = async () => "late";');
    await runtime.ready();
    // Act: close in the same tick as the call
    const racing = runtime.invoke(EVENT, context(), 5000);
    await runtime.close();
    // Assess
    expect(await racing).toEqual({ kind: 'interrupted', error: 'Shutdown' });
  });

  it('fails the invocation that crashed the worker as crashed, the one running beside it as interrupted, then starts cold', async () => {
    // Prepare: 'crash' throws from a timer inside its own invocation; 'wait' never settles
    const runtime = runtimeFor(
      'export const handler = (event) => event.CallbackId === "crash"\n' +
        '  ? new Promise(() => setTimeout(() => { throw new SyntaxError("user text"); }, 50))\n' +
        '  : event.CallbackId === "wait" ? new Promise(() => {}) : Promise.resolve("fine");',
    );
    await runtime.ready();
    // Act
    const beside = runtime.invoke({ ...EVENT, CallbackId: 'wait' }, context(), 5000);
    const culprit = runtime.invoke({ ...EVENT, CallbackId: 'crash' }, context(), 5000);
    const outcomes = await Promise.all([culprit, beside]);
    const next = await runtime.invoke(EVENT, context(), 5000);
    // Assess
    expect(outcomes).toEqual([
      { kind: 'crashed', error: 'SyntaxError' },
      { kind: 'interrupted', error: 'SyntaxError' },
    ]);
    expect(next).toEqual({ kind: 'resolved', result: 'fine' });
    expect(runtime.starts).toBe(2);
  });

  it('still answers an invocation that leaves an unhandled rejection when nobody listens for strays', async () => {
    const runtime = runtimeFor(
      'export const handler = async () => { Promise.reject(new Error("stray")); return "done"; };',
    );
    expect(await runtime.invoke(EVENT, context(), 5000)).toEqual({ kind: 'resolved', result: 'done' });
  });
});

describe('errorName', () => {
  it('gives the name of an error, or the type of anything else, never the message', () => {
    const hostile = {
      get name(): string {
        throw new Error('boom');
      },
    };
    expect(errorName(new TypeError('user text'))).toBe('TypeError');
    expect(errorName('a string thrown')).toBe('string');
    expect(errorName(undefined)).toBe('undefined');
    expect(errorName({ name: '' })).toBe('object');
    expect(errorName(hostile)).toBe('object');
  });
});
