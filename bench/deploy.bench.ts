// Example bundles (issue 5): what a Lambda cold start of each example costs, against the
// core wrapper alone (bench/fixtures/minimal-processor.ts) bundled the same way in the same run.
//  1. size of dist/examples/NAME/index.mjs, built by the real `node esbuild.config.mjs --examples-only`;
//  2. cold start in a fresh process: import of the bundle, then the first invocation up to its
//     ChannelFlowCallback (answered by a local stub server; Comprehend too), interleaved runs, medians.
// Budgets: every bundle <= 450 KB (the build's own budget); cold start (import + first invocation)
// <= 1.6x the core baseline's, so a rule set never adds more than about half a bare processor's cold start.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { median, printTable, withinBudget } from './stats.js';
import { LAMBDA_BUNDLE_OPTIONS } from './bundle-options.js';

const RUNS = 11;
const BUNDLE_BUDGET_KB = 450;
const COLD_START_RATIO_BUDGET = 1.6;
const ROOT = resolve(import.meta.dirname, '..');

// 1. The real example build, then the baseline with the same options (esbuild.config.mjs buildExamples()).
const lambdaBundling = JSON.parse(readFileSync(join(ROOT, 'deploy', 'lambda-bundling.json'), 'utf8')) as {
  external: string[];
  banner: string;
};
execFileSync(process.execPath, ['esbuild.config.mjs', '--examples-only'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
mkdirSync(join(ROOT, '.bench-tmp'), { recursive: true });
const baselineFile = join(ROOT, '.bench-tmp', 'core-baseline.mjs');
await build({
  ...LAMBDA_BUNDLE_OPTIONS,
  entryPoints: [join(ROOT, 'bench', 'fixtures', 'minimal-processor.ts')],
  outfile: baselineFile,
  external: lambdaBundling.external,
  banner: { js: lambdaBundling.banner },
  absWorkingDir: ROOT,
});
const examplesDir = join(ROOT, 'dist', 'examples');
const bundles: Array<{ name: string; file: string }> = [
  { name: 'core baseline', file: baselineFile },
  ...readdirSync(examplesDir)
    .filter((name) => existsSync(join(examplesDir, name, 'index.mjs')))
    .sort()
    .map((name) => ({ name, file: join(examplesDir, name, 'index.mjs') })),
];

// examples/NAME/local.ts starts what an example needs on this machine (exactly-once: DynamoDB on dynalite),
// so no bundle reaches past 127.0.0.1.
type PrepareLocal = () => Promise<{ env: Record<string, string>; close: () => Promise<void> }>;
const locals: Array<Awaited<ReturnType<PrepareLocal>>> = [];
for (const name of readdirSync(join(ROOT, 'examples')).filter((example) =>
  existsSync(join(ROOT, 'examples', example, 'local.ts')),
)) {
  const { prepareLocal } = (await import(join(ROOT, 'examples', name, 'local.ts'))) as { prepareLocal: PrepareLocal };
  locals.push(await prepareLocal());
}
const localEnv = Object.assign({}, ...locals.map((local) => local.env)) as Record<string, string>;

// 2. A stub for every AWS call a cold start makes: the callback, and Comprehend for ai-toxicity.
const stub = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk));
  req.on('end', () => {
    const target = String(req.headers['x-amz-target'] ?? '');
    res.setHeader('content-type', target ? 'application/x-amz-json-1.1' : 'application/json');
    if (target.includes('DetectToxicContent')) {
      res.end(JSON.stringify({ ResultList: [{ Toxicity: 0.01, Labels: [] }] }));
      return;
    }
    const parsed = JSON.parse(body || '{}') as { CallbackId?: string };
    const channelArn = decodeURIComponent((req.url ?? '').split('?')[0]!.replace('/channels/', ''));
    res.end(JSON.stringify({ ChannelArn: channelArn, CallbackId: parsed.CallbackId }));
  });
});
await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
const endpoint = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;

