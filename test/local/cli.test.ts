import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import {
  CreateChannelCommand,
  DescribeChannelCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { ChimeSDKIdentityClient, CreateAppInstanceCommand } from '@aws-sdk/client-chime-sdk-identity';
import { USER } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'test/local/fixtures/mask-processor.ts';

function cli(
  args: string[],
  input?: string,
  env: NodeJS.ProcessEnv = {},
  entry: string[] = ['--import', './scripts/register-ts.mjs', 'src/cli.ts'],
) {
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('chime-channel-flow CLI', () => {
  it('dev PATH reads messages from piped stdin and prints one outcome line per message, counts on stderr', async () => {
    const run = cli(['dev', FIXTURE], 'hello there\nsuch a darn day\nbuy spam\n');
    expect(await run.exited).toBe(0);
    const lines = run.out().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith('SENT') && l.includes('hello there'))).toMatch(/\[noChange\]\s+\d+ ms$/);
    expect(lines.find((l) => l.includes('such a **** day'))).toMatch(/^SENT .*\[update\]/);
    expect(lines.find((l) => l.startsWith('DENIED'))).toMatch(/\(not delivered\)\s+\[deny\]/);
    expect(run.err()).toMatch(/3 messages: 2 sent, 1 denied, 0 failed, 0 stuck/);
  });

  it('dev reports a processor that never calls back as stuck and exits 1', async () => {
    const run = cli(['dev', `${FIXTURE}#silent`, '--function-timeout', '100'], 'anyone there?\n');
    expect(await run.exited).toBe(1);
    expect(run.out()).toMatch(/^PENDING .*stuck/m);
    expect(run.err()).toMatch(/1 message: 0 sent, 0 denied, 0 failed, 1 stuck/);
    expect(run.err()).toMatch(/STUCK in PENDING/);
    expect(run.err()).toMatch(/never sent a ChannelFlowCallback.*Wrap the handler with channelFlowProcessor/);
    // The emulator's own logs never carry message content.
    expect(run.err()).not.toContain('anyone there?');
  });

  it('emulator prints the endpoint and env lines, serves SDK clients, and stops on SIGTERM', async () => {
    const run = cli(['emulator', '--processor', `mask=${FIXTURE}`]);
    try {
      const deadline = Date.now() + 15_000;
      while (!/Ctrl-C to stop/.test(run.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const env = Object.fromEntries([...run.out().matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
      expect(Object.keys(env).sort()).toEqual([
        'AWS_ACCESS_KEY_ID',
        'AWS_DEFAULT_REGION',
        'AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY',
        'AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING',
        'AWS_REGION',
        'AWS_SECRET_ACCESS_KEY',
      ]);
      const client = new ChimeSDKMessagingClient({
        endpoint: env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
      });
      // Channels live in app instances that exist: create one through the identity endpoint it printed.
      const identity = new ChimeSDKIdentityClient({
        endpoint: env.AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
      });
      const { AppInstanceArn } = await identity.send(
        new CreateAppInstanceCommand({ Name: 'cli', ClientRequestToken: 'cli-app' }),
      );
      identity.destroy();
      const channel = await client.send(new CreateChannelCommand({ AppInstanceArn, Name: 'cli', ChimeBearer: USER }));
      expect(
        (await client.send(new DescribeChannelCommand({ ChannelArn: channel.ChannelArn, ChimeBearer: USER }))).Channel
          ?.Name,
      ).toBe('cli');

      const ready = /mask: --channel-arn (\S+) --chime-bearer (\S+)/.exec(run.out());
      expect(ready).not.toBeNull();
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: ready![1],
          ChimeBearer: ready![2],
          Content: 'x',
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      expect(sent.Status?.Value).toBe('PENDING');
      client.destroy();
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.out()).toMatch(/stopping: \d+ sent/);
  });

  it('built as published (esbuild, plain node, no loader), loads a TypeScript processor through tsx', async () => {
    // Inside the repo so the bundle's external packages resolve from node_modules, as they do for users.
    const dir = join(ROOT, 'node_modules', '.cache', `ccf-cli-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const outfile = join(dir, 'cli.mjs');
      await build({
        entryPoints: [join(ROOT, 'src/cli.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'error',
      });
      const run = cli(['dev', FIXTURE], 'oh darn\n', {}, [outfile]);
      expect(await run.exited).toBe(0);
      expect(run.out()).toMatch(/^SENT .*oh \*\*\*\*.*\[update\]/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps serving when a processor leaves an unhandled rejection', async () => {
    const run = cli(['dev', `${FIXTURE}#stray`], 'first darn\nsecond\n');
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/2 messages: 2 sent, 0 denied, 0 failed, 0 stuck/);
    expect(run.err()).toMatch(/unhandled rejection \(TypeError\); still serving/);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const run = cli(['dev']);
    expect(await run.exited).toBe(2);
    expect(run.err()).toMatch(/dev needs exactly one PATH/);
    expect(run.err()).toMatch(/Usage:/);
  });
});
