// Core wrapper cost, against a hand-written handler measured in the same run, both bundled by esbuild
// as Lambda runs them:
//  1. CPU per invocation with the same SDK client over an in-process transport (median of interleaved rounds);
//  2. minified bundle size and cold import time of a minimal processor.
// Budgets, as ratios measured in one run: per invocation <= 1.05x bare middy() around the hand-written
// handler and <= 1.15x the hand-written handler itself; minified bundle <= hand-written + 16 KB;
// cold import <= 1.10x. Prints each with its verdict; exits 0 when all hold.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { LAMBDA_BUNDLE_OPTIONS } from './bundle-options.js';
import { median, printTable, withinBudget } from './stats.js';

const PROCESS_PAIRS = 11;
/** Processes for the row that is context, not a budget. */
const CONTEXT_PROCESSES = 3;
const WARMUP_ROUNDS = 5;
const ROUNDS = 7;
const PER_ROUND = 1_000;
const IMPORT_RUNS = 15;

type HarnessHandler = 'ours' | 'handWritten' | 'handWrittenInMiddy';

/** `taskset` pins a child to one core where the machine has it (Linux); elsewhere children run unpinned. */
const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));
const BENCH_CORE = String(Math.max(0, availableParallelism() - 1));

/**
 * CPU microseconds per invocation of one handler, alone in a fresh process (median of its rounds).
 * - Alone, as on Lambda: side by side in one process the SDK's shared code is JIT-compiled for both
 *   call paths, and whichever ran second measured ~20% slower.
 * - `--single-threaded`: V8's background compiler and GC threads count in process CPU time and made
 *   the same bundle vary by up to 40% between processes; on the main thread their work still counts.
 * - Pinned to one core: unpinned, processes of the same bundle landed at ~280 or ~450 us, seemingly by
 *   where the scheduler put them; pinned, they agree within ~10%.
 */
function measureInvocation(only: HarnessHandler, env: Record<string, string> = {}): number {
  const node = [process.execPath, '--single-threaded', '.bench-tmp/invocation-harness.mjs'];
  const [file, ...args] = TASKSET ? [TASKSET, '-c', BENCH_CORE, ...node] : node;
  const output = execFileSync(file!, args, {
    env: {
      ...process.env,
      BENCH_ONLY: only,
      BENCH_WARMUP_ROUNDS: String(WARMUP_ROUNDS),
      BENCH_ROUNDS: String(ROUNDS),
      BENCH_PER_ROUND: String(PER_ROUND),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    encoding: 'utf8',
    // With LOG_LEVEL=debug every invocation prints a line: ~3.5 MB for the whole run.
    maxBuffer: 64 * 1024 * 1024,
  });
  return median((JSON.parse(output.trim().split('\n').pop()!) as Record<string, number[]>)[only]!);
}

/** Processes alternate in pairs; the ratio is the median of the pairs' ratios. */
function pairedRatio(ours: () => number, base: () => number, pairs: number) {
  const oursRuns: number[] = [];
  const baseRuns: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    if (pair % 2 === 0) {
      oursRuns.push(ours());
      baseRuns.push(base());
    } else {
      baseRuns.push(base());
      oursRuns.push(ours());
    }
  }
  return {
    ours: median(oursRuns),
    base: median(baseRuns),
    ratio: median(oursRuns.map((value, index) => value / baseRuns[index]!)),
  };
}

async function invocationCost() {
  mkdirSync('.bench-tmp', { recursive: true });
  await build({
    ...LAMBDA_BUNDLE_OPTIONS,
    entryPoints: ['bench/fixtures/invocation-harness.ts'],
    outfile: '.bench-tmp/invocation-harness.mjs',
  });
  const handWritten = () => measureInvocation('handWritten');
  return {
    // Budget: the default configuration (a clean message is logged at debug, so no line is written).
    processor: pairedRatio(() => measureInvocation('ours'), handWritten, PROCESS_PAIRS),
    // Budget: what this package adds over middy itself (channelFlowProcessor is a middy handler).
    overMiddy: pairedRatio(
      () => measureInvocation('ours'),
      () => measureInvocation('handWrittenInMiddy'),
      PROCESS_PAIRS,
    ),
    // Context: with LOG_LEVEL=debug every decision writes one JSON line to stdout.
    everyDecisionLogged: pairedRatio(
      () => measureInvocation('ours', { LOG_LEVEL: 'debug' }),
      handWritten,
      CONTEXT_PROCESSES,
    ),
  };
}

