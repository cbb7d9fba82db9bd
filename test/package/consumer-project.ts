// A project that depends on the packed package, as a user's would: its own package.json, tsconfig,
// a processor in src/ and unit tests in test/. No registry: node_modules links the packed package
// (extracted from the tarball) and, for everything else, this repository's installed dependencies.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'my-moderation', private: true, type: 'module' }, null, 2),
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'dist',
        rootDir: '.',
        types: ['node'],
        skipLibCheck: true,
      },
      include: ['src', 'test'],
    },
    null,
    2,
  ),
  'jest.config.json': JSON.stringify({ testEnvironment: 'node', transform: {}, roots: ['<rootDir>/dist/test'] }),
  'src/my-handler.ts': `import { channelFlowProcessor, deny, noChange, update } from 'chime-channel-flow';
import type { Processor } from 'chime-channel-flow';

/** The decision alone, exported so tests can run it with their own client and logger. */
export const moderate: Processor = (message) => {
  if (/buy now|free money/i.test(message.Content)) return deny('spam');
  if (message.Content.includes('darn')) return update({ content: message.Content.replaceAll('darn', '****') });
  return noChange();
};

export const handler = channelFlowProcessor(moderate, { onError: 'allow' });
`,
  'test/setup.ts': `import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor } from 'chime-channel-flow';
import { callbackAccepted, fakeChimeTransport, quietLogger, silenceSdkNodeWarning } from 'chime-channel-flow/testing';
import { moderate } from '../src/my-handler.js';

/** The handler under test, on an in-process transport, logging nowhere. */
export function handlerUnderTest() {
  silenceSdkNodeWarning();
  const transport = fakeChimeTransport(callbackAccepted);
  const client = new ChimeSDKMessagingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: transport,
  });
  const logger = quietLogger();
  return { transport, logger, handler: channelFlowProcessor(moderate, { client, logger }) };
}
`,
  'test/my-handler.node.test.ts': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelFlowEvent, lambdaContext } from 'chime-channel-flow/testing';
import { handlerUnderTest } from './setup.js';

const { transport, logger, handler } = handlerUnderTest();

test('denies spam: the callback deletes the message', async () => {
  const summary = await handler(channelFlowEvent({ Content: 'buy now, cheap' }), lambdaContext());
  assert.equal(summary.action, 'deny');
  assert.equal(transport.callbacks.at(-1)?.DeleteResource, true);
});

test('masks a word, keeps the rest, and logs no content', async () => {
  await handler(channelFlowEvent({ Content: 'oh darn it' }), lambdaContext());
  assert.equal(transport.callbacks.at(-1)?.ChannelMessage?.Content, 'oh **** it');
  assert.ok(logger.entries.length > 0);
  assert.ok(!JSON.stringify(logger.entries).includes('darn'));
});
`,
  'test/my-handler.jest.test.ts': `import { describe, expect, it } from '@jest/globals';
import { channelFlowEvent, lambdaContext } from 'chime-channel-flow/testing';
import { handlerUnderTest } from './setup.js';

const { transport, handler } = handlerUnderTest();

describe('my handler', () => {
  it('denies spam', async () => {
    const summary = await handler(channelFlowEvent({ Content: 'free money' }), lambdaContext());
    expect(summary.action).toBe('deny');
    expect(transport.callbacks.at(-1)?.DeleteResource).toBe(true);
  });

  it('lets a clean message through as written', async () => {
    await handler(channelFlowEvent({ Content: 'see you at ten' }), lambdaContext());
    expect(transport.callbacks.at(-1)).toMatchObject({ DeleteResource: false, ChannelMessage: { Content: 'see you at ten' } });
  });
});
`,
};

/**
 * A consumer project in a temporary folder.
 *
 * @example
 * const project = consumerProject(repoRoot, extractedPackageDir);
 * project.create();
 */
export function consumerProject(repoRoot: string, packedPackage: string) {
  let dir = '';
  // A clean environment: nothing inherited that would quiet or configure what we check.
  const env = () => {
    const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: '' };
    return clean;
  };
  return {
    create(): void {
      dir = mkdtempSync(join(tmpdir(), 'ccf-consumer-'));
      for (const [path, text] of Object.entries(FILES)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const modules = join(dir, 'node_modules');
      mkdirSync(modules);
      for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
        if (name === '.bin' || name.startsWith('.') || name.startsWith('chime-channel-flow')) continue;
        symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name), 'dir');
      }
      symlinkSync(packedPackage, join(modules, 'chime-channel-flow'), 'dir');
    },
    remove(): void {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    source(path: string): string {
      return readFileSync(join(dir, path), 'utf8');
    },
    tsc(): { status: number | null; output: string } {
      const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], {
        cwd: dir,
        encoding: 'utf8',
        env: env(),
      });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    },
    node(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
      const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: env(), input, timeout: 60_000 });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    },
  };
}
