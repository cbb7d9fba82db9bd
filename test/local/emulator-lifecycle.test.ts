import { afterEach, describe, expect, it } from '@jest/globals';
import { EmulatorConfigError } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { startQuietEmulator } from './helpers.js';

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
});
