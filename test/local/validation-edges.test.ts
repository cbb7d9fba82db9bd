import { describe, expect, it } from '@jest/globals';
import { ChannelFlowError } from '../../src/errors.js';
import { EmulatorConfigError, ServiceError, startEmulator } from '../../src/local/index.js';
import type { EmulatorOptions } from '../../src/local/index.js';
import type { ServiceModel } from '../../src/local/model/types.js';
import { shapeViolations, validateShape } from '../../src/local/protocol/validate.js';

// The two gates in front of the emulator: startEmulator's option check (before anything listens)
// and the model validator every request passes, here against a small hand-made model so each
// rule is seen on its own.

describe('startEmulator option checks', () => {
  it.each<[string, EmulatorOptions, string]>([
    ['a zero function timeout', { functionTimeoutMs: 0 }, 'functionTimeoutMs'],
    ['a NaN function timeout', { functionTimeoutMs: Number.NaN }, 'functionTimeoutMs'],
    ['less than 32 MB of memory', { functionMemoryMb: 16 }, 'functionMemoryMb'],
    ['a fractional concurrency', { functionConcurrency: 1.5 }, 'functionConcurrency'],
    ['a zero concurrency', { functionConcurrency: 0 }, 'functionConcurrency'],
    ['a negative retry delay', { retryDelaysMs: [10, -1] }, 'retryDelaysMs'],
    ['a zero pending timeout', { pendingTimeoutMs: 0 }, 'pendingTimeoutMs'],
    ['a fault probability over 1', { faults: { throttle: 2 } }, 'faults'],
    ['a negative fault latency', { faults: { latencyMs: -1 } }, 'faults'],
    ['a fault latency string without a number', { faults: 'latency=fast' }, 'faults'],
    ['a negative fault seed', { faults: 'seed=-1' }, 'faults'],
    ['an unknown fault', { faults: 'meteor=0.5' }, 'faults'],
    ['a fault probability string out of range', { faults: 'duplicate=1.5' }, 'faults'],
  ])('refuses %s with an EmulatorConfigError naming the option', async (_case, options, option) => {
    // Act
    const error = await startEmulator(options).then(
      () => {
        throw new Error('startEmulator accepted the options');
      },
      (e: unknown) => e,
    );
    // Assess
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect(error).toBeInstanceOf(ChannelFlowError);
    expect((error as EmulatorConfigError).option).toBe(option);
    expect((error as Error).message).toContain(`Invalid emulator option ${option}`);
  });
});

const MODEL: ServiceModel = {
  service: 'test',
  signingName: 'test',
  apiVersion: '2026-01-01',
  operations: {},
  shapes: {
    TestRequest: {
      type: 'structure',
      required: ['Name'],
      members: {
        Name: { shape: 'Name' },
        Tags: { shape: 'Tags' },
        Labels: { shape: 'Labels' },
        Count: { shape: 'Count' },
        Flag: { shape: 'Flag' },
        At: { shape: 'At' },
        Blob: { shape: 'Blob' },
        Nested: { shape: 'Nested' },
        Nothing: { shape: 'Empty' },
      },
    },
    Nested: { type: 'structure', members: { Inner: { shape: 'Name' } } },
    Empty: { type: 'structure' },
    Name: { type: 'string', min: 2, max: 4 },
    Tags: { type: 'list', member: 'Name', min: 1, max: 2 },
    Labels: { type: 'map', key: 'Name', value: 'Name', max: 1 },
    Count: { type: 'integer', min: 1, max: 10 },
    Flag: { type: 'boolean' },
    At: { type: 'timestamp' },
    Blob: { type: 'blob' },
  },
};
const problemsOf = (value: unknown, unknownMembers = false) =>
  shapeViolations(value, 'TestRequest', { model: MODEL, unknownMembers });

