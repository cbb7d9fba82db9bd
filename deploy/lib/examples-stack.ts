// One stack holding a ChannelFlowProcessor per example, on a given app instance or a new one.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnAppInstance } from 'aws-cdk-lib/aws-chime';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ChannelFlowProcessor } from './channel-flow-processor.js';
import type { FallbackAction } from './channel-flow-processor.js';
import { exampleSpec } from './examples.js';
import type { UserProcessor } from './user-processors.js';

export interface ExamplesStackProps extends StackProps {
  /** Repository root: holds examples/, package-lock.json and tsconfig.json. */
  readonly projectRoot: string;
  /** Deploy the flows to this app instance; when absent the stack creates one. */
  readonly appInstanceArn?: string;
  /** Only these examples (folder names); default every examples/NAME/handler.ts. */
  readonly examples?: readonly string[];
  /** Prefix of the channel flow names. Default `ccf-`. */
  readonly flowNamePrefix?: string;
  /** Mail this address when Chime cannot invoke a processor (ProcessorInvocationFailure events). Default: no alerts. */
  readonly alertEmail?: string;
  /** Your own processors (the `entry` context); when given and `examples` is not, no example is deployed. */
  readonly userProcessors?: readonly UserProcessor[];
  /** FallbackAction of your processors' flows. Default `CONTINUE`. */
  readonly fallbackAction?: FallbackAction;
}

/**
 * Example folders that hold a handler.ts, sorted.
 *
 * @example
 * findExamples('/path/to/repo'); // ['ai-toxicity', 'community-guard', 'pii-redact', 'profanity-mask']
 */
export function findExamples(projectRoot: string): string[] {
  const dir = join(projectRoot, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'handler.ts')))
    .sort();
}

/** PascalCase construct id from a folder name: `pii-redact` -> `PiiRedact`. */
const constructId = (name: string) => name.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * Deploys the example processors, each with its own channel flow.
 *
 * @example
 * new ExamplesStack(app, 'ChimeChannelFlowExamples', { projectRoot: '..', appInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd' });
 */
export class ExamplesStack extends Stack {
  readonly appInstanceArn: string;
  readonly processors: Record<string, ChannelFlowProcessor> = {};

  constructor(scope: Construct, id: string, props: ExamplesStackProps) {
    super(scope, id, props);
    const available = findExamples(props.projectRoot);
    const wanted = props.examples ?? (props.userProcessors?.length ? [] : available);
    const missing = wanted.filter((name) => !available.includes(name));
    if (missing.length > 0)
      throw new Error(
        `ExamplesStack: no examples/NAME/handler.ts for ${missing.join(', ')} (have: ${available.join(', ') || 'none'})`,
      );

    if (props.appInstanceArn) {
      this.appInstanceArn = props.appInstanceArn;
    } else {
      const appInstance = new CfnAppInstance(this, 'AppInstance', { name: 'chime-channel-flow-examples' });
      this.appInstanceArn = appInstance.attrAppInstanceArn;
      new CfnOutput(this, 'AppInstanceArn', {
        value: this.appInstanceArn,
        description: 'App instance created for the examples',
      });
    }

    let alerts: Topic | undefined;
    if (props.alertEmail) {
      alerts = new Topic(this, 'InvocationFailureAlerts', {
        displayName: 'chime-channel-flow: processor invocation failures',
      });
      alerts.addSubscription(new EmailSubscription(props.alertEmail));
    }

    const prefix = props.flowNamePrefix ?? 'ccf-';
    for (const name of wanted) {
      const spec = exampleSpec(name);
      const tables = (spec.tables ?? []).map(
        (table) =>
          [
            table.envVar,
            new Table(this, `${constructId(name)}${constructId(table.envVar.toLowerCase())}`, {
              partitionKey: { name: table.partitionKey, type: AttributeType.STRING },
              billingMode: BillingMode.PAY_PER_REQUEST,
              removalPolicy: RemovalPolicy.DESTROY,
              ...(table.timeToLiveAttribute ? { timeToLiveAttribute: table.timeToLiveAttribute } : {}),
            }),
          ] as const,
      );
      const environment = {
        ...spec.environment,
        ...Object.fromEntries(tables.map(([envVar, table]) => [envVar, table.tableName])),
      };
      this.processors[name] = new ChannelFlowProcessor(this, constructId(name), {
        appInstanceArn: this.appInstanceArn,
        entry: join(props.projectRoot, 'examples', name, 'handler.ts'),
        projectRoot: props.projectRoot,
        tsconfig: join(props.projectRoot, 'tsconfig.json'),
        flowName: `${prefix}${name}`,
        fallbackAction: spec.fallbackAction,
        ...(Object.keys(environment).length > 0 ? { environment } : {}),
        ...(spec.policyStatements ? { policyStatements: spec.policyStatements() } : {}),
        ...(alerts ? { invocationFailureTargets: [new SnsTopic(alerts)] } : {}),
      });
      for (const [, table] of tables) table.grantReadWriteData(this.processors[name].function);
    }
    for (const user of props.userProcessors ?? []) {
      if (this.processors[user.name]) throw new Error(`ExamplesStack: "${user.name}" is both an example and an entry`);
      this.processors[user.name] = new ChannelFlowProcessor(this, constructId(user.name), {
        appInstanceArn: this.appInstanceArn,
        entry: user.entry,
        handler: user.handler,
        projectRoot: props.projectRoot,
        tsconfig: join(props.projectRoot, 'tsconfig.json'),
        flowName: `${prefix}${user.name}`,
        ...(props.fallbackAction ? { fallbackAction: props.fallbackAction } : {}),
        ...(alerts ? { invocationFailureTargets: [new SnsTopic(alerts)] } : {}),
      });
    }
  }
}
