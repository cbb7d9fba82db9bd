// The console page in Debian's Chromium (playwright-core): page weight (gzipped, as served), first render
// (navigation start to the page's `console-rendered` mark, median of 5 loads), and memory after 1,000
// messages arrive over the user's messaging session (JS heap after a forced GC, DOM nodes), plus the
// emulator-side heap the console's details add for those messages.
// Budgets (issue 13): <= 120 KB gzipped in all; first render <= 1000 ms; page heap <= 50 MB after 1,000 messages.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startEmulator } from '../src/local/emulator.js';
import { silentLogger } from '../src/logging/logger.js';
import { sampleHandler } from '../src/local/sample-processor.js';
import { LoopbackSigner } from '../src/console/signer.js';
import { createUser, joinChannel } from '../src/console/actions.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUDGET_GZIP_BYTES = 120 * 1024;
const BUDGET_FIRST_RENDER_MS = 1000;
const BUDGET_PAGE_HEAP_BYTES = 50 * 1024 * 1024;
const MESSAGES = 1000;
const LOADS = 5;

if (!existsSync(CHROMIUM)) {
  console.log(`console bench skipped: no Chromium at ${CHROMIUM}`);
  process.exit(0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// The processor logs nothing here: its lines would cost the emulator, not the page.
process.env.LOG_LEVEL = 'silent';
const emulator = await startEmulator({ console: true, logger: silentLogger, processors: { sample: sampleHandler } });
const channel = emulator.setupChannel({ processor: 'sample' });
const signer = new LoopbackSigner(emulator.endpoint, emulator.region, emulator.credentials);
const alice = await createUser(signer, channel.appInstanceArn, 'alice');
await joinChannel(signer, channel.channelArn, alice.arn, channel.bearer);

// Page weight: what a first visit downloads, gzipped.
const weights: Record<string, number> = {};
for (const path of ['', 'app.js', 'app.css']) {
  const body = Buffer.from(await (await fetch(`${emulator.consoleUrl}${path}`)).arrayBuffer());
  weights[path || 'index.html'] = gzipSync(body).length;
}
const totalGzip = Object.values(weights).reduce((a, b) => a + b, 0);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const renders: number[] = [];
for (let i = 0; i < LOADS; i++) {
  const page = await context.newPage();
  await page.goto(emulator.consoleUrl!);
  await page.waitForFunction(() => performance.getEntriesByName('console-rendered').length > 0);
  renders.push(await page.evaluate(() => performance.getEntriesByName('console-rendered')[0]!.startTime));
  await page.close();
}

const page = await context.newPage();
await page.goto(emulator.consoleUrl!);
await page.getByLabel('Sender').selectOption({ label: 'alice' });
await page.getByText('Session open as alice').waitFor();
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const heapOf = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { heap: metric('JSHeapUsedSize'), nodes: metric('Nodes') };
};
const before = await heapOf();
globalThis.gc?.();
const serverBefore = process.memoryUsage().heapUsed;

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (next < MESSAGES) {
      const n = next++;
      const answer = await signer.json(
        'POST',
        `/channels/${encodeURIComponent(channel.channelArn)}/messages`,
        {},
        {
          Content: `message ${n}: well darn it`,
          Type: 'STANDARD',
          Persistence: 'PERSISTENT',
          ClientRequestToken: `bench-${n}-${Date.now()}`,
        },
        { 'x-amz-chime-bearer': alice.arn },
      );
      if (answer.status !== 201) throw new Error(`send failed: ${answer.status}`);
    }
  }),
);
const sentMs = performance.now() - started;
await page.waitForFunction(
  `document.querySelectorAll('ul[aria-label="Conversation"] li[data-status="SENT"]').length >= ${MESSAGES}`,
  undefined,
  { timeout: 120_000, polling: 250 },
);
const allShownMs = performance.now() - started;
const after = await heapOf();
globalThis.gc?.();
const serverAfter = process.memoryUsage().heapUsed;

await browser.close();
await emulator.close();

const chromiumVersion = browser.version();
const renderMs = median(renders);
console.log(`console page, Chromium ${chromiumVersion}, Node ${process.version}`);
console.log(
  `page weight (gzipped): ${Object.entries(weights)
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', ')}`,
);
console.log(
  `first render (median of ${LOADS}): ${renderMs.toFixed(0)} ms  [${renders.map((r) => r.toFixed(0)).join(', ')}]`,
);
console.log(
  `${MESSAGES} messages (10 senders) sent in ${(sentMs / 1000).toFixed(1)} s, all shown SENT in ${(allShownMs / 1000).toFixed(1)} s; page JS heap ${mb(before.heap)} -> ${mb(after.heap)}, DOM nodes ${before.nodes} -> ${after.nodes}; emulator heap +${mb(serverAfter - serverBefore)}`,
);
const checks: Array<[boolean, string]> = [
  [totalGzip <= BUDGET_GZIP_BYTES, `page weight ${kb(totalGzip)} gzipped (budget <= ${kb(BUDGET_GZIP_BYTES)})`],
  [
    renderMs <= BUDGET_FIRST_RENDER_MS,
    `first render ${renderMs.toFixed(0)} ms (budget <= ${BUDGET_FIRST_RENDER_MS} ms)`,
  ],
  [
    after.heap <= BUDGET_PAGE_HEAP_BYTES,
    `page heap after ${MESSAGES} messages ${mb(after.heap)} (budget <= ${mb(BUDGET_PAGE_HEAP_BYTES)})`,
  ],
];
for (const [ok, text] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${text}`);
if (checks.some(([ok]) => !ok)) process.exitCode = 1;
