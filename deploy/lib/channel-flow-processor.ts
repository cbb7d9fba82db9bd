// A channel-flow processor on AWS: the Lambda function, the permission that lets
// Chime SDK Messaging invoke it, the role policy for its callback, and the channel flow.
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { CfnChannelFlow } from 'aws-cdk-lib/aws-chime';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IRuleTarget } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnPermission, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** The service principal that invokes channel-flow processors. */
export const CHIME_MESSAGING_PRINCIPAL = 'messaging.chime.amazonaws.com';

/** What the service does with a message when it cannot invoke the Lambda at all (not when the processor fails: that is `onError`). */
export const FallbackAction = {
  /** Deliver the message unprocessed (fail open). */
  Continue: 'CONTINUE',
  /** Mark the message FAILED (fail closed). */
  Abort: 'ABORT',
} as const;
export type FallbackAction = (typeof FallbackAction)[keyof typeof FallbackAction];

/** A props value is wrong; thrown at synth time with the prop's name. */
export class ChannelFlowProcessorPropsError extends Error {
  readonly prop: string;

  constructor(prop: string, problem: string) {
    super(`ChannelFlowProcessor: invalid ${prop}: ${problem}`);
    this.name = 'ChannelFlowProcessorPropsError';
    this.prop = prop;
  }
}

export interface ChannelFlowProcessorProps {
  /** ARN of the AppInstance whose channels use this flow (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID`); a token is accepted. */
  readonly appInstanceArn: string;
  /** The processor's source file, exporting `handler` (e.g. `examples/profanity-mask/handler.ts`). */
  readonly entry: string;
  /** Exported handler name. Default `handler`. */
  readonly handler?: string;
  /** Name of the channel flow (1 to 256 characters). Default: the construct id. */
  readonly flowName?: string;
  /** Name of the processor inside the flow. Default: the flow name. */
  readonly processorName?: string;
  /** Default `CONTINUE`, matching the library's default `onError: 'allow'`. */
  readonly fallbackAction?: FallbackAction;
  /** Lambda timeout. Default 10 seconds (the processor's deadline is this minus `deadlineMarginMs`). */
  readonly timeout?: Duration;
  /** Default 256 MB. */
  readonly memorySize?: number;
  /** Extra environment variables for the function. `LOG_LEVEL` defaults to `info`. */
  readonly environment?: Record<string, string>;
  /** Extra statements for the function's role, e.g. `comprehend:DetectToxicContent`. */
  readonly policyStatements?: PolicyStatement[];
  /** Directory holding the root package.json and lock file (esbuild resolves from here). Default: the current directory. */
  readonly projectRoot?: string;
  /** tsconfig.json whose `paths` esbuild honours. Default: none. */
  readonly tsconfig?: string;
  /** CloudWatch log retention. Default one month. */
  readonly logRetention?: RetentionDays;
  /**
   * Where the service's `ProcessorInvocationFailure` events for this function go (EventBridge,
   * `Chime ChannelFlow Processing Status`): sent when the service cannot invoke the function at
   * all, whatever the FallbackAction. Default: no rule.
   */
  readonly invocationFailureTargets?: IRuleTarget[];
  /**
   * CloudWatch alarms (callback failed, callback forbidden, processor errors, p99 latency) and a
   * dashboard over the metrics the processor emits: turn on `metrics` in the handler (or pass a
   * Powertools Metrics with the same namespace). The `Service` dimension is
   * `environment.POWERTOOLS_SERVICE_NAME` when given, else the function name. Default: none.
   */
  readonly alarms?: boolean | ProcessorAlarmsOptions;
  /** Escape hatch: merged last into the NodejsFunction props. */
  readonly functionProps?: Partial<NodejsFunctionProps>;
}

