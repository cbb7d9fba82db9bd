// An independent check of a ChannelFlowCallback input against the service's API model
// (shapes copied from botocore into test/fixtures), walked generically: required members,
// lengths in code points, patterns, enums. It shares no code with src/callback.
import { readFileSync } from 'node:fs';

interface Shape {
  type: string;
  required?: string[];
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}

const model = JSON.parse(
  readFileSync(new URL('../fixtures/channel-flow-callback-model.json', import.meta.url), 'utf8'),
) as { shapes: Record<string, Shape> };

/** Problems found, empty when the value fits the shape. */
export function modelViolations(value: unknown, shapeName = 'ChannelFlowCallbackRequest', path = 'input'): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`no shape ${shapeName}`);
  const problems: string[] = [];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not a structure`];
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? [])
        if (record[name] === undefined) problems.push(`${path}.${name}: required`);
      for (const [name, member] of Object.entries(record)) {
        const definition = shape.members?.[name];
        if (!definition) problems.push(`${path}.${name}: not in the model`);
        else if (member !== undefined) problems.push(...modelViolations(member, definition.shape, `${path}.${name}`));
      }
      return problems;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not a map`];
      for (const [key, item] of Object.entries(value)) {
        problems.push(
          ...modelViolations(key, shape.key!.shape, `${path} key`),
          ...modelViolations(item, shape.value!.shape, `${path} value`),
        );
      }
      return problems;
    }
    case 'list':
      if (!Array.isArray(value)) return [`${path}: not a list`];
      return value.flatMap((item, index) => modelViolations(item, shape.member!.shape, `${path}[${index}]`));
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    case 'string': {
      if (typeof value !== 'string') return [`${path}: not a string`];
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) problems.push(`${path}: ${length} < min ${shape.min}`);
      if (shape.max !== undefined && length > shape.max) problems.push(`${path}: ${length} > max ${shape.max}`);
      if (shape.pattern && !new RegExp(shape.pattern, 'u').test(value))
        problems.push(`${path}: does not match ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value)) problems.push(`${path}: not one of ${shape.enum.join(', ')}`);
      return problems;
    }
    default:
      throw new Error(`shape type ${shape.type} not handled`);
  }
}

/** The model plus design.md's stricter content reading: at most 4096 UTF-8 bytes. */
export function callbackViolations(input: unknown): string[] {
  const problems = modelViolations(input);
  const content = (input as { ChannelMessage?: { Content?: unknown } }).ChannelMessage?.Content;
  if (typeof content === 'string' && Buffer.byteLength(content, 'utf8') > 4096)
    problems.push('input.ChannelMessage.Content: over 4096 UTF-8 bytes');
  return problems;
}
