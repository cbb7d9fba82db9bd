// Whatever a processor throws or returns, exactly one callback goes out, the invocation
// resolves and the logger never throws; errors name their cause without quoting content.
import { describe, expect, it } from '@jest/globals';
import { ChannelFlowCallbackCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor } from '../../src/middleware/channel-flow-processor.js';
import { deny, noChange, update } from '../../src/decision/index.js';
import { CallbackError } from '../../src/errors.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { errorFields } from '../../src/logging/error-fields.js';
import { lambdaContext } from '../../src/testing/index.js';
import { capturingLogger, mockedChime } from './harness.js';
import { standardEvent } from './fixtures.js';

const circular = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { name: 'loop' };
  value.self = value;
  return value;
};

const throwingGetter = (key: 'message' | 'name' | 'stack') => {
  const error = new Error('hidden');
  Object.defineProperty(error, key, {
    get() {
      throw new Error(`${key} getter`);
    },
  });
  return error;
};

const hostile = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('get trap');
      },
      getPrototypeOf() {
        throw new Error('getPrototypeOf trap');
      },
      has() {
        throw new Error('has trap');
      },
      ownKeys() {
        throw new Error('ownKeys trap');
      },
    },
  );

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

const THROWN: Array<[string, () => unknown]> = [
  ['an Error whose message getter throws', () => throwingGetter('message')],
  ['an Error whose name getter throws', () => throwingGetter('name')],
  ['an Error whose stack getter throws', () => throwingGetter('stack')],
  ['a Proxy whose every trap throws', hostile],
  ['a revoked Proxy', revoked],
  ['a circular object', circular],
  ['a BigInt', () => 10n],
  ['a Symbol', () => Symbol('s')],
  ['undefined', () => undefined],
  ['null', () => null],
];

const RETURNED: Array<[string, () => unknown]> = [
  ['deny(circular)', () => deny(circular() as never)],
  ['deny(10n)', () => deny(10n as never)],
  ['deny with a circular rule', () => deny('x', { rule: circular() as never })],
  ['noChange with a BigInt rule', () => noChange({ rule: 10n as never })],
  ['update with a circular rule', () => update({ content: 'fine' }, { rule: circular() as never })],
  ['a Proxy', hostile],
  ['a revoked Proxy', revoked],
  ['a decision whose patch is a Proxy', () => ({ action: 'update', patch: hostile() })],
];

function jsonLines() {
  const lines: string[] = [];
  return { lines, logger: createJsonLogger({ level: 'debug', sink: (line) => lines.push(line) }) };
}

describe('exotic throwables', () => {
  for (const onError of ['allow', 'deny'] as const) {
    it.each(THROWN)(`a processor that throws %s gets one callback (onError: ${onError})`, async (_label, make) => {
      const { client, calls } = mockedChime();
      const { lines, logger } = jsonLines();
      const summary = await channelFlowProcessor(
        () => {
          throw make();
        },
        { client, logger, onError },
      )(standardEvent(), lambdaContext());
      expect(calls()).toHaveLength(1);
      expect(summary.decidedBy).toBe('policy');
      expect(typeof summary.error).toBe('string');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.some((line) => line.includes('Processor failed'))).toBe(true);
    });

    it.each(THROWN)(
      `a processor that rejects with %s gets one callback (onError: ${onError})`,
      async (_label, make) => {
        const { client, calls } = mockedChime();
        const { logger } = jsonLines();
        await channelFlowProcessor(async () => Promise.reject(make()), { client, logger, onError })(
          standardEvent(),
          lambdaContext(),
        );
        expect(calls()).toHaveLength(1);
      },
    );
  }

  it.each(RETURNED)('a processor that returns %s gets one callback and the logger does not throw', async (_l, make) => {
    const { client, calls } = mockedChime();
    const { lines, logger } = jsonLines();
    await channelFlowProcessor(make as never, { client, logger })(standardEvent(), lambdaContext());
    expect(calls()).toHaveLength(1);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('the JSON logger writes a line for attributes that JSON cannot hold', () => {
    const { lines, logger } = jsonLines();
    logger.info('cycle', { value: circular() });
    logger.info('bigint', { value: 10n });
    logger.info('getter', {
      get value() {
        throw new Error('getter');
      },
    });
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['cycle', 'bigint', 'getter']);
  });
});

describe('error logging keeps content out', () => {
  it('logs the name and stack frames of a built-in error, not its message', () => {
    let thrown: unknown;
    try {
      JSON.parse('my card 4111 1111 1111 1111');
    } catch (error) {
      thrown = error;
    }
    const fields = errorFields(thrown, false);
    expect(fields.errorName).toBe('SyntaxError');
    expect(fields.errorMessage).toBeUndefined();
    expect(fields.stack).toMatch(/^at /);
    expect(JSON.stringify(fields)).not.toContain('4111');
  });

  it('logErrorMessages: true logs the message, for debugging', async () => {
    const { client } = mockedChime();
    const logger = capturingLogger();
    await channelFlowProcessor(
      () => {
        throw new Error('debug me');
      },
      { client, logger, logErrorMessages: true },
    )(standardEvent(), lambdaContext());
    expect(logger.lines.find((line) => line.level === 'error')?.attributes?.errorMessage).toBe('debug me');
  });

  it("keeps the package's own error messages", async () => {
    const { client } = mockedChime();
    const logger = capturingLogger();
    await channelFlowProcessor(() => 'not a decision' as never, { client, logger })(standardEvent(), lambdaContext());
    expect(logger.lines.find((line) => line.level === 'error')?.attributes?.errorMessage).toMatch(
      /must return update\(\), deny\(\) or noChange\(\)/,
    );
  });
});

describe('CallbackError names its cause', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:41998'), { code: 'ECONNREFUSED' }),
      /Error ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:41998/,
    ],
    ['a missing region', new Error('Region is missing'), /Error: Region is missing/],
  ])('%s: in its message and in the log line', async (_label, cause, pattern) => {
    const { client, mock } = mockedChime();
    mock.on(ChannelFlowCallbackCommand).rejects(cause);
    const logger = capturingLogger();
    const error = await channelFlowProcessor(() => noChange(), { client, logger })(
      standardEvent(),
      lambdaContext(),
    ).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(CallbackError);
    expect((error as CallbackError).message).toMatch(pattern);
    const line = logger.lines.find((entry) => entry.level === 'error');
    expect(`${line?.attributes?.errorName} ${line?.attributes?.errorCode ?? ''}: ${line?.attributes?.cause}`).toMatch(
      /Error (ECONNREFUSED)?: (connect ECONNREFUSED|Region is missing)/,
    );
  });

  it('cuts quoted values out of the cause line', () => {
    const error = new CallbackError('m-1', 'c-1', new Error("Value 'my secret text' at 'content' failed"));
    expect(error.message).not.toContain('my secret text');
    expect(error.causeLine).toBe("Value '…' at '…' failed");
  });
});
