import type { BuildOptions } from 'esbuild';

/** How the benchmarks bundle a processor: as esbuild.config.mjs bundles the examples for Lambda. */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  // The package name resolves to the sources in this repo, as in the examples.
  alias: { 'chime-channel-flow': './src/index.ts', 'chime-channel-flow/testing': './src/testing/index.ts' },
  logLevel: 'error',
} satisfies BuildOptions;
