// `npm run bench -- reliability`: the emulator CLI under every fault at once (issue 9's "done when"):
// 50 senders x 40 messages; then the same with --state, SIGKILLed mid-load and restarted.
// PASS when no message stays PENDING and no acknowledged message is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendLoad, settle, startCli } from './fixtures/reliability-harness.js';

const FAULTS = 'throttle=0.3,unavailable=0.2,reset=0.1,duplicate=0.5,latency=50ms';
const SENDERS = Number(process.env.RELIABILITY_SENDERS ?? 50);
const PER_SENDER = Number(process.env.RELIABILITY_PER_SENDER ?? 40);
const SETTLE_MS = Number(process.env.RELIABILITY_SETTLE_MS ?? 180_000);
let failures = 0;

function verdict(name: string, ok: boolean, detail: string): void {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
}

{
  const cli = await startCli({ faults: FAULTS });
  const started = Date.now();
  const { acknowledged, failed } = await sendLoad(cli, { senders: SENDERS, perSender: PER_SENDER });
  const sentMs = Date.now() - started;
  const result = await settle(cli, acknowledged, SETTLE_MS);
  const stopping = /stopping: .*/.exec(await cli.stop())?.[0] ?? '';
  verdict(
    `faults ${FAULTS}, ${SENDERS} x ${PER_SENDER}`,
    result.pending.length === 0 && result.missing.length === 0 && acknowledged.length === SENDERS * PER_SENDER,
    `${acknowledged.length} acknowledged (${failed} sends failed) in ${sentMs} ms; settled in ${result.settledMs} ms; ` +
      `${JSON.stringify(result.byStatus)}; PENDING ${result.pending.length}; missing ${result.missing.length}; emulator: ${stopping}`,
  );
}

{
  const dir = mkdtempSync(join(tmpdir(), 'ccf-reliability-'));
  const state = join(dir, 'state.json');
  try {
    const first = await startCli({ faults: FAULTS, state });
    const killAt = Math.floor((SENDERS * PER_SENDER) / 2);
    const { acknowledged } = await sendLoad(first, {
      senders: SENDERS,
      perSender: PER_SENDER,
      stopOnError: true,
      onAck: (count) => {
        if (count === killAt) first.child.kill('SIGKILL');
      },
    });
    await first.exited;
    first.client.destroy();
    const second = await startCli({ faults: FAULTS, state });
    const result = await settle(second, acknowledged, SETTLE_MS);
    const stopping = /stopping: .*/.exec(await second.stop())?.[0] ?? '';
    verdict(
      `faults + SIGKILL at ${killAt} acknowledged + restart with --state`,
      result.pending.length === 0 && result.missing.length === 0,
      `${acknowledged.length} acknowledged before the kill; after restart settled in ${result.settledMs} ms; ` +
        `${JSON.stringify(result.byStatus)}; PENDING ${result.pending.length}; lost ${result.missing.length}; emulator: ${stopping}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (failures > 0) process.exit(1);
