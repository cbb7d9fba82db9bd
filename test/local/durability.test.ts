import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ChimeSDKMessagingClient,
  CreateChannelCommand,
  DescribeChannelCommand,
  GetChannelMessageCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { createJsonLogger } from '../../src/logging/logger.js';
import { EmulatorConfigError } from '../../src/local/index.js';
import { StateFileError } from '../../src/local/state/store.js';
import { APP, USER, clientFor, rejectionOf, startQuietEmulator } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const tempState = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccf-durable-'));
  dirs.push(dir);
  return join(dir, 'state.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The emulator CLI as users run it, with its endpoint and ready channel read from stdout. */
async function startCli(state: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './scripts/register-ts.mjs',
      'src/cli.ts',
      'emulator',
      '--state',
      state,
      '--processor',
      'mask=test/local/fixtures/mask-processor.ts',
    ],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!/Ctrl-C to stop/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const endpoint = /AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING=(\S+)/.exec(out)?.[1];
  const ready = /mask: --channel-arn (\S+) --chime-bearer (\S+)/.exec(out);
  if (!endpoint || !ready) throw new Error(`the emulator CLI did not start:\n${out}`);
  const client = new ChimeSDKMessagingClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCALEMULATOR', secretAccessKey: 'local-emulator-secret' },
    maxAttempts: 1,
  });
  return { child, exited, client, channelArn: ready[1]!, bearer: ready[2]! };
}

describe('--state durability: acknowledged means on disk', () => {
  it('loses no acknowledged message when the emulator is SIGKILLed under load, and cleans up after the crash', async () => {
    const state = tempState();
    const first = await startCli(state);
    const acknowledged: string[] = [];
    let stop = false;
    const sender = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const sent = await first.client.send(
            new SendChannelMessageCommand({
              ChannelArn: first.channelArn,
              ChimeBearer: first.bearer,
              Content: `sender ${n} message ${i}`,
              Type: 'STANDARD',
              Persistence: 'PERSISTENT',
            }),
          );
          acknowledged.push(sent.MessageId!);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const senders = Array.from({ length: 16 }, (_, n) => sender(n));
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));

    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    await first.exited;
    first.client.destroy();
    // What a crash may leave: a temp file from an interrupted write.
    writeFileSync(`${state}.4242.tmp`, '{"partial');

    const second = await startCli(state);
    try {
      expect(second.channelArn).toBe(first.channelArn);
      const lost: string[] = [];
      for (const messageId of acknowledged) {
        try {
          await second.client.send(
            new GetChannelMessageCommand({ ChannelArn: first.channelArn, MessageId: messageId, ChimeBearer: USER }),
          );
        } catch {
          lost.push(messageId);
        }
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      expect(lost).toEqual([]);
      expect(readdirSync(join(state, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      second.client.destroy();
    }
  }, 60_000);

  it('answers 503 ServiceUnavailableException with an error log line when the state cannot be written, and recovers', async () => {
    const state = tempState();
    const lines: string[] = [];
    const logger = createJsonLogger({ service: 'test', level: 'error', sink: (line) => lines.push(line) });
    const emulator = await startQuietEmulator({ state, logger });
    const client = clientFor(emulator);
    // A fresh store journals into FILE.journal.1; a directory there makes the append fail (EISDIR).
    mkdirSync(`${state}.journal.1`);

    const refused = await rejectionOf(
      client.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'refused', ChimeBearer: USER })),
    );

    expect(refused.name).toBe('ServiceUnavailableException');
    expect(refused.$metadata.httpStatusCode).toBe(503);
    expect(lines.some((line) => /state write failed/.test(line) && /"level":"ERROR"/i.test(line))).toBe(true);
    // The next write goes to a fresh journal file and succeeds; both channels survive a restart.
    const kept = await client.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'kept', ChimeBearer: USER }));
    client.destroy();
    rmSync(`${state}.journal.1`, { recursive: true });
    await emulator.close();
    const again = await startQuietEmulator({ state });
    const described = await clientFor(again).send(
      new DescribeChannelCommand({ ChannelArn: kept.ChannelArn, ChimeBearer: USER }),
    );
    expect(described.Channel?.Name).toBe('kept');
    await again.close();
  });

  it.each([
    ['null', 'null', /must hold a JSON object, got null/],
    ['a snapshot without its arrays', '{"version":1}', /field "flows" must be an array, got undefined/],
    [
      'a message without its fields',
      '{"version":1,"flows":[],"channels":[],"messages":[{"ChannelArn":"x"}],"callbacks":[],"tokens":[]}',
      /field "messages\[0\]\.MessageId" is missing/,
    ],
    ['another version', '{"version":2}', /unsupported version 2/],
  ])('refuses %s with a typed StateFileError naming the problem', async (_case, text, problem) => {
    const state = tempState();
    writeFileSync(state, text);
    const error = await startQuietEmulator({ state }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateFileError);
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect((error as StateFileError).problem).toMatch(problem);
    expect((error as StateFileError).file).toBe(state);
  });

  it('drops a journal line cut short by a crash, refuses a corrupt one in the middle', async () => {
    const state = tempState();
    const first = await startQuietEmulator({ state });
    const client = clientFor(first);
    const made = await client.send(new CreateChannelCommand({ AppInstanceArn: APP, Name: 'a', ChimeBearer: USER }));
    client.destroy();
    await first.close();

    writeFileSync(`${state}.journal.9`, '{"k":"channel","id":"x","v":{"ChannelA');
    const again = await startQuietEmulator({ state });
    expect(again.stats().pending).toBe(0);
    await again.close();
    expect(existsSync(`${state}.journal.9`)).toBe(false);
    const third = await startQuietEmulator({ state });
    const thirdClient = clientFor(third);
    const described = await thirdClient.send(
      new DescribeChannelCommand({ ChannelArn: made.ChannelArn, ChimeBearer: USER }),
    );
    expect(described.Channel?.Name).toBe('a');
    thirdClient.destroy();
    await third.close();

    writeFileSync(`${state}.journal.20`, 'not json\n{"k":"token","id":"t","v":"x"}\n');
    const error = await startQuietEmulator({ state }).catch((e: unknown) => e);
    expect((error as StateFileError).problem).toMatch(/journal line 1 is not JSON/);
  });
});
