import { afterEach, describe, expect, it } from '@jest/globals';
import { SendChannelMessageCommand } from '@aws-sdk/client-chime-sdk-messaging';
import type { Logger } from '../../src/logging/logger.js';
import { EmulatorConfigError, startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { clientFor, startQuietEmulator } from './helpers.js';

// Starting and stopping the emulator as a test suite does: a taken port is a config error, the
// AWS_* variables it exports are put back as they were on close, and close is safe to call twice.
const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

describe('emulator lifecycle', () => {
  it('refuses a port that is already taken with an EmulatorConfigError naming the port', async () => {
    // Prepare
    const first = await startQuietEmulator();
    started.push(first);
    // Act
    const error = await startQuietEmulator({ port: first.port }).then(
      (second) => {
        started.push(second);
        throw new Error('the second emulator started on a taken port');
      },
      (e: unknown) => e as EmulatorConfigError,
    );
    // Assess
    expect(error).toBeInstanceOf(EmulatorConfigError);
    expect(error.option).toBe('port');
    expect(error.message).toContain(`cannot listen on 127.0.0.1:${first.port}`);
  });

  it('exports its endpoint and credentials while running and restores the environment on close', async () => {
    // Prepare: one variable set before, one unset
    const saved = { region: process.env.AWS_REGION, endpoint: process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING };
    process.env.AWS_REGION = 'ap-south-1';
    delete process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING;
    try {
      // Act
      const emulator = await startQuietEmulator({ region: 'eu-central-1' });
      const whileRunning = {
        region: process.env.AWS_REGION,
        endpoint: process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING,
      };
      await emulator.close();
      await emulator.close();
      // Assess
      expect(whileRunning).toEqual({ region: 'eu-central-1', endpoint: emulator.endpoint });
      expect(process.env.AWS_REGION).toBe('ap-south-1');
      expect('AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING' in process.env).toBe(false);
    } finally {
      if (saved.region === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved.region;
      if (saved.endpoint !== undefined) process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING = saved.endpoint;
    }
  });

  it('leaves the environment alone with exportEnv: false', async () => {
    // Prepare
    const before = process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING;
    // Act
    const emulator = await startQuietEmulator({ exportEnv: false });
    started.push(emulator);
    // Assess
    expect(process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING).toBe(before);
    expect(emulator.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING).toBe(emulator.endpoint);
  });

  it('logs JSON lines to stderr by default, saying it listens without printing any secret', async () => {
    // Prepare: capture stderr while the emulator starts and stops
    const lines: string[] = [];
    const realErr = process.stderr.write;
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      // Act
      const emulator = await startEmulator({ exportEnv: false });
      await emulator.close();
    } finally {
      process.stderr.write = realErr;
    }
    // Assess
    const listening = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((l) => l.message === 'emulator listening');
    expect(listening).toMatchObject({ level: 'INFO', service: 'chime-channel-flow-emulator', credentials: 'any key' });
    expect(lines.join('')).not.toMatch(/secretAccessKey|"test"/);
  });

  it('warns when it closes with a processor invocation still running', async () => {
    // Prepare: a processor that never settles, so its invocation is still running at close
    const warnings: Array<[string, Record<string, unknown> | undefined]> = [];
    const logger: Logger = { debug() {}, info() {}, warn: (m, f) => void warnings.push([m, f]), error() {} };
    const emulator = await startQuietEmulator({
      logger,
      functionTimeoutMs: 10_000,
      processors: { hangs: () => new Promise(() => {}) },
    });
    const client = clientFor(emulator);
    const { channelArn, bearer } = emulator.setupChannel({ processor: 'hangs' });
    const sent = await client.send(
      new SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: bearer,
        Content: 'x',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
      }),
    );
    await emulator.waitForPendingEvent(sent.MessageId!);
    client.destroy();
    // Act
    await emulator.close(50);
    // Assess
    expect(warnings).toContainEqual(['closing with processor invocations still running', { inFlight: 1 }]);
  });
});
