// Small pure helpers of the core: limits fitting, value descriptions, error fields, the JSON logger.
import { describe, expect, it, jest } from '@jest/globals';
import { fitCallback } from '../../src/callback/fit-decision.js';
import { isDecision, update } from '../../src/decision/index.js';
import { InvalidOptionsError } from '../../src/errors.js';
import { errorFields } from '../../src/logging/error-fields.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { errorNameOf, firstLineOf, readSafely, typeName } from '../../src/values.js';
import { standardEvent } from './fixtures.js';

describe('fitCallback', () => {
  it('denies an update whose content was cut but which breaks another limit too', () => {
    const fitted = fitCallback(
      standardEvent(),
      update({ content: 'x'.repeat(5000), pushNotification: { title: 'x'.repeat(51) } }, { rule: 'r' }),
    );
    expect(fitted.action).toBe('deny');
    expect(fitted.fitted?.limitError.field).toBe('ChannelMessage.PushNotification.Title');
    expect(fitted.input.DeleteResource).toBe(true);
  });

  it('sends an update within the limits as it is', () => {
    expect(fitCallback(standardEvent(), update({ content: 'fine' })).fitted).toBeUndefined();
  });
});

describe('isDecision', () => {
  it.each([
    [update({ content: 'x' }), true],
    [{ action: 'update', patch: [] }, false],
    [{ action: 'update' }, false],
    [{ action: 'allow' }, false],
    ['deny', false],
    [null, false],
  ])('%j -> %s', (value, expected) => {
    expect(isDecision(value)).toBe(expected);
  });
});

describe('value descriptions', () => {
  it('typeName tells null and arrays apart', () => {
    expect([null, [], {}, 1, 'a', 1n].map(typeName)).toEqual(['null', 'array', 'object', 'number', 'string', 'bigint']);
  });

  it('readSafely and errorNameOf survive throwing getters', () => {
    const hostile = Object.defineProperty({}, 'name', {
      get() {
        throw new Error('getter');
      },
    });
    expect(readSafely(hostile, 'name')).toBeUndefined();
    expect(readSafely('text', 'length')).toBeUndefined();
    expect(errorNameOf(hostile)).toBe('object');
    expect(errorNameOf({ name: 'x'.repeat(101) })).toBe('object');
    expect(errorNameOf(new RangeError('r'))).toBe('RangeError');
  });

  it('firstLineOf keeps the first line, cuts quoted runs and long lines', () => {
    expect(firstLineOf('one\ntwo')).toBe('one');
    expect(firstLineOf('say "secret" and `more`')).toBe('say "…" and `…`');
    expect(firstLineOf('x'.repeat(200))).toBe(`${'x'.repeat(160)}…`);
    expect(firstLineOf(undefined)).toBe('');
  });

  it('InvalidOptionsError names its scope when given one', () => {
    expect(new InvalidOptionsError('port', 'must be a number', { scope: 'emulator' }).message).toBe(
      'Invalid emulator option port: must be a number',
    );
  });
});

describe('errorFields', () => {
  it('omits the stack when it has no frames', () => {
    const error = new Error('m');
    error.stack = 'Error: m';
    expect(errorFields(error, false)).toEqual({ errorName: 'Error' });
    expect(errorFields(error, true)).toEqual({ errorName: 'Error', errorMessage: 'm' });
  });
});

describe('createJsonLogger', () => {
  it('drops a line when the sink throws, rather than throw', () => {
    const logger = createJsonLogger({
      sink: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => logger.error('x')).not.toThrow();
  });

  it('reads LOG_LEVEL=warning as warn, and writes to stdout by default', () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'WARNING';
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const logger = createJsonLogger();
      logger.info('hidden');
      logger.warn('shown');
    } finally {
      spy.mockRestore();
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
    expect(written.map((line) => JSON.parse(line).message)).toEqual(['shown']);
  });
});