/**
 * Externals and banner, the same as deploy/lambda-bundling.json (which esbuild.config.mjs reads; a test
 * keeps the two equal), so the deployed bundle is the one measured locally. Written out here so this
 * file works alone when copied into another CDK app. The banner gives ESM output the require() some
 * bundled CommonJS calls; the externals are SDK credential providers Lambda never reaches (its
 * credentials are in the environment).
 */
export const LAMBDA_BUNDLING = {
  external: [
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@smithy/credential-provider-imds',
  ],
  banner:
    "import { createRequire as __ccfCreateRequire } from 'node:module'; const require = __ccfCreateRequire(import.meta.url);",
} as const satisfies { external: readonly string[]; banner: string };

const APP_INSTANCE_ARN = /^arn:aws[a-z-]*:chime:[a-z0-9-]+:\d{12}:app-instance\/[-a-zA-Z0-9]+$/;
// Name pattern of the API model (NonEmptyResourceName), 1 to 256 characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the model's pattern admits tab, LF and CR by name
const RESOURCE_NAME = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]{1,256}$/u;

function checkAppInstanceArn(arn: string): void {
  if (Token.isUnresolved(arn)) return;
  if (arn.includes(':appInstance/'))
    throw new ChannelFlowProcessorPropsError(
      'appInstanceArn',
      'write app-instance/, not appInstance/ (a typo on one AWS page)',
    );
  if (arn.includes('/channel/'))
    throw new ChannelFlowProcessorPropsError(
      'appInstanceArn',
      'this is a channel ARN; give the app instance ARN before /channel/',
    );
  if (!APP_INSTANCE_ARN.test(arn))
    throw new ChannelFlowProcessorPropsError('appInstanceArn', 'expected arn:aws:chime:REGION:ACCOUNT:app-instance/ID');
}

function checkName(prop: string, name: string): void {
  if (!Token.isUnresolved(name) && !RESOURCE_NAME.test(name))
    throw new ChannelFlowProcessorPropsError(prop, 'must be 1 to 256 printable characters');
}

/**
 * Deploys one channel-flow processor: a NodejsFunction (nodejs22.x, arm64,
 * bundled by the local esbuild with the AWS SDK inside), a resource policy for
 * `messaging.chime.amazonaws.com` scoped to the app instance, a role policy for
 * `chime:ChannelFlowCallback` on its channels, and a `CfnChannelFlow` created
 * after the permission (the service checks it on creation).
 *
 * @example
 * const guard = new ChannelFlowProcessor(stack, 'ProfanityMask', {
 *   appInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd-1234',
 *   entry: 'examples/profanity-mask/handler.ts',
 *   fallbackAction: FallbackAction.Continue,
 * });
 * new CfnOutput(stack, 'FlowArn', { value: guard.channelFlowArn });
 */
export class ChannelFlowProcessor extends Construct {
  readonly function: NodejsFunction;
  readonly permission: CfnPermission;
  readonly channelFlow: CfnChannelFlow;
  /** ARN to give AssociateChannelFlow. */
  readonly channelFlowArn: string;
  /** The EventBridge rule for this function's invocation failures, when targets were given. */
  readonly invocationFailureRule: Rule | undefined;
  /** The alarms and dashboard, when `alarms` was set. */
  readonly alarms: ProcessorAlarms | undefined;

