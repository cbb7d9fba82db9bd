import { MESSAGING_MODEL } from '../model/models.js';
import type { ServiceModel, Shape } from '../model/types.js';
import { ErrorShape, ServiceError } from '../errors.js';

const compiled = new Map<string, RegExp>();

const SYNTAX = '^$\\.*+?()[]{}|/';

/**
 * Model patterns are Java regexes matched in full. In JavaScript's `u` mode, `\u10000` style
 * escapes become `\u{10000}`, and Java's escaped punctuation (`\:`, `\_`, `\@`, `\-`) is written plainly
 * (`-` as `\x2d`, valid inside and outside classes).
 *
 * @example
 * patternFor('[A-Za-z0-9\\:\\-]*').test('a:b-c'); // true
 */
export function patternFor(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    const js = source
      .replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}')
      .replace(/\\([^A-Za-z0-9])/g, (escaped, char: string) =>
        SYNTAX.includes(char) ? escaped : char === '-' ? '\\x2d' : char,
      );
    // Matched in full, with `.` across line breaks: a Metadata of `.*` takes any text, newlines included.
    regex = new RegExp(`^(?:${js})$`, 'su');
    compiled.set(source, regex);
  }
  return regex;
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Lengths count code points, as the service's length constraints do (an emoji is one character). */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** How {@link shapeViolations} walks a value. */
export interface ViolationOptions {
  /** The model to read shapes from. Default: chime-sdk-messaging. */
  model?: ServiceModel;
  /** Report structure members the model does not define (the service ignores them; a client must not send them). */
  unknownMembers?: boolean;
  /** Stop at the first problem (what the emulator answers). Default false. */
  firstOnly?: boolean;
}

/**
 * Lists where a value breaks a model shape: required members, types, lengths (code points),
 * ranges, enums and patterns. Problems name fields, never values (they may be user content).
 *
 * @param value - the value to check (timestamps as `Date`)
 * @param shapeName - a shape of the model, e.g. `ChannelFlowCallbackRequest`
 * @param options - model, unknown-member reporting, first problem only
 * @returns the problems, empty when the value fits
 * @example
 * shapeViolations({ ChannelArn: 'x' }, 'DescribeChannelRequest'); // ['ChannelArn must have at least 5 characters, got 1', ...]
 */
export function shapeViolations(value: unknown, shapeName: string, options: ViolationOptions = {}): string[] {
  const model = options.model ?? MESSAGING_MODEL;
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  const problems: string[] = [];
  const report = (path: string, problem: string): boolean => {
    problems.push(`${path} ${problem}`);
    return options.firstOnly === true;
  };
  walk(value, shape, shapeName, { model, unknownMembers: options.unknownMembers === true, report });
  return problems;
}

/**
 * Checks a request value against a model shape and throws a 400 {@link ServiceError} naming
 * the first offending field, as the service does.
 *
 * @throws ServiceError BadRequestException
 * @example
 * validateShape({ ChannelArn: 'x' }, 'DescribeChannelRequest'); // throws BadRequestException
 */
export function validateShape(value: unknown, shapeName: string, model: ServiceModel = MESSAGING_MODEL): void {
  const [first] = shapeViolations(value, shapeName, { model, firstOnly: true });
  if (first !== undefined) throw new ServiceError(ErrorShape.BadRequest, `Invalid input: ${first}`);
}

interface Walk {
  model: ServiceModel;
  unknownMembers: boolean;
  /** Returns true to stop walking. */
  report: (path: string, problem: string) => boolean;
}

/** Returns true when the walk must stop. */
function walk(value: unknown, shape: Shape, path: string, w: Walk): boolean {
  const shapes = w.model.shapes;
  switch (shape.type) {
    case 'structure': {
      if (kind(value) !== 'object') return w.report(path, `must be an object, got ${kind(value)}`);
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? [])
        if ((record[name] === undefined || record[name] === null) && w.report(join(path, name), 'is required'))
          return true;
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const member = record[name];
        if (member === undefined || member === null) continue;
        if (walk(member, shapes[ref.shape]!, join(path, name), w)) return true;
      }
      if (w.unknownMembers)
        for (const name of Object.keys(record))
          if (!shape.members?.[name] && w.report(join(path, name), 'is not in the model')) return true;
      return false;
    }
    case 'list': {
      if (!Array.isArray(value)) return w.report(path, `must be a list, got ${kind(value)}`);
      if (checkRange(value.length, shape, path, 'items', w)) return true;
      const member = shapes[shape.member!]!;
      return value.some((item, index) => walk(item, member, `${path}[${index}]`, w));
    }
    case 'map': {
      if (kind(value) !== 'object') return w.report(path, `must be a map, got ${kind(value)}`);
      const entries = Object.entries(value as Record<string, unknown>);
      if (checkRange(entries.length, shape, path, 'entries', w)) return true;
      const keyShape = shapes[shape.key!]!;
      const valueShape = shapes[shape.value!]!;
      // Keys are user data: problems say "a key", not which one.
      return entries.some(
        ([key, item]) => walk(key, keyShape, `${path} key`, w) || walk(item, valueShape, `${path} value`, w),
      );
    }
    case 'string': {
      if (typeof value !== 'string') return w.report(path, `must be a string, got ${kind(value)}`);
      if (checkRange(codePoints(value), shape, path, 'characters', w)) return true;
      if (shape.enum && !shape.enum.includes(value) && w.report(path, `must be one of ${shape.enum.join(', ')}`))
        return true;
      return shape.pattern !== undefined && !patternFor(shape.pattern).test(value)
        ? w.report(path, 'does not match the required pattern')
        : false;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return w.report(path, `must be an integer, got ${kind(value)}`);
      if (shape.min !== undefined && value < shape.min && w.report(path, `must be at least ${shape.min}`)) return true;
      return shape.max !== undefined && value > shape.max ? w.report(path, `must be at most ${shape.max}`) : false;
    }
    case 'boolean':
      return typeof value === 'boolean' ? false : w.report(path, `must be a boolean, got ${kind(value)}`);
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? false : w.report(path, 'must be a timestamp');
    default:
      return false;
  }
}

function checkRange(size: number, shape: Shape, path: string, unit: string, w: Walk): boolean {
  if (
    shape.min !== undefined &&
    size < shape.min &&
    w.report(path, `must have at least ${shape.min} ${unit}, got ${size}`)
  )
    return true;
  return shape.max !== undefined && size > shape.max
    ? w.report(path, `must have at most ${shape.max} ${unit}, got ${size}`)
    : false;
}

const join = (path: string, name: string): string => (path.endsWith('Request') ? name : `${path}.${name}`);
