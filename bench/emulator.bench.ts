// Emulator end to end on loopback: SendChannelMessage over HTTP with the real SDK client ->
// PENDING -> a no-op channelFlowProcessor run by the emulator -> ChannelFlowCallback over HTTP
// -> SENT. Throughput and p50/p99 (send to outcome) at 1, 10 and 100 concurrent senders.
// The senders run in a worker thread, as a chat app would run in another process; the emulator
// and the processor share the main thread, as `chime-channel-flow emulator` does.
// Baseline, measured in the same run and the same way: one signed DescribeChannel round trip
// per step (the HTTP + SigV4 + routing floor); a message costs two requests and an invocation.
// Budget (issue 3): >= 1000 messages/s at 10 concurrent senders with a no-op processor.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'node:http';
import {
  ChimeSDKMessagingClient,
  DescribeChannelCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';

const BUDGET_MSGS_PER_S_AT_10 = 1000;
const LEVELS = [1, 10, 100];
const MESSAGES: Record<number, number> = { 1: 1000, 10: 4000, 100: 6000 };
const ROUNDS = 3;

interface Job {
  kind: 'send' | 'describe' | 'replay';
  senders: number;
  total: number;
}
interface WorkerResult {
  perSecond: number;
  p50: number;
  p99: number;
}
interface JobResult extends WorkerResult {
  cpuUs: number;
}
interface Setup {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  channelArn: string;
  bearer: string;
}

const percentileOf = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

if (isMainThread) {
  const { channelFlowProcessor, noChange } = await import('../src/index.js');
  const { silentLogger } = await import('../src/logging/logger.js');
  const { startEmulator } = await import('../src/local/index.js');
  const { median, printTable } = await import('./stats.js');

  const emulator = await startEmulator({ logger: silentLogger, exportEnv: false });
  const processorClient = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) },
  });
  emulator.addProcessor(
    'noop',
    channelFlowProcessor(() => noChange(), { client: processorClient, logger: silentLogger }),
  );
  const channel = emulator.setupChannel({ processor: 'noop' });
  const setup: Setup = {
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    channelArn: channel.channelArn,
    bearer: channel.bearer,
  };

  const worker = new Worker(new URL(import.meta.url), { workerData: setup });
  // Outcomes go to the worker by MessageId, so a sender's next message waits for its last outcome.
  // Batched per turn of the event loop: one postMessage per outcome costs more than the emulator's work.
  let batch: string[] = [];
  emulator.onOutcome((outcome) => {
    if (batch.length === 0)
      setImmediate(() => {
        worker.postMessage({ outcomes: batch });
        batch = [];
      });
    batch.push(outcome.messageId);
  });
  let pendingJob: ((result: WorkerResult) => void) | undefined;
  worker.on('message', (message: { result?: WorkerResult }) => message.result && pendingJob?.(message.result));
  // CPU of the whole process (sender thread + emulator + processor) per operation: unlike wall
  // time it does not count the time this process waits for a core on a shared machine.
  const run = async (job: Job) => {
    const cpu = process.cpuUsage();
    const result = await new Promise<WorkerResult>((resolve) => {
      pendingJob = resolve;
      worker.postMessage({ job });
    });
    const used = process.cpuUsage(cpu);
    return { ...result, cpuUs: (used.user + used.system) / job.total };
  };

  // Warm the JIT, the sockets and the SDK middleware stacks on both sides.
  await run({ kind: 'send', senders: 10, total: 800 });
  await run({ kind: 'describe', senders: 10, total: 800 });
  await run({ kind: 'replay', senders: 10, total: 800 });

  const rows: Array<Array<string | number>> = [];
  let throughputAt10 = 0;
  for (const senders of LEVELS) {
    const e2e: JobResult[] = [];
    const base: JobResult[] = [];
    const floor: JobResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so drift on a shared machine hits all alike.
      e2e.push(await run({ kind: 'send', senders, total: MESSAGES[senders]! }));
      base.push(await run({ kind: 'describe', senders, total: MESSAGES[senders]! }));
      floor.push(await run({ kind: 'replay', senders, total: MESSAGES[senders]! }));
    }
    const pick = (runs: JobResult[], key: keyof JobResult) => median(runs.map((r) => r[key]));
    if (senders === 10) throughputAt10 = pick(e2e, 'perSecond');
    rows.push([
      senders,
      pick(e2e, 'perSecond').toFixed(0),
      pick(e2e, 'p50').toFixed(2),
      pick(e2e, 'p99').toFixed(2),
      pick(e2e, 'cpuUs').toFixed(0),
      pick(base, 'perSecond').toFixed(0),
      pick(base, 'p50').toFixed(2),
      pick(base, 'cpuUs').toFixed(0),
      (pick(e2e, 'cpuUs') / pick(base, 'cpuUs')).toFixed(2),
      pick(floor, 'perSecond').toFixed(0),
      pick(floor, 'cpuUs').toFixed(0),
    ]);
  }

  console.log(`emulator end to end, median of ${ROUNDS} rounds (Node ${process.version})`);
  printTable(
    [
      'senders',
      'messages/s',
      'p50 ms',
      'p99 ms',
      'CPU us/msg',
      'baseline req/s',
      'baseline p50 ms',
      'baseline CPU us/req',
      'CPU ratio msg/req',
      'server-only req/s',
      'server-only CPU us/req',
    ],
    rows,
  );
  const [load1] = (await import('node:os')).loadavg();
  console.log(
    `load average at the end: ${load1!.toFixed(2)} on ${(await import('node:os')).availableParallelism()} cores (wall-clock figures suffer when it is above the core count)`,
  );
  const stats = emulator.stats();
  console.log(
    `outcomes: ${stats.sent} sent, ${stats.pending} pending, ${stats.stuck} stuck; invocations ${stats.invocations} (${stats.invocationErrors} failed), callbacks refused ${stats.callbacksRejected}`,
  );
  await worker.terminate();
  processorClient.destroy();
  await emulator.close();

  const ok = throughputAt10 >= BUDGET_MSGS_PER_S_AT_10 && stats.pending === 0;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} throughput at 10 senders: ${throughputAt10.toFixed(0)} messages/s (budget >= ${BUDGET_MSGS_PER_S_AT_10}); none left pending: ${stats.pending === 0}`,
  );
  if (!ok) process.exitCode = 1;
} else {
  const setup = workerData as Setup;
  const client = new ChimeSDKMessagingClient({
    endpoint: setup.endpoint,
    region: setup.region,
    credentials: setup.credentials,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) },
  });
  const waiting = new Map<string, () => void>();
  const early = new Set<string>();
  const outcomeOf = (messageId: string) =>
    early.delete(messageId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(messageId, resolve));

  const steps = {
    async send() {
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: setup.channelArn,
          ChimeBearer: setup.bearer,
          Content: 'standup in 5 minutes, bring the numbers',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      await outcomeOf(sent.MessageId!);
    },
    async describe() {
      await client.send(new DescribeChannelCommand({ ChannelArn: setup.channelArn, ChimeBearer: setup.bearer }));
    },
    // The emulator's own floor: one DescribeChannel signed once by the SDK, replayed with bare
    // node:http, so nearly all CPU is the server's (parse, SigV4 check, route, validate, answer).
    replay: () =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: replayTarget!.port,
            path: replayTarget!.path,
            method: 'GET',
            headers: replayTarget!.headers,
            agent: rawAgent,
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`replay got HTTP ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end();
      }),
  };

  const rawAgent = new Agent({ keepAlive: true, maxSockets: 128 });
  let replayTarget: { port: number; path: string; headers: Record<string, string> } | undefined;
  const capture = new ChimeSDKMessagingClient({
    endpoint: setup.endpoint,
    region: setup.region,
    credentials: setup.credentials,
  });
  capture.middlewareStack.add(
    (next) => async (args) => {
      const signed = args.request as {
        port?: number;
        path: string;
        query?: Record<string, string>;
        headers: Record<string, string>;
      };
      replayTarget = {
        port: Number(signed.port ?? new URL(setup.endpoint).port),
        path: signed.path,
        headers: { ...signed.headers },
      };
      return next(args);
    },
    { step: 'finalizeRequest', name: 'captureSigned', priority: 'low' },
  );
  await capture.send(new DescribeChannelCommand({ ChannelArn: setup.channelArn, ChimeBearer: setup.bearer }));

  async function drive({ kind, senders, total }: Job): Promise<WorkerResult> {
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
