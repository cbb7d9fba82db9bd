import { modelOf } from '../model/models.js';
import { ErrorShape, ServiceError } from '../errors.js';
import type { FlowEngine } from '../flow/engine.js';
import type { Store } from '../state/store.js';
import type { ChannelRecord } from '../state/types.js';
import type { SessionHub } from '../session/hub.js';

/**
 * An SDK `*CommandInput` as the server hands it to a handler, after `validateShape` passed. The SDK
 * types required members as `T | undefined` (it cannot promise what callers pass); validation can, so
 * required members lose `undefined` here, at every depth. Timestamps stay `Date` (the router parses
 * query timestamps into `Date`; no input of either API carries a timestamp in its JSON body).
 * Idempotency tokens the model requires are still optional here (the SDK fills them in, so types
 * them optional); a handler that needs one says so in its input type (ChannelFlowCallback's CallbackId).
 */
type Validated<T> = T extends Date | string | number | boolean
  ? T
  : T extends ReadonlyArray<infer E>
    ? Validated<E>[]
    : T extends object
      ? { [K in keyof T]: Record<never, never> extends Pick<T, K> ? Validated<T[K]> : Validated<NonNullable<T[K]>> }
      : T;

/**
 * The JSON body the emulator answers for an SDK `*CommandOutput`. It differs from the SDK type on
 * purpose: no `$metadata` (the SDK builds it from headers), and timestamps as epoch seconds, the
 * REST-JSON wire format, where the SDK shows the `Date` it parses them into.
 */
type WireBody<T> = T extends Date
  ? number
  : T extends string | number | boolean
    ? T
    : T extends ReadonlyArray<infer E>
      ? WireBody<E>[]
      : T extends object
        ? { [K in keyof T as K extends '$metadata' ? never : K]: WireBody<T[K]> }
        : T;

/** What an operation handler gets: validated input and the emulator's state. */
export interface OperationContext<I = unknown> {
  operation: string;
  input: I;
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
interface OperationResult<B = object> {
  status?: number;
  body?: B;
}

/**
 * One operation, typed with the SDK's `*CommandInput` and `*CommandOutput`: the handler reads the
 * validated input and answers the output's wire shape.
 */
export type OperationHandler<I, O> = (
  ctx: OperationContext<Validated<I>>,
) => OperationResult<WireBody<O>> | Promise<OperationResult<WireBody<O>>>;

/** A handler as the server's registry holds it: input as the router built it, body as JSON. */
export type RouteHandler = (
  ctx: OperationContext<Record<string, unknown>>,
) => OperationResult | Promise<OperationResult>;

/**
 * Registers a typed handler with the server. The one place where validated JSON becomes typed input.
 *
 * Invariant: the server calls a route handler only after `validateShape(input, model.input)` passed
 * for the same operation (required members present at every depth, types, enums, lengths and
 * patterns as the model states them), and the SDK's input type is generated from that same model.
 * So the input a route handler receives is the handler's `Validated<I>`.
 *
 * @param handler - the typed handler
 * @returns the same function, typed for the registry
 * @example
 * const handlers = { SendChannelMessage: route(sendChannelMessage) };
 */
export function route<I, O>(handler: OperationHandler<I, O>): RouteHandler {
  return handler as RouteHandler;
}

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

/** The members every List* input has. */
export interface PageInput {
  NextToken?: string | undefined;
  MaxResults?: number | undefined;
}

/**
 * One page of a List* answer: `MaxResults` (default 50) items from `NextToken` on.
 *
 * @param ctx - the operation, for its `NextToken` and `MaxResults`
 * @param all - every item, in listing order
 * @returns the page's items and the token of the next page, if any
 * @throws ServiceError BadRequestException when `NextToken` is not one this emulator issued
 * @example
 * const { items, NextToken } = page(ctx, [...ctx.store.app.appInstances.values()]);
 */
export function page<T>(ctx: OperationContext<PageInput>, all: T[]): { items: T[]; NextToken?: string } {
  const offset = pageToken.decode(ctx.input.NextToken);
  const max = ctx.input.MaxResults ?? 50;
  return compact({
    items: all.slice(offset, offset + max),
    NextToken: offset + max < all.length ? pageToken.encode(offset + max) : undefined,
  });
}

/** The Name part of an AppInstanceUser/Bot ARN, standing in for the identity service. */
export const nameOfArn = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