describe('shapeViolations against a model', () => {
  it('accepts a value that fits every rule', () => {
    const fits = {
      Name: 'ab',
      Tags: ['abc'],
      Labels: { ab: 'cd' },
      Count: 10,
      Flag: false,
      At: new Date(0),
      Blob: 'anything',
      Nested: { Inner: 'xyz' },
    };
    expect(problemsOf(fits, true)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a list that is not an array', { Tags: 'abc' }, 'Tags must be a list, got string'],
    ['a list with too few items', { Tags: [] }, 'Tags must have at least 1 items, got 0'],
    ['a list with too many items', { Tags: ['ab', 'cd', 'ef'] }, 'Tags must have at most 2 items, got 3'],
    ['a bad list item', { Tags: ['ab', 'x'] }, 'Tags[1] must have at least 2 characters, got 1'],
    ['a map that is not an object', { Labels: ['ab'] }, 'Labels must be a map, got array'],
    ['a map with too many entries', { Labels: { ab: 'cd', ef: 'gh' } }, 'Labels must have at most 1 entries, got 2'],
    ['a bad map key (not named)', { Labels: { x: 'cd' } }, 'Labels key must have at least 2 characters, got 1'],
    ['a bad map value', { Labels: { ab: 'toolong' } }, 'Labels value must have at most 4 characters, got 7'],
    ['a fractional integer', { Count: 1.5 }, 'Count must be an integer, got number'],
    ['an integer under the minimum', { Count: 0 }, 'Count must be at least 1'],
    ['an integer over the maximum', { Count: 11 }, 'Count must be at most 10'],
    ['a boolean as a string', { Flag: 'true' }, 'Flag must be a boolean, got string'],
    ['a timestamp as a number', { At: 0 }, 'At must be a timestamp'],
    ['an invalid Date', { At: new Date(Number.NaN) }, 'At must be a timestamp'],
    ['a nested structure that is not an object', { Nested: 'x' }, 'Nested must be an object, got string'],
    ['a nested member', { Nested: { Inner: 'toolong' } }, 'Nested.Inner must have at most 4 characters, got 7'],
  ])('names %s', (_case, change, problem) => {
    expect(problemsOf({ Name: 'ab', ...change })).toEqual([problem]);
  });

  it('counts an emoji as one character, as the service does', () => {
    expect(problemsOf({ Name: '😀😀😀😀' })).toEqual([]);
    expect(problemsOf({ Name: '😀' })).toEqual(['Name must have at least 2 characters, got 1']);
  });

  it('reports members the model does not define only when asked to', () => {
    const value = { Name: 'ab', Extra: 1, Nested: { Inner: 'ab', Stray: true } };
    expect(problemsOf(value)).toEqual([]);
    expect(problemsOf(value, true)).toEqual(['Nested.Stray is not in the model', 'Extra is not in the model']);
    expect(problemsOf({ Name: 'ab', Nothing: { Any: 1 } }, true)).toEqual(['Nothing.Any is not in the model']);
  });

  it('lists every problem, or only the first with firstOnly', () => {
    const value = { Tags: ['x'], Count: 0, Flag: 1 };
    expect(problemsOf(value)).toEqual([
      'Name is required',
      'Tags[0] must have at least 2 characters, got 1',
      'Count must be at least 1',
      'Flag must be a boolean, got number',
    ]);
    expect(shapeViolations(value, 'TestRequest', { model: MODEL, firstOnly: true })).toEqual(['Name is required']);
    expect(
      shapeViolations({ Name: 'ab', Extra: 1, Other: 2 }, 'TestRequest', {
        model: MODEL,
        unknownMembers: true,
        firstOnly: true,
      }),
    ).toEqual(['Extra is not in the model']);
  });

  it('stops at the first problem inside a list, a map or a range with firstOnly', () => {
    const first = (value: Record<string, unknown>) =>
      shapeViolations({ Name: 'ab', ...value }, 'TestRequest', { model: MODEL, firstOnly: true });
    expect(first({ Tags: [], Count: 0 })).toEqual(['Tags must have at least 1 items, got 0']);
    expect(first({ Labels: { ab: 'c', cd: 'e' }, Count: 0 })).toEqual(['Labels must have at most 1 entries, got 2']);
    expect(first({ Count: 0, Flag: 1 })).toEqual(['Count must be at least 1']);
  });

  it('throws a ChannelFlowError for a shape the model does not have', () => {
    expect(() => shapeViolations({}, 'Nope', { model: MODEL })).toThrow(ChannelFlowError);
  });

  it('validateShape answers the first problem as a 400 BadRequestException', () => {
    const error = (() => {
      try {
        validateShape({ Count: 0 }, 'TestRequest', MODEL);
      } catch (e) {
        return e as ServiceError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(ServiceError);
    expect([error.statusCode, error.shape, error.message]).toEqual([
      400,
      'BadRequestException',
      'Invalid input: Name is required',
    ]);
  });
});
