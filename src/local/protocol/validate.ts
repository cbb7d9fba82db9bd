import { SERVICE_MODEL } from '../model/service-model.js';
import type { Shape } from '../model/types.js';
import { ErrorShape, ServiceError } from '../errors.js';

const compiled = new Map<string, RegExp>();

/** Model patterns are Java regexes matched in full; `\u10000` style escapes become `\u{10000}`. */
function patternFor(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    const js = source.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}');
    regex = new RegExp(`^(?:${js})$`, 'u');
    compiled.set(source, regex);
  }
  return regex;
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function fail(path: string, problem: string): never {
  // The service names the field, never echoes the value (it may be user content).
  throw new ServiceError(ErrorShape.BadRequest, `Invalid input: ${path} ${problem}`);
}

/**
 * Checks a value against a model shape: required members, types, lengths, ranges, enums
 * and patterns. Throws a 400 {@link ServiceError} naming the first offending field.
 *
 * @example
 * validateShape({ ChannelArn: 'x' }, 'DescribeChannelRequest'); // throws BadRequestException
 */
export function validateShape(value: unknown, shapeName: string, path = ''): void {
  const shape = SERVICE_MODEL.shapes[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  checkValue(value, shape, path || shapeName);
}

function checkValue(value: unknown, shape: Shape, path: string): void {
  switch (shape.type) {
    case 'structure': {
      if (kind(value) !== 'object') fail(path, `must be an object, got ${kind(value)}`);
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) fail(join(path, name), 'is required');
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = record[name];
        if (member === undefined || member === null) continue;
        checkValue(member, SERVICE_MODEL.shapes[ref.shape]!, join(path, name));
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) fail(path, `must be a list, got ${kind(value)}`);
      checkRange(value.length, shape, path, 'items');
      const member = SERVICE_MODEL.shapes[shape.member!]!;
      value.forEach((item, index) => {
        checkValue(item, member, `${path}[${index}]`);
      });
      return;
    }
    case 'map': {
      if (kind(value) !== 'object') fail(path, `must be a map, got ${kind(value)}`);
      const entries = Object.entries(value as Record<string, unknown>);
      checkRange(entries.length, shape, path, 'entries');
      const keyShape = SERVICE_MODEL.shapes[shape.key!]!;
      const valueShape = SERVICE_MODEL.shapes[shape.value!]!;
      // Keys are user data: errors say "a key", not which one.
      for (const [key, item] of entries) {
        checkValue(key, keyShape, `${path} key`);
        checkValue(item, valueShape, `${path} value`);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') fail(path, `must be a string, got ${kind(value)}`);
      checkRange(value.length, shape, path, 'characters');
      if (shape.enum && !shape.enum.includes(value)) fail(path, `must be one of ${shape.enum.join(', ')}`);
      if (shape.pattern && !patternFor(shape.pattern).test(value)) fail(path, 'does not match the required pattern');
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, `must be an integer, got ${kind(value)}`);
      if (shape.min !== undefined && value < shape.min) fail(path, `must be at least ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(path, `must be at most ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, `must be a boolean, got ${kind(value)}`);
      return;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(path, 'must be a timestamp');
      return;
    default:
      return;
  }
}

function checkRange(size: number, shape: Shape, path: string, unit: string): void {
  if (shape.min !== undefined && size < shape.min) fail(path, `must have at least ${shape.min} ${unit}, got ${size}`);
  if (shape.max !== undefined && size > shape.max) fail(path, `must have at most ${shape.max} ${unit}, got ${size}`);
}

const join = (path: string, name: string): string => (path.endsWith('Request') ? name : `${path}.${name}`);
