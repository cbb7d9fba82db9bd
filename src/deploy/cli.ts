// `associate` / `disassociate`: attach a deployed channel flow to a channel from the command line.
import { parseArgs } from 'node:util';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { associateChannelFlow, disassociateChannelFlow } from './associate.js';
import type { ChannelFlowError } from '../errors.js';

const DEPLOY_CLI_USAGE = `Usage:
  associate    --channel-arn ARN --channel-flow-arn ARN --bearer ARN
  disassociate --channel-arn ARN --channel-flow-arn ARN --bearer ARN

Each flag falls back to an environment variable: CHANNEL_ARN, CHANNEL_FLOW_ARN, CHIME_BEARER.
The bearer is an AppInstanceUser (or bot) that is an app instance admin or a moderator of the channel.
The region comes from the channel ARN; AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING points the call at a local emulator.`;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  client?: ChimeSDKMessagingClient;
}

const defaultIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env };

// Strict parsing: unknown flags throw, and the caller reports them as wrong usage (exit 2).
const parseDeployArgs = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'channel-arn': { type: 'string' },
      'channel-flow-arn': { type: 'string' },
      bearer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

/**
 * Runs the deploy CLI and resolves to the exit code: 0 done, 1 the call failed, 2 wrong usage.
 *
 * @param argv - the arguments after the program name (`associate|disassociate` and the flags)
 * @param io - where usage and results are written (default stdout and stderr)
 * @returns the exit code; errors are reported on `io`, never thrown
 * @example
 * const code = await runDeployCli(['associate', '--channel-arn', channelArn, '--channel-flow-arn', flowArn, '--bearer', adminArn]);
 * process.exitCode = code;
 */
export async function runDeployCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let parsed: ReturnType<typeof parseDeployArgs>;
  try {
    parsed = parseDeployArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${DEPLOY_CLI_USAGE}`);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    io.out(DEPLOY_CLI_USAGE);
    return 0;
  }
  if ((command !== 'associate' && command !== 'disassociate') || extra.length > 0) {
    io.err(
      `${command === undefined ? 'No command given' : `Unknown command: ${[command, ...extra].join(' ')}`}\n\n${DEPLOY_CLI_USAGE}`,
    );
    return 2;
  }
  const options = {
    channelArn: parsed.values['channel-arn'] ?? io.env.CHANNEL_ARN ?? '',
    channelFlowArn: parsed.values['channel-flow-arn'] ?? io.env.CHANNEL_FLOW_ARN ?? '',
    chimeBearer: parsed.values.bearer ?? io.env.CHIME_BEARER ?? '',
    ...(io.client ? { client: io.client } : {}),
  };
  try {
    const result =
      command === 'associate' ? await associateChannelFlow(options) : await disassociateChannelFlow(options);
    io.out(JSON.stringify({ [command === 'associate' ? 'associated' : 'disassociated']: result }));
    return 0;
  } catch (error) {
    // associate/disassociateChannelFlow wrap every failure in InvalidArnError or
    // ChannelFlowAssociationError (the service's error as `cause`): messages with no user data
    // that say what to fix.
    io.err((error as ChannelFlowError).message);
    return 1;
  }
}
