// `dev` and `emulator` as a newcomer meets them: a processor that cannot load stops the command at
// once with one plain sentence; a working one prints one quiet result line per message.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { resultLine } from '../../src/local/cli/dev-output.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'test/local/fixtures/mask-processor.ts';
// The CLI built as published (esbuild, packages external, plain node): starts in a fraction of the
// time tsx needs for the sources. Inside the repo, so its packages resolve from node_modules.
const BUILT = join(ROOT, 'node_modules', '.cache', `ccf-preflight-${process.pid}`);
const BUILT_CLI = [join(BUILT, 'cli.mjs')];
let dir = '';

function cli(args: string[], input = '', options: { entry?: string[]; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', ...options.env };
  if (options.env?.LOG_LEVEL === undefined) delete env.LOG_LEVEL;
  const child = spawn(process.execPath, [...(options.entry ?? BUILT_CLI), ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(input);
  // A command that does not fail fast would keep serving: kill it so the test fails on the code.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, out: stdout, err: stderr });
    }),
  );
}

beforeAll(async () => {
  await build({
    entryPoints: [join(ROOT, 'src/cli.ts')],
    outfile: BUILT_CLI[0],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  dir = mkdtempSync(join(tmpdir(), 'ccf-preflight-'));
  // A project folder, as a user's processors live in one (ESM, like this package).
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'syntax.ts'), 'export const handler = (;\n');
  writeFileSync(join(dir, 'other-export.ts'), 'export const other = () => 1;\n');
  writeFileSync(join(dir, 'throws.mjs'), 'throw new Error("DB_URL is not set");\nexport const handler = () => 1;\n');
  writeFileSync(join(dir, 'plain.ts'), 'export const handler = async () => undefined;\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUILT, { recursive: true, force: true });
});

describe('dev fails fast on a processor that cannot load', () => {
  it.each([
    ['a missing file', 'missing.ts', /missing\.ts \(export "handler"\): no such file\. Fix: check the path/],
    ['a syntax error', 'syntax.ts', /syntax\.ts \(export "handler"\): it does not compile: .*Unexpected ";"\. Fix: /],
    ['a wrong export', 'other-export.ts#nope', /no function exported as "nope"\. Fix: export it/],
    [
      'an import that throws',
      'throws.mjs',
      /throws\.mjs \(export "handler"\): importing it threw: DB_URL is not set\. Fix: /,
    ],
  ])(
    '%s: exit 1, one sentence on stderr, nothing on stdout',
    async (_, file, reason) => {
      // Empty stdin too: the processor is loaded before any message is read.
      const run = await cli(['dev', join(dir, file)]);
      expect(run.code).toBe(1);
      expect(run.out).toBe('');
      const lines = run.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^chime-channel-flow: cannot load processor /);
      expect(lines[0]).toMatch(reason);
    },
    90_000,
  );

  it('emulator fails the same way before listening', async () => {
    const run = await cli(['emulator', '--processor', `moderate=${join(dir, 'syntax.ts')}`]);
    expect(run.code).toBe(1);
    expect(run.out).not.toMatch(/listening/);
    expect(run.err).toMatch(/cannot load processor .*syntax\.ts .*does not compile/);
  }, 90_000);

  // Node 22.18+ strips TypeScript types itself (process.features.typescript), so there a .ts processor
  // loads without tsx and nothing is missing to report.
  const nativeTypeScript = Boolean((process.features as { typescript?: unknown }).typescript);
  (nativeTypeScript ? it.skip : it)(
    'built as published and run where tsx cannot be found, says to install tsx for a .ts file',
    async () => {
      const outDir = join(dir, 'bin');
      mkdirSync(outDir);
      const outfile = join(outDir, 'cli.mjs');
      // Everything bundled but tsx, which stays unresolvable from the temp folder.
      await build({
        entryPoints: [join(ROOT, 'src/cli.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: ['tsx', 'tsx/*'],
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
        logLevel: 'error',
      });
      const run = await cli(['dev', 'plain.ts'], 'hi\n', { entry: [outfile], cwd: dir });
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        /plain\.ts \(export "handler"\): TypeScript needs a loader .*Fix: install tsx to load \.ts processors/,
      );
    },
    90_000,
  );
});

describe('dev is quiet and readable', () => {
  it('logs nothing at the default level and prints one line per message', async () => {
    const run = await cli(['dev', FIXTURE], 'hello\nbuy spam\nsuch a darn day\n');
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(run.out).not.toMatch(/^\{/m);
    expect(run.err).not.toMatch(/"level"/);
  }, 90_000);

  it('--verbose shows the processor logs, on stderr only', async () => {
    const run = await cli(['dev', FIXTURE, '--verbose'], 'buy spam\n');
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/"level":"INFO"/);
    expect(run.out).not.toMatch(/"level"/);
  }, 90_000);

  it('cuts long contents at 60 characters; --wide prints them whole', async () => {
    const long = `${'a'.repeat(50)} darn ${'b'.repeat(50)} END`;
    const row = { processor: 'dev', message: long, status: 'SENT', delivered: long, decision: 'noChange', ms: 3 };
    const cut = resultLine(row, { wide: false, showInput: true });
    expect(cut).toContain('…');
    expect(cut).not.toContain('END');
    const wide = await cli(['dev', FIXTURE, '--wide'], `${long}\n`);
    expect(wide.out).toContain(`${long} -> ${long.replace('darn', '****')}`);
  }, 90_000);
});
