import { InvalidArnError } from './errors.js';

/** The parts of a Chime SDK Messaging ARN the deploy helpers check. */
export interface ChimeArnParts {
  partition: string;
  region: string;
  account: string;
  /** Everything after the account, e.g. `app-instance/ID/channel/ID`. */
  resource: string;
}

// The API model's ChimeArn pattern, anchored, with its 5 to 1600 length.
const CHIME_ARN = /^arn:([a-z0-9-.]{1,63}):([a-z0-9-.]{0,63}):([a-z0-9-.]{0,63}):([a-z0-9-.]{0,63}):([^/].{0,1023})$/;
// IDs are kept loose ([^/]+): users may choose their own channel and user IDs.
const APP_INSTANCE = /^app-instance\/([^/]+)$/;
const CHANNEL = /^app-instance\/([^/]+)\/channel\/([^/]+)$/;
const BEARER = /^app-instance\/([^/]+)\/(user|bot)\/([^/]+)$/;
const CHANNEL_FLOW = /^app-instance\/([^/]+)\/channel-flow\/([^/]+)$/;

function parseChimeArn(argument: string, arn: unknown): ChimeArnParts {
  if (typeof arn !== 'string' || arn.length === 0) throw new InvalidArnError(argument, 'missing');
  if (arn.length < 5 || arn.length > 1600)
    throw new InvalidArnError(argument, `must be 5 to 1600 characters, got ${arn.length}`);
  const match = CHIME_ARN.exec(arn);
  if (match?.[2] !== 'chime') throw new InvalidArnError(argument, 'not a Chime ARN (arn:aws:chime:REGION:ACCOUNT:...)');
  const [, partition = '', , region = '', account = '', resource = ''] = match;
  if (!/^\d{12}$/.test(account)) throw new InvalidArnError(argument, 'the account must be 12 digits');
  if (region === '') throw new InvalidArnError(argument, 'the region is empty');
  // One AWS page writes appInstance/; the service only knows app-instance/.
  if (resource.startsWith('appInstance/')) throw new InvalidArnError(argument, 'write app-instance/, not appInstance/');
  return { partition, region, account, resource };
}

const appInstancePrefix = (parts: ChimeArnParts, appInstanceId: string) =>
  `arn:${parts.partition}:chime:${parts.region}:${parts.account}:app-instance/${appInstanceId}`;

/**
 * Checks a channel ARN and returns its parts plus the app instance ARN it belongs to.
 *
 * @param arn - the value to check (anything: CLI flags and environment variables arrive untyped)
 * @returns the parts of the channel ARN, with its app instance ARN and channel id
 * @throws {InvalidArnError} when `arn` is not a string of that ARN shape
 * @example
 * parseChannelArn('arn:aws:chime:us-east-1:111122223333:app-instance/abcd/channel/room-1').appInstanceArn
 * // 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd'
 */
export function parseChannelArn(arn: unknown): ChimeArnParts & { appInstanceArn: string; channelId: string } {
  const parts = parseChimeArn('channelArn', arn);
  const match = CHANNEL.exec(parts.resource);
  if (!match) throw new InvalidArnError('channelArn', 'expected app-instance/ID/channel/ID');
  // The pattern matched, so its groups are there.
  return { ...parts, appInstanceArn: appInstancePrefix(parts, match[1]!), channelId: match[2]! };
}

/**
 * Checks the bearer ARN (an AppInstanceUser or AppInstanceBot) and returns its app instance ARN.
 *
 * @param arn - the value to check (anything: CLI flags and environment variables arrive untyped)
 * @returns the parts of the bearer ARN, with its app instance ARN
 * @throws {InvalidArnError} when `arn` is not a string of that ARN shape
 * @example
 * parseBearerArn('arn:aws:chime:us-east-1:111122223333:app-instance/abcd/user/admin').appInstanceArn
 */
export function parseBearerArn(arn: unknown): ChimeArnParts & { appInstanceArn: string } {
  const parts = parseChimeArn('chimeBearer', arn);
  const match = BEARER.exec(parts.resource);
  if (!match)
    throw new InvalidArnError(
      'chimeBearer',
      'expected an app instance user or bot: app-instance/ID/user/ID or app-instance/ID/bot/ID',
    );
  return { ...parts, appInstanceArn: appInstancePrefix(parts, match[1]!) };
}

/**
 * Checks a channel flow ARN (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID/channel-flow/ID`) and returns its app instance ARN.
 *
 * @param arn - the value to check (anything: CLI flags and environment variables arrive untyped)
 * @returns the parts of the channel flow ARN, with its app instance ARN
 * @throws {InvalidArnError} when `arn` is not a string of that ARN shape
 * @example
 * parseChannelFlowArn('arn:aws:chime:us-east-1:111122223333:app-instance/abcd/channel-flow/0123').appInstanceArn
 * // 'arn:aws:chime:us-east-1:111122223333:app-instance/abcd'
 */
export function parseChannelFlowArn(arn: unknown): ChimeArnParts & { appInstanceArn: string } {
  const parts = parseChimeArn('channelFlowArn', arn);
  const match = CHANNEL_FLOW.exec(parts.resource);
  if (!match) throw new InvalidArnError('channelFlowArn', 'expected app-instance/ID/channel-flow/ID');
  return { ...parts, appInstanceArn: appInstancePrefix(parts, match[1]!) };
}

/**
 * Checks an app instance ARN (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID`).
 *
 * @param arn - the value to check (anything: CLI flags and environment variables arrive untyped)
 * @returns the parts of the app instance ARN
 * @throws {InvalidArnError} when `arn` is not a string of that ARN shape
 * @example
 * parseAppInstanceArn('arn:aws:chime:us-east-1:111122223333:app-instance/abcd').account // '111122223333'
 */
export function parseAppInstanceArn(arn: unknown): ChimeArnParts {
  const parts = parseChimeArn('appInstanceArn', arn);
  if (parts.resource.includes('/channel/'))
    throw new InvalidArnError('appInstanceArn', 'this is a channel ARN; give the part before /channel/');
  if (!APP_INSTANCE.test(parts.resource)) throw new InvalidArnError('appInstanceArn', 'expected app-instance/ID');
  return parts;
}
