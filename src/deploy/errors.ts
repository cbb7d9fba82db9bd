import { ChannelFlowError } from '../errors.js';

/**
 * An ARN given to a deploy helper is malformed or belongs to another app instance.
 *
 * @example
 * try { parseChannelArn('arn:aws:chime:us-east-1:111122223333:appInstance/x/channel/y') }
 * catch (e) { if (e instanceof InvalidArnError) console.error(e.argument, e.message) }
 */
export class InvalidArnError extends ChannelFlowError {
  /** Which argument: `channelArn`, `channelFlowArn`, `chimeBearer` or `appInstanceArn`. */
  readonly argument: string;

  constructor(argument: string, problem: string) {
    super(`Invalid ${argument}: ${problem}`);
    this.name = 'InvalidArnError';
    this.argument = argument;
  }
}

/**
 * AssociateChannelFlow or DisassociateChannelFlow was refused or failed; `hint` says what usually fixes it.
 *
 * @example
 * try { await associateChannelFlow(options) }
 * catch (e) { if (e instanceof ChannelFlowAssociationError) console.error(e.errorName, e.hint) }
 */
export class ChannelFlowAssociationError extends ChannelFlowError {
  readonly operation: 'AssociateChannelFlow' | 'DisassociateChannelFlow';
  /** Error name of the answer (`ForbiddenException`, `NotFoundException`, ...). */
  readonly errorName: string;
  /** HTTP status of the answer, when there was one. */
  readonly statusCode: number | undefined;
  readonly hint: string;

  constructor(operation: 'AssociateChannelFlow' | 'DisassociateChannelFlow', cause: unknown) {
    const errorName = (cause as { name?: string } | undefined)?.name ?? 'Error';
    const statusCode = (cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
    const hint = hintFor(operation, errorName);
    super(`${operation} failed: ${errorName}${statusCode ? ` (HTTP ${statusCode})` : ''}. ${hint}`, { cause });
    this.name = 'ChannelFlowAssociationError';
    this.operation = operation;
    this.errorName = errorName;
    this.statusCode = statusCode;
    this.hint = hint;
  }
}

const HINTS: Record<string, string> = {
  ForbiddenException:
    'The bearer must be an admin of the app instance or a moderator of the channel, and the caller needs chime:AssociateChannelFlow / chime:DisassociateChannelFlow on the channel and the flow.',
  UnauthorizedClientException: 'The caller has no valid AWS credentials for this account and region.',
  NotFoundException:
    'The channel or the flow does not exist in this region and app instance (check the region in the ARNs).',
  ConflictException: 'The channel may already have a channel flow: disassociate it first.',
  BadRequestException: 'Check that the channel, the flow and the bearer belong to the same app instance.',
  ThrottledClientException: 'Throttled: retry in a few seconds.',
  ServiceUnavailableException: 'The service is unavailable: retry later.',
  ServiceFailureException: 'The service failed: retry later.',
};

function hintFor(operation: string, errorName: string): string {
  return HINTS[errorName] ?? `See the ${operation} API reference for this error.`;
}
