// Builds the library into dist/ and every example processor into dist/examples/NAME/index.mjs.
// and the console page into dist/console/app.{js,css}.
// Usage: node esbuild.config.mjs [--examples-only | --lib-only]
import { build } from 'esbuild';
import { readdirSync, readFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const only = process.argv[2];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

/** Library entry points, one per subpath export; dependencies stay external (the user's bundler takes them). */
const LIBRARY_ENTRIES = [
  'index',
  'moderation/index',
  'local/index',
  'testing/index',
  'deploy/index',
  'zod/index',
  'cli',
].filter((entry) => existsSync(`src/${entry}.ts`));

/** Examples import the package by name, as users do; in this repo that name is the sources. */
const PACKAGE_ALIAS = {
  'chime-channel-flow': './src/index.ts',
  'chime-channel-flow/moderation': './src/moderation/index.ts',
  'chime-channel-flow/testing': './src/testing/index.ts',
  'chime-channel-flow/local': './src/local/index.ts',
  'chime-channel-flow/deploy': './src/deploy/index.ts',
  'chime-channel-flow/zod': './src/zod/index.ts',
};

/** A bundle larger than this fails the build: every KB is cold start. */
export const EXAMPLE_BUNDLE_BUDGET_BYTES = 450 * 1024;

async function buildLibrary() {
  await build({
    ...common,
    entryPoints: Object.fromEntries(LIBRARY_ENTRIES.map((entry) => [entry, `src/${entry}.ts`])),
    outdir: 'dist',
    packages: 'external',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: false,
    sourcemap: true,
  });
  console.log(`library: ${LIBRARY_ENTRIES.length} entry points -> dist/`);
}

async function buildExamples() {
  const names = existsSync('examples')
    ? readdirSync('examples')
        .filter((name) => existsSync(join('examples', name, 'handler.ts')))
        .sort()
    : [];
  // Shared with the CDK construct (deploy/lib/channel-flow-processor.ts): same externals, same banner.
  const lambda = JSON.parse(readFileSync(join('deploy', 'lambda-bundling.json'), 'utf8'));
  const rows = [];
  for (const name of names) {
    const outfile = join('dist', 'examples', name, 'index.mjs');
    const result = await build({
      ...common,
      alias: PACKAGE_ALIAS,
      entryPoints: [join('examples', name, 'handler.ts')],
      outfile,
      metafile: true,
      external: lambda.external,
      banner: { js: lambda.banner },
    });
    // Kept beside the bundle for `esbuild --analyze`-style inspection (https://esbuild.github.io/analyze/).
    writeFileSync(join('dist', 'examples', name, 'meta.json'), JSON.stringify(result.metafile));
    const inputs = Object.entries(result.metafile.outputs[outfile]?.inputs ?? {}).map(([path, { bytesInOutput }]) => ({
      path,
      bytes: bytesInOutput,
    }));
    rows.push({
      name,
      bytes: statSync(outfile).size,
      inputs: Object.keys(result.metafile.inputs).length,
      largest: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    });
  }
  if (rows.length === 0) return rows;
  console.log('\nexample bundle                 size (KB)   budget (KB)   inputs');
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(30)} ${(row.bytes / 1024).toFixed(1).padStart(9)}   ${(EXAMPLE_BUNDLE_BUDGET_BYTES / 1024).toFixed(0).padStart(11)}   ${String(row.inputs).padStart(6)}`,
    );
  }
  const over = rows.filter((row) => row.bytes > EXAMPLE_BUNDLE_BUDGET_BYTES);
  if (over.length > 0) {
    // Say where the bytes went, so the fix is obvious.
    for (const row of over) {
      console.error(`\n${row.name}: largest inputs`);
      for (const input of row.largest)
        console.error(`  ${(input.bytes / 1024).toFixed(1).padStart(8)} KB  ${input.path}`);
    }
    throw new Error(
      `bundle over budget: ${over.map((row) => `${row.name} ${(row.bytes / 1024).toFixed(1)} KB`).join(', ')}`,
    );
  }
  return rows;
}

/** The console page (served by the emulator at /console/): everything it loads, gzipped, stays under this. */
export const CONSOLE_GZIP_BUDGET_BYTES = 120 * 1024;

async function buildConsole() {
  // The same options the emulator uses when it builds the page from sources (src/console/assets.ts).
  const options = JSON.parse(readFileSync(join('src', 'console', 'page', 'build-options.json'), 'utf8'));
  await build({ ...options, outdir: join('dist', 'console'), logLevel: 'warning' });
  const gzipped = ['app.js', 'app.css']
    .map((file) => gzipSync(readFileSync(join('dist', 'console', file))).length)
    .reduce((a, b) => a + b, 0);
  console.log(
    `console page: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${CONSOLE_GZIP_BUDGET_BYTES / 1024} KB)`,
  );
  if (gzipped > CONSOLE_GZIP_BUDGET_BYTES) throw new Error(`console page over budget: ${gzipped} bytes gzipped`);
}

if (only !== '--examples-only') await buildLibrary();
if (only !== '--examples-only') await buildConsole();
if (only !== '--lib-only') await buildExamples();
