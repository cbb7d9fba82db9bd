// Builds the CDK app from context and environment, so `cdk synth` works offline with no credentials.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { FallbackAction } from './channel-flow-processor.js';
import { ExamplesStack } from './examples-stack.js';
import { parseUserEntries } from './user-processors.js';

/** Used when neither `-c account=` nor credentials give one: synth needs an account, deploy gets the real one from the CLI. */
export const PLACEHOLDER_ACCOUNT = '111122223333';
export const DEFAULT_REGION = 'us-east-1';
export const STACK_NAME = 'ChimeChannelFlowExamples';
/** The stack of your own processors (`-c entry=...`): a stack of its own, so deploying it never removes the examples. */
export const USER_STACK_NAME = 'ChimeChannelFlowProcessors';

/** The repository root (deploy/lib/../..). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The deploy app. Context (`-c key=value`) wins over environment variables:
 * `appInstanceArn` / `APP_INSTANCE_ARN`, `examples` / `EXAMPLES` (comma list),
 * `entry` / `ENTRY` (your processors, `PATH[#EXPORT]` comma list, relative to where npm was run),
 * `account` / `CDK_DEFAULT_ACCOUNT`, `region` / `CDK_DEFAULT_REGION`, and `stackName`, `flowNamePrefix`,
 * `alertEmail`, `fallbackAction` (context only).
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
  const entries = context('entry') ?? optionalString(env.ENTRY);
  // npm runs workspace scripts in deploy/; INIT_CWD is where the user typed the command.
  const userProcessors = entries
    ? parseUserEntries(entries, optionalString(env.INIT_CWD) ?? PROJECT_ROOT, PROJECT_ROOT)
    : undefined;
  const fallbackAction = context('fallbackAction');
  if (
    fallbackAction !== undefined &&
    fallbackAction !== FallbackAction.Continue &&
    fallbackAction !== FallbackAction.Abort
  )
    throw new Error(`fallbackAction must be CONTINUE or ABORT, got "${fallbackAction}"`);
  const stack = new ExamplesStack(app, context('stackName') ?? (userProcessors ? USER_STACK_NAME : STACK_NAME), {
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
    ...(userProcessors ? { userProcessors } : {}),
    ...(fallbackAction ? { fallbackAction } : {}),
    description: userProcessors
      ? 'chime-channel-flow processors and their channel flows'
      : 'chime-channel-flow example processors and their channel flows',
  });
  return { app, stack };
}
