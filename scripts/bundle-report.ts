// Where the minimal processor's bundle bytes come from: bundles bench/fixtures/minimal-processor.ts
// and bench/fixtures/hand-written-processor.ts as the core bench does, prints the gap and this
// package's own bytes per source file (esbuild metafile, bytesInOutput).
// Run: node --import ./scripts/register-ts.mjs scripts/bundle-report.ts [--packages]
import { build } from 'esbuild';
import { LAMBDA_BUNDLE_OPTIONS } from '../bench/bundle-options.js';

async function bundle(entry: string) {
  const result = await build({ ...LAMBDA_BUNDLE_OPTIONS, entryPoints: [entry], write: false, metafile: true });
  const output = Object.values(result.metafile.outputs)[0]!;
  return { bytes: result.outputFiles[0]!.contents.byteLength, inputs: output.inputs };
}

const ours = await bundle('bench/fixtures/minimal-processor.ts');
const base = await bundle('bench/fixtures/hand-written-processor.ts');
const gap = ours.bytes - base.bytes;
console.log(
  `ours ${ours.bytes} B, hand-written ${base.bytes} B: +${gap} B (${(gap / 1024).toFixed(2)} KiB, budget 16 KiB)`,
);

const own = Object.entries(ours.inputs)
  .filter(([path]) => path.startsWith('src/'))
  .map(([path, input]) => [path, input.bytesInOutput] as const)
  .sort((a, b) => b[1] - a[1]);
for (const [path, bytes] of own) console.log(`${String(bytes).padStart(6)} ${path}`);
console.log(`${String(own.reduce((sum, [, bytes]) => sum + bytes, 0)).padStart(6)} total in src/`);

if (process.argv.includes('--packages')) {
  // Bytes by package that the hand-written bundle does not have (or has fewer of).
  const byPackage = (inputs: typeof ours.inputs) => {
    const sums = new Map<string, number>();
    for (const [path, input] of Object.entries(inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/')[0]!;
      sums.set(name, (sums.get(name) ?? 0) + input.bytesInOutput);
    }
    return sums;
  };
  const oursByPackage = byPackage(ours.inputs);
  const baseByPackage = byPackage(base.inputs);
  for (const [name, bytes] of [...oursByPackage].sort((a, b) => b[1] - a[1])) {
    const delta = bytes - (baseByPackage.get(name) ?? 0);
    if (delta !== 0) console.log(`${String(delta).padStart(7)} ${name}`);
  }
}