  constructor(scope: Construct, id: string, props: ChannelFlowProcessorProps) {
    super(scope, id);
    checkAppInstanceArn(props.appInstanceArn);
    const flowName = props.flowName ?? id;
    const processorName = props.processorName ?? flowName;
    checkName('flowName', flowName);
    checkName('processorName', processorName);
    const fallbackAction = props.fallbackAction ?? FallbackAction.Continue;
    if (fallbackAction !== FallbackAction.Continue && fallbackAction !== FallbackAction.Abort) {
      throw new ChannelFlowProcessorPropsError('fallbackAction', "must be 'CONTINUE' or 'ABORT'");
    }
    const stack = Stack.of(this);
    const projectRoot = props.projectRoot ?? process.cwd();

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      logGroup,
      projectRoot,
      environment: { LOG_LEVEL: 'info', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        mainFields: ['module', 'main'],
        // The SDK version the library was tested with, not the one in the runtime image.
        bundleAwsSDK: true,
        externalModules: [...LAMBDA_BUNDLING.external],
        metafile: true,
        banner: LAMBDA_BUNDLING.banner,
        ...(props.tsconfig ? { tsconfig: props.tsconfig } : {}),
      },
      ...props.functionProps,
    });

    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['chime:ChannelFlowCallback'], resources: [`${props.appInstanceArn}/channel/*`] }),
    );
    for (const statement of props.policyStatements ?? []) this.function.addToRolePolicy(statement);

    // Scoped to the app instance, so no other account's (or app instance's) flow can invoke it.
    this.permission = new CfnPermission(this, 'ChimeMessagingInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionArn,
      principal: CHIME_MESSAGING_PRINCIPAL,
      sourceAccount: stack.splitArn(props.appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME).account ?? stack.account,
      sourceArn: props.appInstanceArn,
    });

    this.channelFlow = new CfnChannelFlow(this, 'ChannelFlow', {
      appInstanceArn: props.appInstanceArn,
      name: flowName,
      processors: [
        {
          name: processorName,
          executionOrder: 1,
          fallbackAction,
          configuration: { lambda: { resourceArn: this.function.functionArn, invocationType: 'ASYNC' } },
        },
      ],
    });
    // CreateChannelFlow checks that the service may invoke the function.
    this.channelFlow.node.addDependency(this.permission);
    this.channelFlowArn = this.channelFlow.attrArn;

    this.invocationFailureRule =
      props.invocationFailureTargets && props.invocationFailureTargets.length > 0
        ? new Rule(this, 'InvocationFailures', {
            description: `${flowName}: Chime could not invoke the processor`,
            eventPattern: {
              source: ['aws.chime'],
              detailType: ['Chime ChannelFlow Processing Status'],
              detail: { eventType: ['ProcessorInvocationFailure'], processorResourceArn: [this.function.functionArn] },
            },
            targets: props.invocationFailureTargets,
          })
        : undefined;

    this.alarms = props.alarms
      ? new ProcessorAlarms(this, 'Alarms', {
          ...(typeof props.alarms === 'object' ? props.alarms : {}),
          function: this.function,
          service: props.environment?.POWERTOOLS_SERVICE_NAME ?? this.function.functionName,
          flowName,
        })
      : undefined;

    new CfnOutput(this, 'ChannelFlowArn', {
      value: this.channelFlowArn,
      description: `${flowName}: channel flow ARN for AssociateChannelFlow`,
    });
    new CfnOutput(this, 'FunctionName', {
      value: this.function.functionName,
      description: `${flowName}: processor Lambda`,
    });
    new CfnOutput(this, 'LogGroupName', { value: logGroup.logGroupName, description: `${flowName}: processor logs` });
  }
}

// Alarms and dashboard, in this file so the construct stays one file to copy.
export interface ProcessorAlarmsOptions {
  /** Namespace given to the processor's `metrics` option. Default `ChimeChannelFlow`. */
  readonly namespace?: string;
  /** p99 of ProcessingLatency (event received to callback accepted) above this alarms. Default 3 seconds. */
  readonly latencyThreshold?: Duration;
  /** Where alarms go (e.g. an SNS topic action); default none. */
  readonly actions?: IAlarmAction[];
  /** Name of the service dimension: `Service` for the package's own EMF line, `service` with a Powertools Metrics. */
  readonly serviceDimension?: string;
  /** Also build a CloudWatch dashboard. Default true. */
  readonly dashboard?: boolean;
}

export interface ProcessorAlarmsProps extends ProcessorAlarmsOptions {
  readonly function: IFunction;
  /** Value of the `Service` dimension: POWERTOOLS_SERVICE_NAME, else the function name. */
  readonly service: string;
  /** For alarm descriptions and the dashboard title. */
  readonly flowName: string;
}

