import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CfnAppInstance } from 'aws-cdk-lib/aws-chime';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import {
  ChannelFlowProcessor,
  ChannelFlowProcessorPropsError,
  CHIME_MESSAGING_PRINCIPAL,
  FallbackAction,
  LAMBDA_BUNDLING,
} from '../../deploy/lib/channel-flow-processor.js';
import type { ChannelFlowProcessorProps } from '../../deploy/lib/channel-flow-processor.js';

// The built-in CloudFormation validator (wasm) costs ~6 s per synth; the `npm run synth` test keeps it on.
process.env.CDK_VALIDATION = 'false';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = join(ROOT, 'test', 'deploy', 'fixtures', 'echo-handler.ts');
const APP_INSTANCE_ARN = 'arn:aws:chime:us-east-1:444455556666:app-instance/9f1c2d3e-aaaa-bbbb-cccc-000011112222';

// An App without outdir leaves a cdk.outXXXX folder in the system temp dir on every synth: keep them all under one root.
const OUT_ROOT = mkdtempSync(join(tmpdir(), 'ccf-construct-'));
const freshOutdir = () => mkdtempSync(join(OUT_ROOT, 'app-'));
afterAll(() => rmSync(OUT_ROOT, { recursive: true, force: true }));

/** Synthesizes one processor; bundling is skipped (a placeholder asset) unless `bundle` is set. */
function synth(props: Partial<ChannelFlowProcessorProps> = {}, options: { bundle?: boolean; outdir?: string } = {}) {
  const app = new App({
    outdir: options.outdir ?? freshOutdir(),
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new Stack(app, 'Test', { env: { account: '444455556666', region: 'us-east-1' } });
  const processor = new ChannelFlowProcessor(stack, 'Guard', {
    appInstanceArn: APP_INSTANCE_ARN,
    entry: ENTRY,
    projectRoot: ROOT,
    tsconfig: join(ROOT, 'tsconfig.json'),
    ...props,
  });
  return { app, stack, processor, template: Template.fromStack(stack) };
}

const functionLogicalId = (stack: Stack, processor: ChannelFlowProcessor) =>
  stack.getLogicalId(processor.function.node.defaultChild as CfnFunction);

describe('ChannelFlowProcessor', () => {
  const { stack, processor, template } = synth();
  const functionId = functionLogicalId(stack, processor);
  const permissionId = stack.getLogicalId(processor.permission);

  it('runs the processor on nodejs22.x, arm64, with the exported handler', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 10,
      Environment: { Variables: Match.objectLike({ LOG_LEVEL: 'info' }) },
    });
  });

  it('lets only Chime SDK Messaging invoke it, scoped to the account and app instance', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: CHIME_MESSAGING_PRINCIPAL,
      SourceAccount: '444455556666',
      SourceArn: APP_INSTANCE_ARN,
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  it("allows chime:ChannelFlowCallback on the app instance's channels only", () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'chime:ChannelFlowCallback',
            Effect: 'Allow',
            Resource: `${APP_INSTANCE_ARN}/channel/*`,
          }),
        ]),
      },
    });
  });

  it('creates the channel flow with the function as its one ASYNC processor, after the permission', () => {
    template.resourceCountIs('AWS::Chime::ChannelFlow', 1);
    template.hasResource('AWS::Chime::ChannelFlow', {
      Properties: {
        AppInstanceArn: APP_INSTANCE_ARN,
        Name: 'Guard',
        Processors: [
          {
            Name: 'Guard',
            ExecutionOrder: 1,
            FallbackAction: 'CONTINUE',
            Configuration: { Lambda: { ResourceArn: { 'Fn::GetAtt': [functionId, 'Arn'] }, InvocationType: 'ASYNC' } },
          },
        ],
      },
      DependsOn: Match.arrayWith([permissionId]),
    });
  });

  it('outputs the flow ARN for AssociateChannelFlow', () => {
    const outputs = Object.values(template.findOutputs('*'));
    expect(outputs).toContainEqual(
      expect.objectContaining({ Value: { 'Fn::GetAtt': [stack.getLogicalId(processor.channelFlow), 'Arn'] } }),
    );
  });

  it('keeps logs for a month by default', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('takes the fallback action, names, timeout, environment and extra statements it is given', () => {
    const custom = synth({
      flowName: 'strict-flow',
      processorName: 'strict',
      fallbackAction: FallbackAction.Abort,
      timeout: Duration.seconds(30),
      environment: { TOXICITY_THRESHOLD: '0.8' },
      policyStatements: [new PolicyStatement({ actions: ['comprehend:DetectToxicContent'], resources: ['*'] })],
    }).template;
    custom.hasResourceProperties('AWS::Chime::ChannelFlow', {
      Name: 'strict-flow',
      Processors: [Match.objectLike({ Name: 'strict', FallbackAction: 'ABORT' })],
    });
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 30,
      Environment: { Variables: { LOG_LEVEL: 'info', TOXICITY_THRESHOLD: '0.8' } },
    });
    custom.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'comprehend:DetectToxicContent', Resource: '*' })]),
      },
    });
  });

  it("routes the service's invocation failure events for this function to the targets given, and makes no rule otherwise", () => {
    expect(template.findResources('AWS::Events::Rule')).toEqual({});
    const app = new App({ outdir: freshOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Failures', { env: { account: '444455556666', region: 'us-east-1' } });
    const topic = new Topic(stack, 'Alerts');
    const guarded = new ChannelFlowProcessor(stack, 'Guard', {
      appInstanceArn: APP_INSTANCE_ARN,
      entry: ENTRY,
      projectRoot: ROOT,
      invocationFailureTargets: [new SnsTopic(topic)],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.chime'],
        'detail-type': ['Chime ChannelFlow Processing Status'],
        detail: {
          eventType: ['ProcessorInvocationFailure'],
          processorResourceArn: [{ 'Fn::GetAtt': [functionLogicalId(stack, guarded), 'Arn'] }],
        },
      },
      Targets: [Match.objectLike({ Arn: { Ref: stack.getLogicalId(topic.node.defaultChild as CfnTopic) } })],
    });
  });

  it('makes no alarm and no dashboard unless asked', () => {
    expect(template.findResources('AWS::CloudWatch::Alarm')).toEqual({});
    expect(template.findResources('AWS::CloudWatch::Dashboard')).toEqual({});
  });

  it('alarms on callback failed, callback forbidden, processor errors and p99 latency, on the Service dimension, with a dashboard', () => {
    // Prepare
    const app = new App({ outdir: freshOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Alarms', { env: { account: '444455556666', region: 'us-east-1' } });
    const topic = new Topic(stack, 'Pager');
    // Act
    const guarded = new ChannelFlowProcessor(stack, 'Guard', {
      appInstanceArn: APP_INSTANCE_ARN,
      entry: ENTRY,
      projectRoot: ROOT,
      environment: { POWERTOOLS_SERVICE_NAME: 'moderator' },
      alarms: { latencyThreshold: Duration.millis(1500), actions: [new SnsAction(topic)], namespace: 'Chat' },
    });
    // Assess
    const alarmsTemplate = Template.fromStack(stack);
    alarmsTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const pager = [{ Ref: stack.getLogicalId(topic.node.defaultChild as CfnTopic) }];
    for (const metricName of ['CallbackFailed', 'CallbackForbidden', 'PolicyDecisions'])
      alarmsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Chat',
        MetricName: metricName,
        Dimensions: [{ Name: 'Service', Value: 'moderator' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: pager,
      });
    alarmsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ProcessingLatency',
      ExtendedStatistic: 'p99',
      Threshold: 1500,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: pager,
    });
    alarmsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'CallbackForbidden',
      AlarmDescription: Match.stringLikeRegexp('chime:ChannelFlowCallback.*48 hours'),
    });
    alarmsTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(guarded.alarms?.dashboard).toBeDefined();
  });

  it('puts the function name in the Service dimension when POWERTOOLS_SERVICE_NAME is not set, and skips the dashboard on request', () => {
    const app = new App({ outdir: freshOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'AlarmsDefault', { env: { account: '444455556666', region: 'us-east-1' } });
    const guarded = new ChannelFlowProcessor(stack, 'Guard', {
      appInstanceArn: APP_INSTANCE_ARN,
      entry: ENTRY,
      projectRoot: ROOT,
      alarms: { dashboard: false },
    });
    const alarmsTemplate = Template.fromStack(stack);
    alarmsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ChimeChannelFlow',
      MetricName: 'CallbackFailed',
      Dimensions: [{ Name: 'Service', Value: { Ref: functionLogicalId(stack, guarded) } }],
    });
    alarmsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ProcessingLatency',
      Threshold: 3000,
    });
    alarmsTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    // With a Powertools Metrics, the dimension is its lower-case `service`.
    const powertools = synth({
      environment: { POWERTOOLS_SERVICE_NAME: 'moderator' },
      alarms: { serviceDimension: 'service' },
    });
    powertools.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'CallbackFailed',
      Dimensions: [{ Name: 'service', Value: 'moderator' }],
    });
  });

  it('scopes the permission with the account of an app instance ARN given as a token', () => {
    const app = new App({ outdir: freshOutdir(), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Tokens', { env: { account: '444455556666', region: 'us-east-1' } });
    const appInstance = new CfnAppInstance(stack, 'AppInstance', { name: 'x' });
    new ChannelFlowProcessor(stack, 'Guard', {
      appInstanceArn: appInstance.attrAppInstanceArn,
      entry: ENTRY,
      projectRoot: ROOT,
    });
    const template = Template.fromStack(stack);
    const arnRef = { 'Fn::GetAtt': [stack.getLogicalId(appInstance), 'AppInstanceArn'] };
    template.hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: arnRef,
      SourceAccount: { 'Fn::Select': [4, { 'Fn::Split': [':', arnRef] }] },
    });
    template.hasResourceProperties('AWS::Chime::ChannelFlow', { AppInstanceArn: arnRef });
  });

  it.each([
    [
      'the appInstance/ typo',
      { appInstanceArn: APP_INSTANCE_ARN.replace('app-instance/', 'appInstance/') },
      'appInstanceArn',
    ],
    ['a channel ARN', { appInstanceArn: `${APP_INSTANCE_ARN}/channel/c-1` }, 'appInstanceArn'],
    ['a non-Chime ARN', { appInstanceArn: 'arn:aws:s3:::bucket' }, 'appInstanceArn'],
    ['an empty flow name', { flowName: '' }, 'flowName'],
    ['a 257-character processor name', { processorName: 'p'.repeat(257) }, 'processorName'],
    ['an unknown fallback action', { fallbackAction: 'RETRY' as FallbackAction }, 'fallbackAction'],
  ])('refuses %s at synth time, naming the prop', (_, props, prop) => {
    let error: unknown;
    try {
      synth(props);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChannelFlowProcessorPropsError);
    expect((error as ChannelFlowProcessorPropsError).prop).toBe(prop);
  });

  it('bundles the entry with the local esbuild into one ESM file with the SDK and the package inside', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ccf-cdk-'));
    try {
      const { stack: bundled, processor: bundledProcessor } = synth({}, { bundle: true, outdir });
      const code =
        Template.fromStack(bundled).findResources('AWS::Lambda::Function')[functionLogicalId(bundled, bundledProcessor)]
          ?.Properties.Code;
      expect(code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
      const assetDir = join(outdir, `asset.${code.S3Key.replace('.zip', '')}`);
      expect(readdirSync(assetDir)).toContain('index.mjs');
      const source = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
      // ESM with the require() shim, the SDK client bundled rather than taken from the runtime image.
      expect(source).toContain('__ccfCreateRequire');
      expect(source).toMatch(/export\s*\{[^}]*as handler/);
      expect(source).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(source).toContain('ChannelFlowCallback');
      // The credential providers Lambda never reaches stay out, as in dist/examples (deploy/lambda-bundling.json).
      const meta = JSON.parse(readFileSync(join(assetDir, 'index.meta.json'), 'utf8')) as {
        inputs: Record<string, unknown>;
      };
      const inputs = Object.keys(meta.inputs);
      expect(inputs.some((input) => input.includes('@aws-sdk/client-chime-sdk-messaging'))).toBe(true);
      for (const external of LAMBDA_BUNDLING.external)
        expect(inputs.filter((input) => input.includes(`node_modules/${external}/`))).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
