// The package's defaults follow the Powertools environment variables, so one setting drives both.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { channelFlowProcessor, createJsonLogger, noChange } from 'chime-channel-flow';
import { channelFlowEvent, lambdaContext } from 'chime-channel-flow/testing';
import { mockedChime } from '../core/harness.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('Powertools environment variables', () => {
  it('POWERTOOLS_SERVICE_NAME names the service on the default logger and in the EMF Service dimension', async () => {
    // Prepare
    process.env.POWERTOOLS_SERVICE_NAME = 'moderator';
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'moderator-fn';
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    const { client } = mockedChime();
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    // Act
    try {
      await channelFlowProcessor(() => noChange(), { client, metrics: true })(channelFlowEvent(), lambdaContext());
    } finally {
      spy.mockRestore();
    }
    // Assess
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const emf = records.find((record) => '_aws' in record);
    const log = records.find((record) => record.message === 'ChannelFlowCallback sent');
    expect(emf).toMatchObject({ Service: 'moderator' });
    // A routine noChange is logged at debug: POWERTOOLS_LOG_LEVEL=DEBUG lets it through.
    expect(log).toMatchObject({ level: 'DEBUG', service: 'moderator' });
  });

  it.each([
    ['POWERTOOLS_LOG_LEVEL', 'ERROR', { POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'debug' }],
    ['Powertools CRITICAL as error', 'CRITICAL', { POWERTOOLS_LOG_LEVEL: 'CRITICAL' }],
    ['LOG_LEVEL when POWERTOOLS_LOG_LEVEL is unset', 'error', { LOG_LEVEL: 'error' }],
  ])('the default logger reads %s', (_label, _level, env) => {
    // Prepare
    delete process.env.POWERTOOLS_LOG_LEVEL;
    delete process.env.LOG_LEVEL;
    Object.assign(process.env, env);
    const lines: string[] = [];
    // Act
    const logger = createJsonLogger({ sink: (line) => lines.push(line) });
    logger.warn('dropped');
    logger.error('kept');
    // Assess
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual(['kept']);
  });
});