const DEFAULT_NAMESPACE = 'ChimeChannelFlow';
const PERIOD = Duration.minutes(1);

/**
 * Alarms on CallbackFailed (a message left PENDING), CallbackForbidden (a 403 this container
 * cannot explain: likely a missing chime:ChannelFlowCallback), PolicyDecisions (the processor threw,
 * timed out or returned garbage) and p99 ProcessingLatency; and a dashboard of the decisions.
 *
 * @example
 * new ProcessorAlarms(this, 'Alarms', { function: fn, service: 'moderator', flowName: 'guard' });
 */
export class ProcessorAlarms extends Construct {
  readonly callbackFailed: Alarm;
  readonly callbackForbidden: Alarm;
  readonly processorErrors: Alarm;
  readonly latency: Alarm;
  readonly dashboard: Dashboard | undefined;

  constructor(scope: Construct, id: string, props: ProcessorAlarmsProps) {
    super(scope, id);
    const metric = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: props.namespace ?? DEFAULT_NAMESPACE,
        metricName,
        dimensionsMap: { [props.serviceDimension ?? 'Service']: props.service },
        statistic,
        period: PERIOD,
      });
    const atLeastOnce = (alarmId: string, metricName: string, description: string) =>
      new Alarm(this, alarmId, {
        metric: metric(metricName),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${props.flowName}: ${description}`,
      });

    this.callbackFailed = atLeastOnce(
      'CallbackFailed',
      'CallbackFailed',
      'a ChannelFlowCallback failed for good: messages are still PENDING',
    );
    this.callbackForbidden = atLeastOnce(
      'CallbackForbidden',
      'CallbackForbidden',
      'a ChannelFlowCallback was refused with 403: check chime:ChannelFlowCallback on the role, or messages older than 48 hours',
    );
    this.processorErrors = atLeastOnce(
      'ProcessorErrors',
      'PolicyDecisions',
      'the processor threw, timed out or returned no decision: the onError policy answered',
    );
    const threshold = (props.latencyThreshold ?? Duration.seconds(3)).toMilliseconds();
    this.latency = new Alarm(this, 'Latency', {
      metric: metric('ProcessingLatency', 'p99'),
      threshold,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${props.flowName}: p99 processing latency over ${threshold} ms`,
    });
    for (const alarm of [this.callbackFailed, this.callbackForbidden, this.processorErrors, this.latency])
      for (const action of props.actions ?? []) alarm.addAlarmAction(action);

    this.dashboard =
      props.dashboard === false
        ? undefined
        : new Dashboard(this, 'Dashboard', {
            widgets: [
              [new TextWidget({ markdown: `# ${props.flowName}: channel-flow processor`, width: 24, height: 1 })],
              [
                new GraphWidget({
                  title: 'Decisions',
                  left: ['Updated', 'Denied', 'Unchanged', 'PolicyDecisions'].map((name) => metric(name)),
                  width: 12,
                }),
                new GraphWidget({
                  title: 'Callback refusals and failures',
                  left: ['Duplicates', 'CallbackForbidden', 'CallbackFailed'].map((name) => metric(name)),
                  width: 12,
                }),
              ],
              [
                new GraphWidget({
                  title: 'Processing latency (ms)',
                  left: ['p50', 'p99', 'Maximum'].map((statistic) => metric('ProcessingLatency', statistic)),
                  leftAnnotations: [{ value: threshold, label: 'alarm' }],
                  width: 12,
                }),
                new GraphWidget({
                  title: 'Lambda',
                  left: [
                    props.function.metricInvocations({ period: PERIOD }),
                    props.function.metricErrors({ period: PERIOD }),
                  ],
                  right: [props.function.metricThrottles({ period: PERIOD })],
                  width: 12,
                }),
              ],
            ],
          });
  }
}
