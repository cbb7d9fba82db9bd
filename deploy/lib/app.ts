// Builds the CDK app from context and environment, so `cdk synth` works offline with no credentials.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { ExamplesStack } from './examples-stack.js';

/** Used when neither `-c account=` nor credentials give one: synth needs an account, deploy gets the real one from the CLI. */
export const PLACEHOLDER_ACCOUNT = '111122223333';
export const DEFAULT_REGION = 'us-east-1';
export const STACK_NAME = 'ChimeChannelFlowExamples';

/** The repository root (deploy/lib/../..). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The deploy app. Context (`-c key=value`) wins over environment variables:
 * `appInstanceArn` / `APP_INSTANCE_ARN`, `examples` / `EXAMPLES` (comma list),
 * `account` / `CDK_DEFAULT_ACCOUNT`, `region` / `CDK_DEFAULT_REGION`, and `stackName`, `flowNamePrefix`, `alertEmail` (context only).
 *
 * @example
 * const app = buildApp({ context: { appInstanceArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd' } });
 * app.synth();
 */
export function buildApp(
  props: AppProps = {},
  env: NodeJS.ProcessEnv = process.env,
): { app: App; stack: ExamplesStack } {
  const app = new App(props);
  const context = (key: string) => optionalString(app.node.tryGetContext(key));
  const appInstanceArn = context('appInstanceArn') ?? optionalString(env.APP_INSTANCE_ARN);
  const examples = (context('examples') ?? optionalString(env.EXAMPLES))
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const stack = new ExamplesStack(app, context('stackName') ?? STACK_NAME, {
    projectRoot: PROJECT_ROOT,
    env: {
      account: context('account') ?? optionalString(env.CDK_DEFAULT_ACCOUNT) ?? PLACEHOLDER_ACCOUNT,
      region:
        context('region') ?? optionalString(env.CDK_DEFAULT_REGION) ?? optionalString(env.AWS_REGION) ?? DEFAULT_REGION,
    },
    ...(appInstanceArn ? { appInstanceArn } : {}),
    ...(examples ? { examples } : {}),
    ...(context('flowNamePrefix') ? { flowNamePrefix: context('flowNamePrefix') } : {}),
    ...(context('alertEmail') ? { alertEmail: context('alertEmail') } : {}),
    description: 'chime-channel-flow example processors and their channel flows',
  });
  return { app, stack };
}
