// Your own processor through the deploy app: `npm run deploy -- -c entry=processors/my-handler.ts`.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, PROJECT_ROOT, USER_STACK_NAME } from '../../deploy/lib/app.js';
import { parseUserEntries } from '../../deploy/lib/user-processors.js';

process.env.CDK_VALIDATION = 'false';

const APP_INSTANCE_ARN = 'arn:aws:chime:eu-west-1:444455556666:app-instance/my-app';
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
// A processor as a user writes it, inside the repository (a fixture stands in for processors/my-handler.ts).
const ENTRY = 'test/local/fixtures/mask-processor.ts';

const typed = (template: Template, type: string) =>
  Object.values(template.findResources(type)) as Array<{ Properties: Record<string, unknown> }>;

describe('deploying your own processor', () => {
  it('-c entry=PATH deploys that processor alone, in its own stack, with its channel flow and permission', () => {
    const { stack } = buildApp({ context: { ...SKIP_BUNDLING, entry: ENTRY, appInstanceArn: APP_INSTANCE_ARN } }, {});
    expect(stack.stackName).toBe(USER_STACK_NAME);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Chime::ChannelFlow', 1);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Name: 'ccf-mask-processor',
      AppInstanceArn: APP_INSTANCE_ARN,
      Processors: [Match.objectLike({ ExecutionOrder: 1, FallbackAction: 'CONTINUE' })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'messaging.chime.amazonaws.com',
      SourceArn: APP_INSTANCE_ARN,
    });
    const policies = typed(template, 'AWS::IAM::Policy').map((policy) => JSON.stringify(policy.Properties));
    expect(policies.join()).toContain('chime:ChannelFlowCallback');
    expect(policies.join()).toContain(`${APP_INSTANCE_ARN}/channel/*`);
  });

  it('takes PATH#EXPORT, several entries, paths relative to where npm was run, and a FallbackAction', () => {
    const { stack } = buildApp(
      {
        context: {
          ...SKIP_BUNDLING,
          entry: 'fixtures/mask-processor.ts#silent, ../../examples/pii-redact/handler.ts',
          fallbackAction: 'ABORT',
          appInstanceArn: APP_INSTANCE_ARN,
        },
      },
      { INIT_CWD: join(PROJECT_ROOT, 'test', 'local') },
    );
    const template = Template.fromStack(stack);
    const flows = typed(template, 'AWS::Chime::ChannelFlow').map((flow) => flow.Properties.Name);
    expect(flows.sort()).toEqual(['ccf-mask-processor', 'ccf-pii-redact']);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.silent' });
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Processors: [Match.objectLike({ FallbackAction: 'ABORT' })],
    });
  });

  it('refuses a missing file, a file outside the project, a bad export name and two entries with one name', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ccf-entry-'));
    writeFileSync(join(outside, 'mine.ts'), 'export const handler = () => 1;\n');
    try {
      expect(() => parseUserEntries('processors/nope.ts', PROJECT_ROOT, PROJECT_ROOT)).toThrow(/no such file/);
      expect(() => parseUserEntries(join(outside, 'mine.ts'), PROJECT_ROOT, PROJECT_ROOT)).toThrow(
        /must be inside .*ChannelFlowProcessor construct/,
      );
      expect(() => parseUserEntries(`${ENTRY}#not-a-name`, PROJECT_ROOT, PROJECT_ROOT)).toThrow(/not an export name/);
      expect(() => parseUserEntries(`${ENTRY},${ENTRY}#silent`, PROJECT_ROOT, PROJECT_ROOT)).toThrow(
        /also named "mask-processor"/,
      );
      expect(() => buildApp({ context: { ...SKIP_BUNDLING, entry: ENTRY, fallbackAction: 'DROP' } }, {})).toThrow(
        /CONTINUE or ABORT/,
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('`npm run synth -- -c entry=...` bundles the entry offline, with no AWS credentials', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccf-synth-entry-'));
    try {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_') && key !== 'NODE_OPTIONS',
        ),
      );
      const run = spawnSync('npm', ['run', 'synth', '--', '-c', `entry=${ENTRY}`, '--output', outdir], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...env,
          CDK_VALIDATION: 'false',
          AWS_EC2_METADATA_DISABLED: 'true',
          NODE_OPTIONS: `--require ${join(PROJECT_ROOT, 'test', 'deploy', 'fixtures', 'no-network.cjs')}`,
        },
      });
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      const template = JSON.parse(readFileSync(join(outdir, `${USER_STACK_NAME}.template.json`), 'utf8')) as {
        Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string }; Name?: string } }>;
      };
      const resources = Object.values(template.Resources);
      const [fn] = resources.filter((resource) => resource.Type === 'AWS::Lambda::Function');
      expect(
        resources.filter((resource) => resource.Type === 'AWS::Chime::ChannelFlow').map((r) => r.Properties.Name),
      ).toEqual(['ccf-mask-processor']);
      const asset = join(outdir, `asset.${String(fn?.Properties.Code?.S3Key).replace(/\.zip$/, '')}`);
      expect(readdirSync(asset)).toContain('index.mjs');
      expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).toContain('ChannelFlowCallback');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 150_000);
});
