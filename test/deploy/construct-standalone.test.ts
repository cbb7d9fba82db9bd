// docs/deploy.md lists the files to copy into your own CDK app for the ChannelFlowProcessor
// construct: copied alone into an empty project, they must load and synthesize.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAMBDA_BUNDLING } from '../../deploy/lib/channel-flow-processor.js';
import { PROJECT_ROOT } from '../../deploy/lib/app.js';
import { constructFiles } from '../../scripts/check-doc-snippets.mjs';

// What docs/deploy.md tells users to copy, in this order.
const DOCUMENTED = ['channel-flow-processor.ts'];

describe('the ChannelFlowProcessor construct, copied alone', () => {
  it('holds the same bundling settings as deploy/lambda-bundling.json (used by esbuild.config.mjs)', () => {
    const shared = JSON.parse(readFileSync(join(PROJECT_ROOT, 'deploy', 'lambda-bundling.json'), 'utf8')) as {
      external: string[];
      banner: string;
    };
    expect({ external: [...LAMBDA_BUNDLING.external], banner: LAMBDA_BUNDLING.banner }).toEqual({
      external: shared.external,
      banner: shared.banner,
    });
  });

  it('needs exactly the files docs/deploy.md lists', () => {
    expect(constructFiles()).toEqual(DOCUMENTED);
    const docs = readFileSync(join(PROJECT_ROOT, 'docs', 'deploy.md'), 'utf8');
    for (const file of DOCUMENTED) expect(docs).toContain(`deploy/lib/${file}`);
  });

  it('loads and synthesizes from a folder holding nothing else of this repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccf-construct-'));
    try {
      // Only the dependencies a CDK app has anyway (aws-cdk-lib, constructs), reached through node_modules.
      symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, 'package-lock.json'), '{}\n');
      for (const file of DOCUMENTED) copyFileSync(join(PROJECT_ROOT, 'deploy/lib', file), join(dir, file));
      writeFileSync(join(dir, 'handler.ts'), 'export const handler = async () => undefined;\n');
      writeFileSync(
        join(dir, 'app.ts'),
        `import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ChannelFlowProcessor } from './channel-flow-processor.js';
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new Stack(app, 'Mine');
new ChannelFlowProcessor(stack, 'Moderate', { appInstanceArn: 'arn:aws:chime:us-east-1:123456789012:app-instance/abcd', entry: 'handler.ts', projectRoot: process.cwd() });
console.log(JSON.stringify(Object.keys(Template.fromStack(stack).findResources('AWS::Chime::ChannelFlow')).length));
`,
      );
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'app.ts'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '', CDK_VALIDATION: 'false' },
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout.trim()).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
