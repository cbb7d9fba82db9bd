import { MODELS } from '../model/models.js';
import type { OperationModel, ServiceModel } from '../model/types.js';
import { ErrorShape, ServiceError } from '../errors.js';

/** One operation's route, compiled once from the model's `requestUri`. */
interface Route {
  operation: string;
  service: ServiceModel;
  model: OperationModel;
  method: string;
  path: RegExp;
  labels: string[];
  /** Literal query pairs the URI demands, e.g. `operation=channel-flow-callback`. */
  query: Array<[string, string]>;
}

function compile(service: ServiceModel, operation: string, model: OperationModel): Route {
  const [pathPart = '', queryPart] = model.requestUri.split('?');
  const labels: string[] = [];
  const source = pathPart.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, label: string) => {
    labels.push(label);
    return '([^/]+)';
  });
  const query = queryPart ? [...new URLSearchParams(queryPart)].map(([k, v]) => [k, v] as [string, string]) : [];
  return { operation, service, model, method: model.method, path: new RegExp(`^${source}$`), labels, query };
}

// Routes that demand a literal query (`?scope=message-status`) must win over their plain twin.
const ROUTES: Route[] = MODELS.flatMap((service) =>
  Object.entries(service.operations).map(([name, model]) => compile(service, name, model)),
).sort((a, b) => b.query.length - a.query.length);

/** A request matched to an operation, with its URI labels decoded. */
export interface RouteMatch {
  operation: string;
  /** The API model the operation belongs to (messaging or identity). */
  service: ServiceModel;
  model: OperationModel;
  labels: Record<string, string>;
}

/**
 * Finds the operation for a method and raw path + query, as the service's REST-JSON binding does.
 * Throws 404 NotFoundException when no operation has that path, 400 when the path exists
 * with another method.
 *
 * @example
 * matchRoute('POST', '/channels/arn%3A...?operation=channel-flow-callback', params).operation; // 'ChannelFlowCallback'
 */
export function matchRoute(method: string, path: string, params: URLSearchParams): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const found = route.path.exec(path);
    if (!found) continue;
    if (!route.query.every(([key, value]) => params.get(key) === value)) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const labels: Record<string, string> = {};
    route.labels.forEach((label, index) => {
      try {
        labels[label] = decodeURIComponent(found[index + 1]!);
      } catch {
        throw new ServiceError(
          ErrorShape.BadRequest,
          `Invalid input: path label ${label} is not valid percent-encoding`,
        );
      }
    });
    return { operation: route.operation, service: route.service, model: route.model, labels };
  }
  if (pathMatched) throw new ServiceError(ErrorShape.BadRequest, `Method ${method} is not allowed on this resource`);
  throw new ServiceError(ErrorShape.NotFound, 'No operation matches the request path');
}

/**
 * Builds the operation input from URI labels, query string, headers and the JSON body,
 * following each member's `location` in the model (body members have none).
 *
 * @example
 * const input = buildInput(match, params, req.headers, body);
 */
export function buildInput(
  match: RouteMatch,
  params: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const shapes = match.service.shapes;
  const shape = shapes[match.model.input]!;
  const input: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const memberType = shapes[ref.shape]!.type;
    if (ref.location === 'uri') {
      const value = match.labels[ref.locationName!];
      if (value !== undefined) input[name] = value;
    } else if (ref.location === 'querystring') {
      const value = params.get(ref.locationName!);
      if (value !== null) input[name] = fromQuery(value, memberType, ref.locationName!);
    } else if (ref.location === 'header') {
      const value = headers[ref.locationName!.toLowerCase()];
      if (value !== undefined) input[name] = Array.isArray(value) ? value.join(',') : value;
    } else if (body[name] !== undefined) {
      input[name] = body[name];
    }
  }
  return input;
}

function fromQuery(value: string, type: string, name: string): unknown {
  if (type === 'integer' || type === 'long') {
    if (!/^-?\d+$/.test(value))
      throw new ServiceError(ErrorShape.BadRequest, `Invalid input: ${name} must be an integer`);
    return Number(value);
  }
  if (type === 'timestamp') {
    // Query timestamps are ISO 8601 in REST-JSON; accept epoch seconds too.
    const date = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
    if (Number.isNaN(date.getTime()))
      throw new ServiceError(ErrorShape.BadRequest, `Invalid input: ${name} must be a timestamp`);
    return date;
  }
  return value;
}