async function bundleAndImport() {
  mkdirSync('.bench-tmp', { recursive: true });
  const bundle = async (entry: string, outfile: string) => {
    await build({ ...LAMBDA_BUNDLE_OPTIONS, entryPoints: [entry], outfile });
    return statSync(outfile).size;
  };
  const oursBytes = await bundle('bench/fixtures/minimal-processor.ts', '.bench-tmp/ours.mjs');
  const baseBytes = await bundle('bench/fixtures/hand-written-processor.ts', '.bench-tmp/hand-written.mjs');
  // Cold import in a fresh process each time, interleaved; the time is measured inside the child.
  const importMs = (file: string) =>
    Number(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t=performance.now();await import(${JSON.stringify(`${process.cwd()}/${file}`)});console.log(performance.now()-t)`,
        ],
        {
          env: { ...process.env, AWS_REGION: 'us-east-1' },
        },
      )
        .toString()
        .trim(),
    );
  const oursImports: number[] = [];
  const baseImports: number[] = [];
  for (let run = 0; run < IMPORT_RUNS; run++) {
    oursImports.push(importMs('.bench-tmp/ours.mjs'));
    baseImports.push(importMs('.bench-tmp/hand-written.mjs'));
  }
  const ratios = oursImports.map((value, index) => value / baseImports[index]!);
  return {
    oursBytes,
    baseBytes,
    oursImport: median(oursImports),
    baseImport: median(baseImports),
    importRatio: median(ratios),
  };
}

const cost = await invocationCost();
const size = await bundleAndImport();
const us = (value: number) => `${value.toFixed(1)} us`;
printTable(
  ['measure', 'ours', 'hand-written', 'ratio / delta'],
  [
    [
      `CPU per invocation, channelFlowProcessor (${PROCESS_PAIRS} process pairs)`,
      us(cost.processor.ours),
      us(cost.processor.base),
      `${cost.processor.ratio.toFixed(3)}x`,
    ],
    [
      `CPU per invocation, channelFlowProcessor vs bare middy() around the hand-written handler (${PROCESS_PAIRS} pairs)`,
      us(cost.overMiddy.ours),
      `${us(cost.overMiddy.base)} (middy)`,
      `${cost.overMiddy.ratio.toFixed(3)}x`,
    ],
    [
      `  context: channelFlowProcessor with LOG_LEVEL=debug (${CONTEXT_PROCESSES} pairs)`,
      us(cost.everyDecisionLogged.ours),
      us(cost.everyDecisionLogged.base),
      `${cost.everyDecisionLogged.ratio.toFixed(3)}x`,
    ],
    [
      'minified bundle',
      `${(size.oursBytes / 1024).toFixed(1)} KB`,
      `${(size.baseBytes / 1024).toFixed(1)} KB`,
      `+${((size.oursBytes - size.baseBytes) / 1024).toFixed(1)} KB`,
    ],
    [
      `cold import (median of ${IMPORT_RUNS})`,
      `${size.oursImport.toFixed(1)} ms`,
      `${size.baseImport.toFixed(1)} ms`,
      `${size.importRatio.toFixed(3)}x`,
    ],
  ],
);
const ok = [
  withinBudget('per invocation vs bare middy() around the hand-written handler', cost.overMiddy.ratio, 1.05, 'x'),
  withinBudget('per invocation vs the hand-written handler', cost.processor.ratio, 1.15, 'x'),
  withinBudget('minified bundle over hand-written', (size.oursBytes - size.baseBytes) / 1024, 16, ' KB'),
  withinBudget('cold import ratio', size.importRatio, 1.1, 'x'),
].every(Boolean);
process.exit(ok ? 0 : 1);
