import { modelOf } from '../model/models.js';
import { ErrorShape, ServiceError } from '../errors.js';
import type { FlowEngine } from '../flow/engine.js';
import type { Store } from '../state/store.js';
import type { ChannelRecord } from '../state/types.js';
import type { SessionHub } from '../session/hub.js';

/** What an operation handler gets: validated input and the emulator's state. */
export interface OperationContext {
  operation: string;
  input: Record<string, any>;
  store: Store;
  engine: FlowEngine;
  now: number;
  /** Where new ARNs live (CreateAppInstance). */
  region: string;
  account: string;
  /** Open messaging sessions: operations tell members what changed. */
  sessions: SessionHub;
  /** `127.0.0.1:PORT`, what GetMessagingSessionEndpoint answers. */
  host: string;
}

/** A handler's answer; `status` defaults to the model's responseCode, `body` to none. */
interface OperationResult {
  status?: number;
  body?: Record<string, unknown>;
}

export type OperationHandler = (ctx: OperationContext) => OperationResult | Promise<OperationResult>;

/** Epoch milliseconds to the REST-JSON wire format (epoch seconds). */
export const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/**
 * The error for a resource that does not exist: NotFoundException where the operation's model
 * lists it, otherwise ForbiddenException (what the service answers a bearer that cannot see it).
 */
export function missing(operation: string, what: string): ServiceError {
  const modeled = modelOf(operation)?.operations[operation]?.errors.includes(ErrorShape.NotFound);
  return new ServiceError(modeled ? ErrorShape.NotFound : ErrorShape.Forbidden, `${what} not found`);
}

export function channelOrThrow(ctx: OperationContext, channelArn: string): ChannelRecord {
  const channel = ctx.store.channels.get(channelArn);
  if (!channel) throw missing(ctx.operation, `Channel ${channelArn}`);
  return channel;
}

/** Drops undefined members so bodies stay as small as the service's. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

/** Base64 offset tokens for List* pagination. */
export const pageToken = {
  encode: (offset: number): string => Buffer.from(`o:${offset}`).toString('base64'),
  decode(token: string | undefined): number {
    if (token === undefined || token === '') return 0;
    const match = /^o:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!match) throw new ServiceError(ErrorShape.BadRequest, 'Invalid input: NextToken is not valid');
    return Number(match[1]);
  },
};

/** The Name part of an AppInstanceUser/Bot ARN, standing in for the identity service. */
export const nameOfArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
