// The smaller, in-suite twin of `npm run bench -- reliability` (50 senders x 40 messages): the
// emulator under every fault at once, then the CLI SIGKILLed mid-load and restarted with --state.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOAD_PROCESSOR, sendLoad, settle, startCli } from '../../bench/fixtures/reliability-harness.js';
import { clientFor, startQuietEmulator } from './helpers.js';

const FAULTS = 'throttle=0.3,unavailable=0.2,reset=0.1,duplicate=0.5,latency=50ms';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe(`the emulator CLI under --faults ${FAULTS}`, () => {
  it('leaves no message PENDING (10 senders x 8 messages, the processor isolated in its worker)', async () => {
    // In process (the CLI's boot is covered below); the processor still runs from its path, in a worker.
    const emulator = await startQuietEmulator({
      faults: FAULTS,
      processors: { mask: LOAD_PROCESSOR },
      functionTimeoutMs: 3000,
      retryDelaysMs: [50, 100],
    });
    const client = clientFor(emulator, { maxAttempts: 3 });
    const channel = emulator.setupChannel({ processor: 'mask' });
    try {
      const target = { client, channelArn: channel.channelArn, bearer: channel.bearer };
      const { acknowledged } = await sendLoad(target, { senders: 10, perSender: 8 });
      expect(acknowledged).toHaveLength(80);
      const result = await settle(target, acknowledged, 30_000);
      expect({ pending: result.pending.length, missing: result.missing.length }).toEqual({ pending: 0, missing: 0 });
    } finally {
      client.destroy();
      await emulator.close();
    }
  }, 45_000);

  it('SIGKILLed mid-load and restarted with --state: no acknowledged message lost, none left PENDING', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccf-reliability-'));
    dirs.push(dir);
    const state = join(dir, 'state.json');
    const first = await startCli({ faults: FAULTS, state });
    const { acknowledged } = await sendLoad(first, {
      senders: 8,
      perSender: 8,
      stopOnError: true,
      onAck: (count) => {
        if (count === 32) first.child.kill('SIGKILL');
      },
    });
    await first.exited;
    first.client.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(32);

    const second = await startCli({ faults: FAULTS, state });
    try {
      const result = await settle(second, acknowledged, 30_000);
      expect({ pending: result.pending.length, lost: result.missing.length }).toEqual({ pending: 0, lost: 0 });
    } finally {
      await second.stop();
    }
  }, 60_000);
});
