// Emulator end to end on loopback: SendChannelMessage over HTTP with the real SDK client ->
// PENDING -> a no-op channelFlowProcessor run by the emulator -> ChannelFlowCallback over HTTP
// -> SENT. Throughput and p50/p99 (send to outcome) at 1, 10 and 100 concurrent senders.
// The senders run in a worker thread, as a chat app would run in another process; the emulator
// and the processor share the main thread, as `chime-channel-flow emulator` does.
// Baseline, measured in the same run and the same way: one signed DescribeChannel round trip
// per step (the HTTP + SigV4 + routing floor); a message costs two requests and an invocation.
// Budget (issue 3): >= 1000 messages/s at 10 concurrent senders with a no-op processor.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Agent } from 'node:http';
import { ChimeSDKMessagingClient, DescribeChannelCommand, SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';

const BUDGET_MSGS_PER_S_AT_10 = 1000;
const LEVELS = [1, 10, 100];
const MESSAGES: Record<number, number> = { 1: 1000, 10: 4000, 100: 6000 };
const ROUNDS = 3;

interface Job { kind: 'send' | 'describe'; senders: number; total: number }
interface JobResult { perSecond: number; p50: number; p99: number }
interface Setup { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; channelArn: string; bearer: string }

const percentileOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

if (isMainThread) {
  const { channelFlowProcessor, noChange } = await import('../src/index.js');
  const { silentLogger } = await import('../src/logging/logger.js');
  const { startEmulator } = await import('../src/local/index.js');
  const { median, printTable } = await import('./stats.js');

  const emulator = await startEmulator({ logger: silentLogger, exportEnv: false });
  const processorClient = new ChimeSDKMessagingClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) } });
  emulator.addProcessor('noop', channelFlowProcessor(() => noChange(), { client: processorClient, logger: silentLogger }));
  const channel = emulator.setupChannel({ processor: 'noop' });
  const setup: Setup = { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, channelArn: channel.channelArn, bearer: channel.bearer };

  const worker = new Worker(new URL(import.meta.url), { workerData: setup });
  // Outcomes go to the worker by MessageId, so a sender's next message waits for its last outcome.
  // Batched per turn of the event loop: one postMessage per outcome costs more than the emulator's work.
  let batch: string[] = [];
  emulator.onOutcome((outcome) => {
    if (batch.length === 0) setImmediate(() => (worker.postMessage({ outcomes: batch }), (batch = [])));
    batch.push(outcome.messageId);
  });
  let pendingJob: ((result: JobResult) => void) | undefined;
  worker.on('message', (message: { result?: JobResult }) => message.result && pendingJob?.(message.result));
  const run = (job: Job) => new Promise<JobResult>((resolve) => ((pendingJob = resolve), worker.postMessage({ job })));

  // Warm the JIT, the sockets and the SDK middleware stacks on both sides.
  await run({ kind: 'send', senders: 10, total: 800 });
  await run({ kind: 'describe', senders: 10, total: 800 });

  const rows: Array<Array<string | number>> = [];
  let throughputAt10 = 0;
  for (const senders of LEVELS) {
    const e2e: JobResult[] = [];
    const base: JobResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so drift on a shared machine hits both alike.
      e2e.push(await run({ kind: 'send', senders, total: MESSAGES[senders]! }));
      base.push(await run({ kind: 'describe', senders, total: MESSAGES[senders]! }));
    }
    const pick = (runs: JobResult[], key: keyof JobResult) => median(runs.map((r) => r[key]));
    if (senders === 10) throughputAt10 = pick(e2e, 'perSecond');
    rows.push([senders, pick(e2e, 'perSecond').toFixed(0), pick(e2e, 'p50').toFixed(2), pick(e2e, 'p99').toFixed(2), pick(base, 'perSecond').toFixed(0), pick(base, 'p50').toFixed(2), (pick(e2e, 'perSecond') / pick(base, 'perSecond')).toFixed(2)]);
  }

  console.log(`emulator end to end, median of ${ROUNDS} rounds (Node ${process.version})`);
  printTable(['senders', 'messages/s', 'p50 ms', 'p99 ms', 'baseline req/s', 'baseline p50 ms', 'throughput ratio vs baseline'], rows);
  const stats = emulator.stats();
  console.log(`outcomes: ${stats.sent} sent, ${stats.pending} pending, ${stats.stuck} stuck; invocations ${stats.invocations} (${stats.invocationErrors} failed), callbacks refused ${stats.callbacksRejected}`);
  await worker.terminate();
  processorClient.destroy();
  await emulator.close();

  const ok = throughputAt10 >= BUDGET_MSGS_PER_S_AT_10 && stats.pending === 0;
  console.log(`${ok ? 'ok  ' : 'MISS'} throughput at 10 senders: ${throughputAt10.toFixed(0)} messages/s (budget >= ${BUDGET_MSGS_PER_S_AT_10}); none left pending: ${stats.pending === 0}`);
  if (!ok) process.exitCode = 1;
} else {
  const setup = workerData as Setup;
  const client = new ChimeSDKMessagingClient({ endpoint: setup.endpoint, region: setup.region, credentials: setup.credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) } });
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  const outcomeOf = (messageId: string) =>
    early.delete(messageId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(messageId, resolve));

  const steps = {
    async send() {
      const sent = await client.send(new SendChannelMessageCommand({ ChannelArn: setup.channelArn, ChimeBearer: setup.bearer, Content: 'standup in 5 minutes, bring the numbers', Type: 'STANDARD', Persistence: 'PERSISTENT' }));
      await outcomeOf(sent.MessageId!);
    },
    async describe() {
      await client.send(new DescribeChannelCommand({ ChannelArn: setup.channelArn, ChimeBearer: setup.bearer }));
    },
  };

  async function drive({ kind, senders, total }: Job): Promise<JobResult> {
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < total) {
          next++;
          const t = performance.now();
          await steps[kind]();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const perSecond = total / ((performance.now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    return { perSecond, p50: percentileOf(latencies, 50), p99: percentileOf(latencies, 99) };
  }

  parentPort!.on('message', (message: { outcomes?: string[]; job?: Job }) => {
    if (message.outcomes !== undefined) {
      for (const messageId of message.outcomes) {
        const resolve = waiting.get(messageId);
        if (resolve) {
          waiting.delete(messageId);
          resolve();
        } else early.add(messageId);
      }
    } else if (message.job) {
      void drive(message.job).then((result) => parentPort!.postMessage({ result }));
    }
  });
}
