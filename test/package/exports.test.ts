// The package as users get it: packed with `npm pack` (whose prepack builds it), then imported
// by name (root and every subpath) from a plain ESM consumer and bundled by esbuild, and used by a
// consumer project (a processor, its unit tests under node --test and jest, compiled by tsc, and
// `dev`). Packaging breaks more often than logic; this catches a wrong exports map, a missing file
// or a type path. One file, so the build in dist/ happens once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { consumerProject } from './consumer-project.js';
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
  // npm pack runs the prepack script: the library build and its type declarations.
  run('npm', ['pack', '--loglevel', 'warn', '--pack-destination', work]);
  // The prepack script prints to stdout too, so the tarball is found on disk rather than in pack's output.
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  run('tar', ['-xzf', join(work, tarball ?? 'missing.tgz'), '-C', installed, '--strip-components=1']);
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
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
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

describe('a consumer project made from the packed package', () => {
  const project = consumerProject(root, installed);
  beforeAll(() => project.create(), 60_000);
  afterAll(() => project.remove());

  it('compiles its processor and tests with tsc against the shipped types (typed callbacks, no casts)', () => {
    expect(project.source('test/my-handler.node.test.ts')).not.toMatch(/\bunknown\b|\bas any\b/);
    expect(project.tsc()).toEqual({ status: 0, output: '' });
  });

  it('runs its unit test with node --test, with no warning and no log line', () => {
    const run = project.node(['--test', 'dist/test/my-handler.node.test.js']);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/# pass 2\b/);
    expect(run.stdout).toMatch(/# fail 0\b/);
    expect(run.stdout).not.toMatch(/"level"|Warning/);
  });

  it('runs its unit test with jest', () => {
    const run = project.node([
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--ci',
      'dist/test/my-handler.jest.test.js',
    ]);
    expect({ status: run.status, warnings: run.stderr.match(/.*Warning.*/g) ?? [] }).toEqual({
      status: 0,
      warnings: [],
    });
    expect(run.stderr).toMatch(/Tests:\s+2 passed/);
  });

  it('runs its processor with `chime-channel-flow dev`: one line per message, nothing else on stdout', () => {
    const run = project.node(
      ['node_modules/chime-channel-flow/dist/cli.js', 'dev', 'src/my-handler.ts'],
      'hello\nbuy now\nthis darn build\n',
    );
    expect({ status: run.status, stderr: run.stderr.match(/.*(Warning|"level").*/g) ?? [] }).toEqual({
      status: 0,
      stderr: [],
    });
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^SENT +hello -> hello +\[noChange\]/),
      expect.stringMatching(/^DENIED +buy now -> \(not delivered\) +\[deny\]/),
      expect.stringMatching(/^SENT +this darn build -> this \*\*\*\* build +\[update\]/),
    ]);
  });
});
