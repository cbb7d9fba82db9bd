// The package as users get it: built with the repo's build, packed with `npm pack`, then imported
// by name (root and every subpath) from a plain ESM consumer and bundled by esbuild. Packaging
// breaks more often than logic; this catches a wrong exports map, a missing file or a type path.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
// Inside the repo, so the consumer resolves the package's dependencies from the repo's node_modules.
const work = join(root, '.pack-test');
const installed = join(work, 'node_modules', 'chime-channel-flow');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { import?: string; types?: string }>;
};
const subpaths = Object.keys(manifest.exports).filter((key) => key !== './package.json');

const run = (command: string, args: string[], cwd = root) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  run(process.execPath, ['esbuild.config.mjs', '--lib-only']);
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work])) as Array<{
    filename: string;
  }>;
  run('tar', ['-xzf', join(work, packed!.filename), '-C', installed, '--strip-components=1']);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the built entry points and type declarations named in the exports map, and no sources or tests', () => {
    for (const subpath of subpaths) {
      const entry = manifest.exports[subpath]!;
      expect(existsSync(join(installed, entry.import!))).toBe(true);
      expect(existsSync(join(installed, entry.types!))).toBe(true);
    }
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(existsSync(join(installed, 'dist', 'examples'))).toBe(false);
  });

  it('ships the chime-channel-flow command as an executable script', () => {
    const bin = (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> })
      .bin['chime-channel-flow']!;
    expect(readFileSync(join(installed, bin), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(run(process.execPath, [join(installed, bin), '--help'], work)).toMatch(/emulator/);
  });

  it.each(subpaths)('imports %s by name from a plain ESM consumer', (subpath) => {
    const specifier = subpath === '.' ? 'chime-channel-flow' : `chime-channel-flow/${subpath.slice(2)}`;
    const script = join(work, `consumer-${subpath.replace(/\W/g, '_')}.mjs`);
    writeFileSync(
      script,
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
    );
    const names = JSON.parse(run(process.execPath, [script], work)) as string[];
    expect(names.length).toBeGreaterThan(0);
    if (subpath === '.')
      expect(names).toEqual(
        expect.arrayContaining([
          'channelFlowProcessor',
          'channelFlowCallback',
          'update',
          'deny',
          'noChange',
          'parseChannelFlowEvent',
          'toCallbackInput',
          'InvalidEventError',
          'DecisionLimitError',
        ]),
      );
  });

  it('runs a processor built from the packed package end to end with a stubbed transport', () => {
    const script = join(work, 'processor.mjs');
    writeFileSync(
      script,
      `import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor, deny, silentLogger } from 'chime-channel-flow';
import { channelFlowEvent, lambdaContext, fakeChimeTransport, callbackAccepted } from 'chime-channel-flow/testing';
const transport = fakeChimeTransport(callbackAccepted);
const client = new ChimeSDKMessagingClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: transport });
const handler = channelFlowProcessor(() => deny('no'), { client, logger: silentLogger });
const summary = await handler(channelFlowEvent(), lambdaContext());
console.log(JSON.stringify({ action: summary.action, deleted: transport.requests[0].body.DeleteResource }));`,
    );
    expect(JSON.parse(run(process.execPath, [script], work))).toEqual({ action: 'deny', deleted: true });
  });

  it('bundles with esbuild as the README says (ESM, node22, module first)', async () => {
    const entry = join(work, 'bundle-entry.mjs');
    writeFileSync(
      entry,
      `import { channelFlowProcessor, noChange } from 'chime-channel-flow';\nexport const handler = channelFlowProcessor(() => noChange());\n`,
    );
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('channel-flow-callback');
  });
});
