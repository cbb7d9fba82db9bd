// Messaging sessions under load: one channel with a channel flow (a no-op channelFlowProcessor run by
// the emulator), 50 members each holding a messaging session (`ws` clients), 10 of them sending with
// the real SDK client. A message counts as delivered when all 50 sessions have its
// CREATE_CHANNEL_MESSAGE frame; every frame is counted, so a lost or doubled frame is caught.
// The members and senders run in a child process (as the app's clients run elsewhere), so the CPU
// figures are the emulator's and the processor's own; they share one process, as
// `chime-channel-flow emulator` does.
// Budgets (issue 12): >= 800 messages/s with every member's frame delivered; p99 send -> last
// member's frame < 100 ms at 200 messages/s; nothing lost, nothing delivered twice.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'node:http';
import {
  BatchCreateChannelMembershipCommand,
  ChimeSDKMessagingClient,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { WebSocket } from 'ws';

const MEMBERS = 50;
const SENDERS = 10;
const BUDGET_MSGS_PER_S = 800;
const BUDGET_P99_MS = 100;
const PACED_RATE = 200;
const THROUGHPUT_MESSAGES = Number(process.env.SESSIONS_BENCH_MESSAGES ?? 4000);
const PACED_MESSAGES = 1000;
const IDLE_SESSIONS = 500;

interface Setup {
  endpoint: string;
  port: number;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  channelArn: string;
  members: string[];
}
type Job =
  | { kind: 'throughput'; total: number }
  | { kind: 'paced'; total: number; rate: number }
  | { kind: 'idle'; count: number }
  | { kind: 'close-idle' };
interface Result {
  perSecond?: number;
  p50?: number;
  p99?: number;
  lost?: number;
  duplicated?: number;
  /** The client process's CPU (50 sessions' reads, 10 senders' SDK clients) over the job, in µs. */
  clientCpuUs?: number;
}

const CHILD = process.env.SESSIONS_BENCH_SETUP;
if (CHILD === undefined) {
  const { channelFlowProcessor, noChange } = await import('../src/index.js');
  const { silentLogger } = await import('../src/logging/logger.js');
  const { startEmulator } = await import('../src/local/index.js');
  const { printTable } = await import('./stats.js');

  const emulator = await startEmulator({ logger: silentLogger, exportEnv: false });
  const client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) },
  });
  emulator.addProcessor(
    'noop',
    channelFlowProcessor(() => noChange(), { client, logger: silentLogger }),
  );
  const channel = emulator.setupChannel({ processor: 'noop' });
  const members = [
    channel.bearer,
    ...Array.from({ length: MEMBERS - 1 }, (_, i) => `${channel.appInstanceArn}/user/member-${i}`),
  ];
  emulator.addAppInstance({ appInstanceArn: channel.appInstanceArn, users: members });
  await client.send(
    new BatchCreateChannelMembershipCommand({
      ChannelArn: channel.channelArn,
      MemberArns: members.slice(1),
      ChimeBearer: channel.bearer,
    }),
  );
  const setup: Setup = {
    endpoint: emulator.endpoint,
    port: emulator.port,
    region: emulator.region,
    credentials: emulator.credentials,
    channelArn: channel.channelArn,
    members,
  };
  const worker = fork(fileURLToPath(import.meta.url), {
    execArgv: ['--import', fileURLToPath(new URL('../scripts/register-ts.mjs', import.meta.url))],
    env: { ...process.env, SESSIONS_BENCH_SETUP: JSON.stringify(setup) },
  });
  let pending: ((result: Result) => void) | undefined;
  worker.on('message', (message: { result?: Result; ready?: boolean }) => {
    if (message.result || message.ready) pending?.(message.result ?? {});
  });
  // CPU of the emulator's process (server, SigV4, engine, processor, sessions' sending side) per
  // message: unlike wall time it does not count waiting for a core on a shared machine.
  // SESSIONS_BENCH_PROFILE=file.cpuprofile records the emulator's process over the throughput run
  // alone (not setup, warm-up or the paced run), for `node --cpu-prof`-style analysis.
  const profilePath = process.env.SESSIONS_BENCH_PROFILE;
  const profiler = profilePath ? new (await import('node:inspector/promises')).Session() : undefined;
  profiler?.connect();
  const run = async (job?: Job, profile = false): Promise<Result & { cpuUs?: number; clientCpuPerMsgUs?: number }> => {
    if (profile && profiler) {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const result = await new Promise<Result>((resolve) => {
      pending = resolve;
      if (job) worker.send({ job });
    });
    const used = process.cpuUsage(cpu);
    if (profile && profiler && profilePath) {
      const { profile: recorded } = await profiler.post('Profiler.stop');
      (await import('node:fs')).writeFileSync(profilePath, JSON.stringify(recorded));
    }
    const total = job && 'total' in job ? job.total : 1;
    return {
      ...result,
      cpuUs: (used.user + used.system) / total,
      clientCpuPerMsgUs: (result.clientCpuUs ?? 0) / total,
    };
  };
  await run(); // the worker's 50 sessions are open

  // Memory per session on the emulator's side: heap and RSS growth for idle sessions.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  await run({ kind: 'idle', count: IDLE_SESSIONS });
  gc?.();
  const after = process.memoryUsage();
  await run({ kind: 'close-idle' });
  gc?.();
  // Warm-up: JIT, sockets, middleware stacks.
  await run({ kind: 'throughput', total: 500 });
  const throughput = await run({ kind: 'throughput', total: THROUGHPUT_MESSAGES }, true);
  const paced = await run({ kind: 'paced', total: PACED_MESSAGES, rate: PACED_RATE });

  const heapPerSession = (after.heapUsed - before.heapUsed) / IDLE_SESSIONS / 1024;
  const rssPerSession = (after.rss - before.rss) / IDLE_SESSIONS / 1024;

  console.log(
    `one flow channel, ${MEMBERS} members' sessions, ${SENDERS} senders; no-op processor; Node ${process.version}`,
  );
  printTable(
    [
      'run',
      'messages',
      'msgs/s',
      'p50 ms',
      'p99 ms',
      'emulator CPU us/msg',
      'clients CPU us/msg',
      'frames lost',
      'frames doubled',
    ],
    [
      [
        'as fast as possible',
        THROUGHPUT_MESSAGES,
        throughput.perSecond!.toFixed(0),
        throughput.p50!.toFixed(1),
        throughput.p99!.toFixed(1),
        throughput.cpuUs!.toFixed(0),
        throughput.clientCpuPerMsgUs!.toFixed(0),
        throughput.lost!,
        throughput.duplicated!,
      ],
      [
        `paced at ${PACED_RATE}/s`,
        PACED_MESSAGES,
        paced.perSecond!.toFixed(0),
        paced.p50!.toFixed(1),
        paced.p99!.toFixed(1),
        paced.cpuUs!.toFixed(0),
        paced.clientCpuPerMsgUs!.toFixed(0),
        paced.lost!,
        paced.duplicated!,
      ],
    ],
  );
  console.log(
    `CPU per message in the emulator's process (HTTP, SigV4, processor, ${MEMBERS} frames out): ${throughput.cpuUs!.toFixed(0)} us -> ${(1e6 / throughput.cpuUs!).toFixed(0)} msgs/s per core it has to itself; load average now ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
  const both = throughput.cpuUs! + throughput.clientCpuPerMsgUs!;
  console.log(
    `CPU per message, emulator and clients together: ${both.toFixed(0)} us -> ${(2e6 / both).toFixed(0)} msgs/s if both had 2 cores to themselves`,
  );
  if (profilePath) console.log(`profile of the throughput run (emulator's process): ${profilePath}`);
  console.log(
    `memory per idle session (emulator side, ${IDLE_SESSIONS} sessions): heap ${heapPerSession.toFixed(1)} KB, RSS ${rssPerSession.toFixed(1)} KB (the clients run in another process)`,
  );
  const verdicts = [
    [
      throughput.perSecond! >= BUDGET_MSGS_PER_S,
      `throughput ${throughput.perSecond!.toFixed(0)} msgs/s with every member's frame (budget >= ${BUDGET_MSGS_PER_S})`,
    ],
    [
      paced.p99! < BUDGET_P99_MS,
      `p99 send -> last member's frame at ${PACED_RATE}/s: ${paced.p99!.toFixed(1)} ms (budget < ${BUDGET_P99_MS})`,
    ],
    [throughput.lost === 0 && paced.lost === 0, `frames lost: ${throughput.lost! + paced.lost!} (budget 0)`],
    [
      throughput.duplicated === 0 && paced.duplicated === 0,
      `frames delivered twice: ${throughput.duplicated! + paced.duplicated!} (budget 0)`,
    ],
  ] as const;
  for (const [ok, text] of verdicts) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
  worker.kill();
  client.destroy();
  await emulator.close();
  process.exitCode = verdicts.every(([ok]) => ok) ? 0 : 1;
} else {
  const { messagingSessionUrl } = await import('../src/local/index.js');
  const setup = JSON.parse(CHILD) as Setup;
  const parentPort = { postMessage: (message: unknown) => process.send!(message), on: process.on.bind(process) };
  const host = `127.0.0.1:${setup.port}`;
  // The members are the load generator, not what is measured: they skip ws's UTF-8 check and read each
  // frame's bytes without decoding it to a string, so less of the 2 cores goes to counting frames.
  const open = async (userArn: string, onFrame?: (frame: Buffer) => void): Promise<WebSocket> => {
    const url = await messagingSessionUrl({ host, userArn, credentials: setup.credentials });
    const socket = new WebSocket(url, { skipUTF8Validation: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
    });
    if (onFrame) socket.on('message', (data) => onFrame(data as Buffer));
    return socket;
  };

  /** Per MessageId: how many members got its CREATE frame, and when the last one did. */
  let counts = new Map<string, number>();
  let lastAt = new Map<string, number>();
  const CREATE = Buffer.from('"x-amz-chime-event-type":"CREATE_CHANNEL_MESSAGE"');
  const MESSAGE_ID = Buffer.from('\\"MessageId\\":\\"');
  const onFrame = (frame: Buffer) => {
    // Only CREATE_CHANNEL_MESSAGE counts; PENDING_ goes to the sender alone.
    if (!frame.includes(CREATE)) return;
    const start = frame.indexOf(MESSAGE_ID);
    const end = start < 0 ? -1 : frame.indexOf('\\"', start + MESSAGE_ID.length);
    if (end < 0) return;
    const id = frame.toString('latin1', start + MESSAGE_ID.length, end);
    counts.set(id, (counts.get(id) ?? 0) + 1);
    lastAt.set(id, performance.now());
  };
  const sessions = await Promise.all(setup.members.map((member) => open(member, onFrame)));
  const clients = setup.members.slice(0, SENDERS).map(
    (bearer) =>
      [
        bearer,
        new ChimeSDKMessagingClient({
          endpoint: setup.endpoint,
          region: setup.region,
          credentials: setup.credentials,
          requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 4 }) },
        }),
      ] as const,
  );
  const send = async (index: number) => {
    const [bearer, client] = clients[index % SENDERS]!;
    const started = performance.now();
    const { MessageId } = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: setup.channelArn,
        ChimeBearer: bearer,
        Content: `message ${index}`,
        Type: 'STANDARD',
        Persistence: 'NON_PERSISTENT',
      }),
    );
    return [MessageId!, started] as const;
  };
  const delivered = (ids: Array<readonly [string, number]>) => ids.every(([id]) => (counts.get(id) ?? 0) >= MEMBERS);
  const settle = async (ids: Array<readonly [string, number]>, started: number): Promise<Result> => {
    // Generous: on a loaded machine frames arrive late, and only what never arrives is lost.
    const deadline = performance.now() + 60_000;
    while (!delivered(ids) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, 50)); // late doubles would land now
    const latencies = ids.map(([id, sentAt]) => (lastAt.get(id) ?? Number.NaN) - sentAt).sort((a, b) => a - b);
    const ends = ids.map(([id]) => lastAt.get(id) ?? 0);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    const result = {
      perSecond: ids.length / ((Math.max(...ends) - started) / 1000),
      p50: at(50),
      p99: at(99),
      lost: ids.reduce((sum, [id]) => sum + Math.max(0, MEMBERS - (counts.get(id) ?? 0)), 0),
      duplicated: ids.reduce((sum, [id]) => sum + Math.max(0, (counts.get(id) ?? 0) - MEMBERS), 0),
    };
    counts = new Map();
    lastAt = new Map();
    return result;
  };
  let idle: WebSocket[] = [];
  parentPort.on('message', async ({ job }: { job: Job }) => {
    const cpu = process.cpuUsage();
    const reply = (result: Result) => {
      const used = process.cpuUsage(cpu);
      parentPort.postMessage({ result: { ...result, clientCpuUs: used.user + used.system } });
    };
    if (job.kind === 'throughput') {
      const started = performance.now();
      const ids: Array<readonly [string, number]> = [];
      let next = 0;
      await Promise.all(
        clients.map(async () => {
          while (next < job.total) ids.push(await send(next++));
        }),
      );
      reply(await settle(ids, started));
    } else if (job.kind === 'paced') {
      const started = performance.now();
      const sends: Array<Promise<readonly [string, number]>> = [];
      for (let i = 0; i < job.total; i++) {
        const due = started + (i * 1000) / job.rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        sends.push(send(i));
      }
      reply(await settle(await Promise.all(sends), started));
    } else if (job.kind === 'idle') {
      idle = await Promise.all(Array.from({ length: job.count }, (_, i) => open(`${setup.members[0]!}-idle-${i}`)));
      reply({});
    } else {
      for (const socket of idle) socket.close();
      idle = [];
      reply({});
    }
  });
  void sessions;
  parentPort.postMessage({ ready: true });
}
