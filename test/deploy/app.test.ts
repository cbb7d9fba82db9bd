import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, PLACEHOLDER_ACCOUNT, PROJECT_ROOT, STACK_NAME } from '../../deploy/lib/app.js';
import { findExamples } from '../../deploy/lib/examples-stack.js';

// The built-in CloudFormation validator (wasm) costs ~6 s per synth; the `npm run synth` test keeps it on.
process.env.CDK_VALIDATION = 'false';

const APP_INSTANCE_ARN = 'arn:aws:chime:eu-west-1:444455556666:app-instance/examples-app';
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const ISSUE_EXAMPLES = ['ai-toxicity', 'community-guard', 'pii-redact', 'profanity-mask'];

/** Resource properties by type, keyed by logical id. */
const resources = (template: Template, type: string) =>
  template.findResources(type) as Record<string, { Properties: Record<string, any>; DependsOn?: string[] }>;

describe('deploy app', () => {
  it('finds the four examples of the issue', () => {
    expect(findExamples(PROJECT_ROOT)).toEqual(expect.arrayContaining(ISSUE_EXAMPLES));
  });

  it('deploys one channel flow per example, each calling its own function', () => {
    const { stack } = buildApp({ context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN } }, {});
    const template = Template.fromStack(stack);
    const examples = findExamples(PROJECT_ROOT);
    const flows = Object.values(resources(template, 'AWS::Chime::ChannelFlow'));
    expect(flows.map((flow) => flow.Properties.Name).sort()).toEqual(examples.map((name) => `ccf-${name}`).sort());
    const functionIds = Object.keys(resources(template, 'AWS::Lambda::Function'));
    const targets = flows.map(
      (flow) => flow.Properties.Processors[0].Configuration.Lambda.ResourceArn['Fn::GetAtt'][0],
    );
    expect(new Set(targets).size).toBe(examples.length);
    for (const target of targets) expect(functionIds).toContain(target);
    for (const flow of flows) expect(flow.Properties.AppInstanceArn).toBe(APP_INSTANCE_ARN);
    for (const fn of Object.values(resources(template, 'AWS::Lambda::Function'))) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
    const permissions = Object.values(resources(template, 'AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(examples.length);
    for (const permission of permissions) {
      expect(permission.Properties).toMatchObject({
        Principal: 'messaging.chime.amazonaws.com',
        SourceArn: APP_INSTANCE_ARN,
        SourceAccount: '444455556666',
      });
    }
  });

  it('fails closed for PII and gives the AI example its Comprehend and Bedrock permissions', () => {
    const template = Template.fromStack(
      buildApp({ context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN } }, {}).stack,
    );
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Name: 'ccf-pii-redact',
      Processors: [Match.objectLike({ FallbackAction: 'ABORT' })],
    });
    template.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Name: 'ccf-profanity-mask',
      Processors: [Match.objectLike({ FallbackAction: 'CONTINUE' })],
    });
    const statements = Object.values(resources(template, 'AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>,
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['comprehend:DetectToxicContent', 'bedrock:ApplyGuardrail', 'chime:ChannelFlowCallback']),
    );
  });

  it('creates an app instance when none is given and points every flow at it', () => {
    const { stack } = buildApp({ context: SKIP_BUNDLING }, {});
    const template = Template.fromStack(stack);
    const [appInstanceId] = Object.keys(resources(template, 'AWS::Chime::AppInstance'));
    expect(appInstanceId).toBeDefined();
    for (const flow of Object.values(resources(template, 'AWS::Chime::ChannelFlow'))) {
      expect(flow.Properties.AppInstanceArn).toEqual({ 'Fn::GetAtt': [appInstanceId, 'AppInstanceArn'] });
    }
    expect(
      Object.values(template.findOutputs('*')).some(
        (output) =>
          JSON.stringify(output.Value) === JSON.stringify({ 'Fn::GetAtt': [appInstanceId, 'AppInstanceArn'] }),
      ),
    ).toBe(true);
  });

  it('uses a placeholder account and us-east-1 with no credentials, and the environment when set', () => {
    expect(buildApp({ context: SKIP_BUNDLING }, {}).stack).toMatchObject({
      account: PLACEHOLDER_ACCOUNT,
      region: 'us-east-1',
      stackName: STACK_NAME,
    });
    const fromEnv = buildApp(
      { context: SKIP_BUNDLING },
      { CDK_DEFAULT_ACCOUNT: '444455556666', CDK_DEFAULT_REGION: 'eu-west-1', APP_INSTANCE_ARN },
    ).stack;
    expect(fromEnv).toMatchObject({ account: '444455556666', region: 'eu-west-1', appInstanceArn: APP_INSTANCE_ARN });
  });

  it('gives exactly-once its idempotency and counter tables, their names and read-write access', () => {
    // Prepare
    const { stack } = buildApp(
      { context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN, examples: 'exactly-once' } },
      {},
    );
    // Act
    const template = Template.fromStack(stack);
    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'channel', KeyType: 'HASH' }],
    });
    const [fn] = Object.values(resources(template, 'AWS::Lambda::Function'));
    expect(Object.keys(fn?.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['IDEMPOTENCY_TABLE', 'COUNTER_TABLE', 'POWERTOOLS_SERVICE_NAME']),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem']) })]),
      },
    });
  });

  it('deploys only the examples named in context, and refuses unknown ones', () => {
    const { stack } = buildApp(
      { context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN, examples: 'pii-redact, profanity-mask' } },
      {},
    );
    expect(Object.keys(stack.processors).sort()).toEqual(['pii-redact', 'profanity-mask']);
    Template.fromStack(stack).resourceCountIs('AWS::Chime::ChannelFlow', 2);
    expect(() => buildApp({ context: { ...SKIP_BUNDLING, examples: 'no-such-example' } }, {})).toThrow(
      /no-such-example/,
    );
  });

  it('mails invocation failures of every processor when alertEmail is given, and makes no rule otherwise', () => {
    const quiet = Template.fromStack(
      buildApp({ context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN } }, {}).stack,
    );
    expect(quiet.findResources('AWS::Events::Rule')).toEqual({});
    const { stack } = buildApp(
      { context: { ...SKIP_BUNDLING, appInstanceArn: APP_INSTANCE_ARN, alertEmail: 'ops@example.com' } },
      {},
    );
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    const rules = Object.values(resources(template, 'AWS::Events::Rule'));
    expect(rules).toHaveLength(findExamples(PROJECT_ROOT).length);
    for (const rule of rules)
      expect(rule.Properties.EventPattern.detail.eventType).toEqual(['ProcessorInvocationFailure']);
  });

  it('names the stack and the flows from context', () => {
    const { stack } = buildApp(
      {
        context: {
          ...SKIP_BUNDLING,
          appInstanceArn: APP_INSTANCE_ARN,
          examples: 'pii-redact',
          stackName: 'Staging',
          flowNamePrefix: 'staging-',
        },
      },
      {},
    );
    expect(stack.stackName).toBe('Staging');
    Template.fromStack(stack).hasResourceProperties('AWS::Chime::ChannelFlow', { Name: 'staging-pii-redact' });
  });

  it('`npm run synth` bundles every example with no network and no AWS credentials', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccf-synth-'));
    try {
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          ([key]) => !key.startsWith('AWS_') && !key.startsWith('CDK_') && key !== 'NODE_OPTIONS',
        ),
      );
      // CDK_VALIDATION is dropped with the other CDK_ variables: the real synth validates the template.
      // The root `npm run synth` once the root package.json has it, else the workspace script it calls.
      const rootScripts =
        (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
          .scripts ?? {};
      const npmArgs = rootScripts.synth
        ? ['run', 'synth', '--', '--output', outdir]
        : ['run', 'synth', '--workspace', 'deploy', '--', '--output', outdir];
      const run = spawnSync('npm', npmArgs, {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...env,
          AWS_EC2_METADATA_DISABLED: 'true',
          NODE_OPTIONS: `--require ${join(PROJECT_ROOT, 'test', 'deploy', 'fixtures', 'no-network.cjs')}`,
        },
      });
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      const template = JSON.parse(readFileSync(join(outdir, `${STACK_NAME}.template.json`), 'utf8')) as {
        Resources: Record<string, { Type: string; Properties: any }>;
      };
      const functions = Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::Lambda::Function',
      );
      expect(functions).toHaveLength(findExamples(PROJECT_ROOT).length);
      // The built-in CloudFormation validation ran and found nothing to report.
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: Array<{ violations?: unknown[] }>;
      };
      expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
      for (const fn of functions) {
        const asset = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
        expect(readdirSync(asset)).toContain('index.mjs');
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('the offline preload of the synth test', () => {
  it('really refuses outbound connections', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        "fetch('http://example.com/').then(() => console.log('reached'), (e) => console.log('refused', e.cause?.code ?? e.code))",
      ],
      {
        encoding: 'utf8',
        timeout: 20_000,
        env: {
          ...process.env,
          NODE_OPTIONS: `--require ${join(PROJECT_ROOT, 'test', 'deploy', 'fixtures', 'no-network.cjs')}`,
        },
      },
    );
    expect(probe.stdout.trim()).toBe('refused ENETUNREACH');
  });
});
