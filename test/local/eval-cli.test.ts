// `chime-channel-flow eval`: the CLI end to end, in a child process, against labelled files.
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { channelFlowProcessor } from '../../src/index.js';
import { callbackAccepted, channelFlowEvent, fakeChimeTransport, lambdaContext } from '../../src/testing/index.js';
import { moderation } from './fixtures/eval-processor.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROCESSOR = 'test/local/fixtures/eval-processor.ts';
const JSONL = 'test/fixtures/eval/chat.jsonl';

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', 'src/cli.ts', 'eval', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** The confusion counts computed here, without the eval module: the same rules, a fake transport, a plain loop. */
async function independentCounts(file: string) {
  const transport = fakeChimeTransport(callbackAccepted);
  const client = new ChimeSDKMessagingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    requestHandler: transport,
  });
  const handler = channelFlowProcessor(moderation, {
    client,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const counts = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (const raw of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    if (raw.trim() === '') continue;
    const { text, flag } = JSON.parse(raw) as { text: string; flag: boolean };
    const sent = transport.requests.length;
    await handler(channelFlowEvent({ Content: text }), lambdaContext());
    const body = transport.requests[sent]!.body as { DeleteResource: boolean; ChannelMessage: { Content?: string } };
    const flagged = body.DeleteResource || body.ChannelMessage.Content !== text;
    if (flagged && flag) counts.truePositives++;
    else if (flagged) counts.falsePositives++;
    else if (flag) counts.falseNegatives++;
    else counts.trueNegatives++;
  }
  return counts;
}

describe('chime-channel-flow eval', () => {
  it('--json gives the exact confusion counts, computed here independently', async () => {
    const [run, expected] = await Promise.all([
      cli(['--processor', PROCESSOR, JSONL, '--json']),
      independentCounts(JSONL),
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report).toMatchObject({ total: 10, ...expected });
    const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = expected;
    expect(report.precision).toBeCloseTo(tp / (tp + fp));
    expect(report.recall).toBeCloseTo(tp / (tp + fn));
    expect(report.falsePositiveRate).toBeCloseTo(fp / (fp + tn));
    // The one line no rule can catch is listed with its line number.
    expect(report.misclassified).toContainEqual(expect.objectContaining({ line: 11, flag: true, action: 'noChange' }));
    expect(report.rules.keywords).toEqual({ flagged: 1, truePositives: 1, falsePositives: 0 });
    expect(report.messagesPerSecond).toBeGreaterThan(0);
  });

  it('exits 1 when --min-recall or --max-fpr is missed, and prints the text report', async () => {
    const run = await cli(['--processor', PROCESSOR, JSONL, '--min-recall', '0.99', '--max-fpr', '0.5']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/threshold missed: recall 0\.\d+ < 0\.99/);
    expect(run.out).toMatch(/precision +\d\.\d{3}/);
    expect(run.out).toMatch(/labelled flag +TP \d+ +FN 1/);
    expect(run.out).toMatch(/messages\/s/);
  });

  it('names every bad line by number and exits non-zero; reads quoted CSV; keeps --json clean of processor output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"fine","flag":false}\n{"text":"oops","flag":"maybe"}\n\nnot json at all\n');
    const [broken, csv] = await Promise.all([
      cli(['--processor', PROCESSOR, bad]),
      cli(['--processor', `${PROCESSOR}#chatty`, 'test/fixtures/eval/quoted.csv', '--json']),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/line 2: "flag" must be true or false/);
    expect(broken.err).toMatch(/line 4: not valid JSON/);
    expect(broken.err).not.toContain('not json at all');
    expect(csv.code).toBe(0);
    const report = JSON.parse(csv.out);
    expect(report).toMatchObject({
      total: 4,
      truePositives: 2,
      falsePositives: 0,
      trueNegatives: 2,
      falseNegatives: 0,
    });
    expect(csv.err).toContain('processing');
  });

  it('counts a processor that fails without a callback as noCallback; refuses other file types (exit 2)', async () => {
    const [failing, wrongType] = await Promise.all([
      cli(['--processor', `${PROCESSOR}#failing`, JSONL, '--json']),
      cli(['--processor', PROCESSOR, 'notes.txt']),
    ]);
    const report = JSON.parse(failing.out);
    expect(report.actions.noCallback).toBe(10);
    expect(report.truePositives + report.falsePositives).toBe(0);
    expect(wrongType.code).toBe(2);
    expect(wrongType.err).toMatch(/\.jsonl or \.csv/);
  });
});
