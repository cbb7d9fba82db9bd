// What the cold start depends on: Comprehend is bundled (passed as `sdk`, no import() on the
// first invocation), Bedrock is not (imported only when GUARDRAIL_ID picks it).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('ai-toxicity bundle', () => {
  it('carries the Comprehend client and leaves Bedrock Runtime out', async () => {
    const lambda = JSON.parse(readFileSync(join(PROJECT_ROOT, 'deploy', 'lambda-bundling.json'), 'utf8')) as {
      external: string[];
    };
    // As esbuild.config.mjs builds it, in memory.
    const { metafile } = await build({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: ['examples/ai-toxicity/handler.ts'],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      alias: { 'chime-channel-flow': './src/index.ts', 'chime-channel-flow/moderation': './src/moderation/index.ts' },
      external: lambda.external,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.includes('node_modules/@aws-sdk/client-comprehend/'))).toBe(true);
    expect(inputs.some((path) => path.includes('node_modules/@aws-sdk/client-bedrock-runtime/'))).toBe(false);
    // Only the two classes it names are passed as `sdk`, so Comprehend's other commands are shaken out.
    const [output] = Object.values(metafile.outputs);
    const bundled = Object.entries(output!.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([path]) => path);
    expect(bundled.some((path) => path.includes('client-comprehend/dist-es/commands/DetectToxicContentCommand'))).toBe(
      true,
    );
    expect(bundled.some((path) => path.includes('client-comprehend/dist-es/commands/DetectSentimentCommand'))).toBe(
      false,
    );
  });
});
