// The bundles Lambda would run: built by the real esbuild.config.mjs, each one loaded in a
// fresh Node process (as a cold Lambda container) and driven by the local emulator.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  ChimeSDKMessagingClient,
  GetChannelMessageCommand,
  SendChannelMessageCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { findExamples } from '../../deploy/lib/examples-stack.js';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUDGET_BYTES = 450 * 1024;
const examples = findExamples(ROOT);

/** Runs the bundle's handler once in a child process, with the emulator's environment, like a cold Lambda. */
const CHILD = `
const { handler } = await import(process.env.BUNDLE);
const event = JSON.parse(process.env.EVENT);
const deadline = Date.now() + 4000;
const summary = await handler(event, { functionName: 'bundle', awsRequestId: 'r-1', getRemainingTimeInMillis: () => deadline - Date.now() });
process.stdout.write(JSON.stringify(summary));
`;

let emulator: Emulator;
let client: ChimeSDKMessagingClient;
// examples/NAME/local.ts starts what an example needs on this machine (exactly-once: DynamoDB on dynalite).
const locals: Array<{ env: Record<string, string>; close: () => Promise<void> }> = [];
const localEnv = () => Object.assign({}, ...locals.map((local) => local.env)) as Record<string, string>;

beforeAll(async () => {
  await run(process.execPath, ['esbuild.config.mjs', '--examples-only'], { cwd: ROOT });
  for (const name of examples.filter((example) => existsSync(join(ROOT, 'examples', example, 'local.ts')))) {
    const { prepareLocal } = (await import(join(ROOT, 'examples', name, 'local.ts'))) as {
      prepareLocal: () => Promise<{ env: Record<string, string>; close: () => Promise<void> }>;
    };
    locals.push(await prepareLocal());
  }
  emulator = await startEmulator({ logger: silentLogger, functionTimeoutMs: 6000, retryDelaysMs: [] });
  client = new ChimeSDKMessagingClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
  for (const local of locals) await local.close();
});

describe('example bundles', () => {
  it.each(examples)('%s: one ESM file within the budget, the SDK inside, with its metafile', (name) => {
    const file = join(ROOT, 'dist', 'examples', name, 'index.mjs');
    expect(statSync(file).size).toBeLessThanOrEqual(BUDGET_BYTES);
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/from\s*["']@(aws-sdk|smithy)\//);
    expect(source).not.toMatch(/from\s*["']chime-channel-flow/);
    // Anything left outside the bundle (other than Node built-ins) may only be reached by a
    // dynamic import: a static one would have to resolve before the handler even loads.
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'examples', name, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
    };
    const outside = Object.values(meta.outputs).flatMap((output) =>
      output.imports.filter((i) => i.external && !i.path.startsWith('node:')),
    );
    expect(outside.filter((i) => i.kind !== 'dynamic-import')).toEqual([]);
  });

  it.each(examples)(
    '%s: the bundle answers a message through the emulator from a fresh process',
    async (name) => {
      const bundle = join(ROOT, 'dist', 'examples', name, 'index.mjs');
      emulator.addProcessor(`bundle-${name}`, async (event) => {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD], {
          env: {
            ...process.env,
            ...emulator.env,
            ...localEnv(),
            BUNDLE: bundle,
            EVENT: JSON.stringify(event),
            LOG_LEVEL: 'silent',
            // ai-toxicity: no Comprehend here; an unreachable endpoint fails fast and the example fails open.
            AWS_ENDPOINT_URL_COMPREHEND: 'http://127.0.0.1:9',
          },
        });
        return JSON.parse(stdout) as unknown;
      });
      const { channelArn, bearer } = emulator.setupChannel({ processor: `bundle-${name}` });
      const content = 'see you at the standup';
      const sent = await client.send(
        new SendChannelMessageCommand({
          ChannelArn: channelArn,
          ChimeBearer: bearer,
          Content: content,
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
        }),
      );
      const outcome = await emulator.waitForOutcome(channelArn, sent.MessageId!, 15_000);
      expect(outcome).toMatchObject({ status: 'SENT', decision: 'noChange' });
      const stored = await client.send(
        new GetChannelMessageCommand({ ChannelArn: channelArn, MessageId: sent.MessageId!, ChimeBearer: bearer }),
      );
      expect(stored.ChannelMessage?.Content).toBe(content);
    },
    30_000,
  );
});
