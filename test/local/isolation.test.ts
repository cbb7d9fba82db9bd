import { afterEach, describe, expect, it } from '@jest/globals';
import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import type { Emulator, InvocationRecord, ProcessorInvocationFailureEvent } from '../../src/local/index.js';
import { checkProcessorLoads, ProcessorLoadError } from '../../src/local/index.js';
import { clientFor, startQuietEmulator } from './helpers.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const CRASHING = fixture('crashing-processor.ts');

let emulator: Emulator | undefined;
let client: ChimeSDKMessagingClient | undefined;
afterEach(async () => {
  client?.destroy();
  await emulator?.close();
  emulator = undefined;
  client = undefined;
});

async function setup(source: string, functionTimeoutMs = 1000, retryDelaysMs = [5, 10]) {
  emulator = await startQuietEmulator({ processors: { isolated: source }, functionTimeoutMs, retryDelaysMs });
  client = clientFor(emulator, { maxAttempts: 3 });
  const channel = emulator.setupChannel({ processor: 'isolated', fallbackAction: 'CONTINUE' });
  const records: InvocationRecord[] = [];
  const failures: ProcessorInvocationFailureEvent[] = [];
  emulator.onInvocation((record) => records.push(record));
  emulator.onInvocationFailure((event) => failures.push(event));
  const post = (content: string) =>
    client!.send(
      new SendChannelMessageCommand({
        ChannelArn: channel.channelArn,
        ChimeBearer: channel.bearer,
        Content: content,
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
  const send = async (content: string) => {
    const sent = await post(content);
    const outcome = await emulator!.waitForOutcome(channel.channelArn, sent.MessageId!, 15_000);
    // The handler resolves after its callback landed; its invocation record follows.
    await emulator!.idle(5000);
    return outcome;
  };
  return { post, send, records, failures };
}

describe('processor isolation (a function runs in a worker thread of its own, as in a Lambda container)', () => {
  it('turns a synchronous throw from a processor timer into that invocation failure, then restarts the function cold', async () => {
    const { send, records, failures } = await setup(CRASHING);
    expect(await send('warm up')).toMatchObject({ status: 'SENT', decision: 'noChange' });

    const crashed = await send('crash');

    expect(crashed).toMatchObject({ status: 'SENT', decision: 'fallback', reason: 'invocation-failure' });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.detail.failureReason).toMatch(/processor runtime crashed \(Error\)/);
    expect(emulator!.stats()).toMatchObject({ processorCrashes: 1 });
    // The next message is processed by a fresh (cold) runtime: module state started over.
    expect(await send('oh darn')).toMatchObject({ status: 'SENT', decision: 'update', content: 'oh ****' });
    const last = records.at(-1)!;
    expect(last.result).toMatchObject({ invocations: 1 });
    expect(records.find((r) => r.crashed)).toMatchObject({ error: 'Error', crashed: true });
  });

  it('survives process.exit in a processor: FallbackAction for that message, the next one processed', async () => {
    const { send, failures } = await setup(`${CRASHING}#exits`);
    expect(await send('exit')).toMatchObject({ status: 'SENT', decision: 'fallback' });
    expect(failures[0]!.detail.failureReason).toMatch(/Runtime\.ExitError \(code 3\)/);
    expect(await send('still here, darn')).toMatchObject({ decision: 'update', content: 'still here, ****' });
  });

  it('times out a processor that blocks its event loop and replaces its runtime, without blocking the emulator', async () => {
    // One attempt (no async retries), so the test sees one timeout and one replacement.
    const { post, send, records } = await setup(`${CRASHING}#spins`, 300, []);
    await post('spin');
    const deadline = Date.now() + 20_000;
    while (records.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(records).toMatchObject([{ error: 'Task timed out' }]);
    expect(emulator!.stats().pending).toBe(1);
    // The blocked worker answers no ping; the next message waits for its replacement, then runs.
    expect(await send('darn it')).toMatchObject({ decision: 'update', content: '**** it' });
  }, 30_000);

  it('gives the function its own environment: Lambda variables, the endpoint, and no writes back', async () => {
    const { send, records } = await setup(`${CRASHING}#environment`);
    await send('one');
    await send('two');
    expect(records[0]!.result).toMatchObject({
      functionName: 'isolated',
      memory: '256',
      endpoint: emulator!.endpoint,
    });
    // Warm: the second invocation sees what the first wrote; the emulator's process does not.
    expect(records[1]!.result).toMatchObject({ leakedBefore: 'written by the processor' });
    expect(process.env.CCF_LEAK_PROBE).toBeUndefined();
    expect((globalThis as Record<string, unknown>).ccfLeakProbe).toBeUndefined();
  });
});

describe('checkProcessorLoads', () => {
  it('resolves for a TypeScript processor that loads', async () => {
    await expect(checkProcessorLoads('ok', CRASHING)).resolves.toBeUndefined();
  });

  it.each([
    ['a missing export', `${CRASHING}#nope`, 'nope', /export "nope" is not a function/],
    ['a crash at import', fixture('crash-at-import.mjs'), 'handler', /^import failed: boom at import$/],
    ['a missing file', fixture('missing.ts'), 'handler', /^module not found$/],
  ])('names file, export and the first line of the cause for %s', async (_case, source, exportName, problem) => {
    const error = await checkProcessorLoads('broken', source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessorLoadError);
    const loadError = error as ProcessorLoadError;
    expect(loadError.file).toBe(source.split('#')[0]);
    expect(loadError.exportName).toBe(exportName);
    expect(loadError.problem).toMatch(problem);
    expect(loadError.message).toContain(loadError.file);
  });
});