const CHILD = `
const t0 = performance.now();
const { handler } = await import(process.env.BUNDLE);
const t1 = performance.now();
const arn = 'arn:aws:chime:us-east-1:111122223333:app-instance/11111111-2222-3333-4444-555555555555';
const event = { EventType: 'CHANNEL_MESSAGE_EVENT', CallbackId: '0123456789abcdef0123456789abcdef', ChannelMessage: {
  MessageId: 'm-1', ChannelArn: arn + '/channel/c-1', Content: 'see you at the standup, bring the numbers', Metadata: '{}',
  Sender: { Arn: arn + '/user/u-1', Name: 'U' }, Persistence: 'PERSISTENT', Type: 'STANDARD' } };
const deadline = Date.now() + 10000;
const summary = await handler(event, { functionName: 'bench', awsRequestId: 'r-1', getRemainingTimeInMillis: () => deadline - Date.now() });
const t2 = performance.now();
if (summary.decidedBy !== 'processor') throw new Error('first invocation was not decided by the processor: ' + JSON.stringify(summary));
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1 }));
`;

async function coldStart(file: string): Promise<{ importMs: number; firstMs: number }> {
  // Async spawn: the stub server answers in this process while the child runs.
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: {
        ...process.env,
        BUNDLE: file,
        LOG_LEVEL: 'silent',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDBENCH',
        AWS_SECRET_ACCESS_KEY: 'bench-secret',
        AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: endpoint,
        AWS_ENDPOINT_URL_COMPREHEND: endpoint,
        ...localEnv,
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('close', (code) =>
      code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!)) : fail(new Error(`${file}: exit ${code}\n${err}`)),
    );
  });
}

const samples = new Map(bundles.map((bundle) => [bundle.name, [] as Array<{ importMs: number; firstMs: number }>]));
for (let run = 0; run < RUNS; run++) {
  // Rotate the order each run, so drift (page cache, CPU frequency) hits every bundle alike.
  for (let i = 0; i < bundles.length; i++) {
    const bundle = bundles[(i + run) % bundles.length]!;
    samples.get(bundle.name)!.push(await coldStart(bundle.file));
  }
}
stub.close();
for (const local of locals) await local.close();

const baseline = samples.get('core baseline')!;
const baseTotal = median(baseline.map((s) => s.importMs + s.firstMs));
const rows: Array<Array<string>> = [];
const checks: Array<() => boolean> = [];
for (const bundle of bundles) {
  const runs = samples.get(bundle.name)!;
  const kb = statSync(bundle.file).size / 1024;
  const total = median(runs.map((s) => s.importMs + s.firstMs));
  // Ratio per run against the baseline of the same run, then the median.
  const ratio = median(
    runs.map((s, index) => (s.importMs + s.firstMs) / (baseline[index]!.importMs + baseline[index]!.firstMs)),
  );
  rows.push([
    bundle.name,
    kb.toFixed(1),
    median(runs.map((s) => s.importMs)).toFixed(1),
    median(runs.map((s) => s.firstMs)).toFixed(1),
    total.toFixed(1),
    `${ratio.toFixed(2)}x`,
  ]);
  if (bundle.name === 'core baseline') continue;
  checks.push(() => withinBudget(`${bundle.name} bundle size`, kb, BUNDLE_BUDGET_KB, ' KB'));
  checks.push(() => withinBudget(`${bundle.name} cold start vs core baseline`, ratio, COLD_START_RATIO_BUDGET, 'x'));
}
console.log(
  `cold start = import + first invocation up to its callback, median of ${RUNS} fresh processes; core baseline ${baseTotal.toFixed(1)} ms\n`,
);
printTable(['bundle', 'size (KB)', 'import (ms)', 'first invocation (ms)', 'cold start (ms)', 'vs baseline'], rows);
console.log('');
const ok = checks.map((check) => check()).every(Boolean);
process.exit(ok ? 0 : 1);
