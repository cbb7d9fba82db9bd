// The console in a real browser: Debian's Chromium driven by playwright-core. Two users' views of one
// conversation, the details panel, the policy lab, keyboard-only use, an axe-core scan, and no request
// leaving 127.0.0.1. Screenshots go to .scratch/screenshots/ (gitignored) for a reviewer to look at.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmulator } from '../../src/local/index.js';
import type { Emulator } from '../../src/local/index.js';
import { silentLogger } from '../../src/logging/logger.js';
import { sampleHandler } from '../../src/local/sample-processor.js';
import { LoopbackSigner } from '../../src/console/signer.js';
import { createUser, joinChannel } from '../../src/console/actions.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), '.scratch', 'screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`console browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const maybe = hasChromium ? describe : describe.skip;

const WAIT = { timeout: 5000 } as const;

maybe('console in Chromium', () => {
  let emulator: Emulator;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const contexts: BrowserContext[] = [];
  const requested: string[] = [];

  const messages = (page: Page) => page.getByRole('list', { name: 'Conversation' }).getByRole('listitem');
  const item = (page: Page, text: string, status?: string) => {
    const found = messages(page).filter({ hasText: text });
    return status ? found.filter({ hasText: status }) : found;
  };
  async function send(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
    await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
  }
  async function open(userName: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('websocket', (socket) => requested.push(socket.url()));
    await page.goto(emulator.consoleUrl!);
    await page.getByLabel('Sender').selectOption({ label: userName });
    await page.getByText(`Session open as ${userName}`).waitFor(WAIT);
    return page;
  }
  async function axeViolations(page: Page): Promise<string[]> {
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // Evaluated through the DevTools protocol (once per page): the page's CSP (no inline scripts) stays on.
    if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(source);
    const result = (await page.evaluate(
      'axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })',
    )) as {
      violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    emulator = await startEmulator({
      console: true,
      logger: silentLogger,
      functionTimeoutMs: 500,
      retryDelaysMs: [5],
      stuckAfterMs: 1500,
      processors: {
        sample: sampleHandler,
        // Runs and returns without calling back: the message stays PENDING, then shows STUCK.
        silent: async () => ({ answered: false }),
      },
    });
    const channels = [
      emulator.setupChannel({ processor: 'sample' }),
      emulator.setupChannel({ processor: 'silent' }),
      // Mapped to nothing: the service cannot invoke it, FallbackAction ABORT marks the message FAILED.
      emulator.setupChannel({ processor: 'unmapped', fallbackAction: 'ABORT' }),
    ];
    const signer = new LoopbackSigner(emulator.endpoint, emulator.region, emulator.credentials);
    for (const name of ['alice', 'bob']) {
      const user = await createUser(signer, channels[0]!.appInstanceArn, name);
      for (const channel of channels) await joinChannel(signer, channel.channelArn, user.arn, channel.bearer);
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
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
    alice = await open('alice');
    bob = await open('bob');
  }, 30_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await emulator?.close();
  });

  it('shows the update, the deny, the processor failure and the edit in both users views', async () => {
    await send(alice, 'well darn it');
    await item(alice, 'well **** it', 'SENT').waitFor(WAIT);
    await item(bob, 'well **** it', 'SENT').waitFor(WAIT);

    await send(alice, 'buy now: cheap watches');
    await item(alice, 'buy now: cheap watches', 'DENIED').waitFor(WAIT);
    // The sample processor throws on "crash"; its error policy (allow) delivers the message as written.
    await send(alice, 'please crash now');
    await item(alice, 'please crash now', 'SENT').waitFor(WAIT);
    await item(bob, 'please crash now', 'SENT').waitFor(WAIT);
    // Bob got the message sent after the denied one, and never the denied one.
    expect(await item(bob, 'buy now').count()).toBe(0);

    await item(alice, 'well **** it').getByRole('button').click();
    await alice.getByRole('textbox', { name: 'Edit message' }).fill('darn, edited');
    await alice.getByRole('button', { name: 'Save edit' }).click();
    await item(alice, '****, edited', 'SENT').filter({ hasText: 'edited' }).waitFor(WAIT);
    await item(bob, '****, edited', 'SENT').waitFor(WAIT);
    // The panel follows the edit's own pass through the flow.
    await alice
      .getByRole('complementary', { name: 'Details' })
      .getByText('darn, edited', { exact: true })
      .waitFor(WAIT);
    await alice.screenshot({ path: join(SHOTS, 'conversation.png'), fullPage: true });
  });

  it('redacts a sent message in both views', async () => {
    await send(alice, 'redact me later');
    await item(bob, 'redact me later', 'SENT').waitFor(WAIT);
    await item(alice, 'redact me later').getByRole('button').click();
    await alice.getByRole('button', { name: 'Redact', exact: true }).click();
    await item(alice, '(redacted)').waitFor(WAIT);
    await item(bob, '(redacted)').waitFor(WAIT);
    expect(await item(bob, 'redact me later').count()).toBe(0);
  });

  it('shows FAILED when the processor cannot be invoked and STUCK when it never calls back, to the sender only', async () => {
    await alice.getByRole('button', { name: /unmapped-channel/ }).click();
    await send(alice, 'is anyone mapped');
    await item(alice, 'is anyone mapped', 'FAILED').waitFor(WAIT);
    await alice.getByRole('button', { name: /silent-channel/ }).click();
    await send(alice, 'hello silence');
    await item(alice, 'hello silence', 'STUCK').waitFor(WAIT);
    await bob.getByRole('button', { name: /unmapped-channel/ }).click();
    expect(await messages(bob).filter({ hasText: 'is anyone mapped' }).count()).toBe(0);
    await alice.getByRole('button', { name: /sample-channel/ }).click();
    await bob.getByRole('button', { name: /sample-channel/ }).click();
  });

  it('details panel: original and delivered text with the change marked, decision, rule, latencies, logs, raw event and callback input', async () => {
    await item(alice, 'please crash now').getByRole('button').click();
    const panel = alice.getByRole('complementary', { name: 'Details' });
    await panel.getByText('Decided by').waitFor(WAIT);
    await expect(panel.locator('dd').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['policy', 'noChange']),
    );

    await item(alice, 'buy now: cheap watches').getByRole('button').click();
    await panel.getByText('sample-spam', { exact: true }).waitFor(WAIT);

    await send(alice, 'darn this darn build');
    await item(alice, '**** this **** build', 'SENT').getByRole('button').click();
    await panel.locator('del', { hasText: 'darn' }).first().waitFor(WAIT);
    await panel.locator('ins', { hasText: '****' }).first().waitFor(WAIT);
    const facts = await panel.locator('dd').allTextContents();
    expect(facts).toEqual(expect.arrayContaining(['SENT', 'update', 'processor', 'sample-mask']));
    expect(facts.some((fact) => /^\d+ ms$/.test(fact))).toBe(true);
    await expect(panel.getByRole('heading', { name: /Log lines \([1-9]/ }).count()).resolves.toBe(1);
    await panel.getByText('Invocation event').click();
    await panel.getByText('"CallbackId"').first().waitFor(WAIT);
    await panel.getByText('Callback input').click();
    await panel.getByText('"DeleteResource"').waitFor(WAIT);
    await alice.screenshot({ path: join(SHOTS, 'details.png'), fullPage: true });
  });

  it('policy lab runs a labelled file through the flow: table, precision, recall, confusion matrix, misclassified first', async () => {
    await alice.getByRole('button', { name: 'Policy lab' }).click();
    const file = [
      { text: 'well darn it', flag: true },
      { text: 'buy now cheap', flag: true },
      { text: 'good morning', flag: false },
      { text: 'what the heck', flag: true },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    await alice.getByLabel('Or load a .txt or .jsonl file').setInputFiles({
      name: 'labels.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(file),
    });
    await alice.getByLabel('Processor').selectOption('sample');
    await alice.getByRole('button', { name: 'Run', exact: true }).click();
    const rows = alice.locator('.lab-table tbody tr');
    await rows.nth(3).waitFor(WAIT);
    await expect(rows.first().textContent()).resolves.toContain('what the heck');
    await expect(rows.first().textContent()).resolves.toContain('misclassified');
    const tiles = await alice.locator('.lab .tiles dd').allTextContents();
    expect(tiles).toEqual(['100.0%', '66.7%', '1']);
    await alice.getByRole('table', { name: 'Confusion matrix' }).getByText('2 (TP)').waitFor(WAIT);
    await alice.screenshot({ path: join(SHOTS, 'lab.png'), fullPage: true });

    await alice.getByRole('button', { name: 'Summary' }).click();
    await alice.getByRole('img', { name: /Outcomes over time/ }).waitFor(WAIT);
    await alice.screenshot({ path: join(SHOTS, 'summary.png'), fullPage: true });
    await alice.getByRole('button', { name: 'Conversation' }).click();
  });

  it('works with the keyboard alone: Enter sends, Tab reaches a message, Enter opens its details', async () => {
    const page = await open('bob');
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    await page.getByRole('button', { name: /sample-channel/ }).focus();
    await page.keyboard.press('Enter');
    const focusedLabel = () => page.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""');
    for (let i = 0; i < 10 && (await focusedLabel()) !== 'Message'; i++) await page.keyboard.press('Tab');
    await box.waitFor(WAIT);
    await page.keyboard.type('typed with the keyboard');
    await page.keyboard.press('Enter');
    await item(page, 'typed with the keyboard', 'SENT').waitFor(WAIT);
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab');
      const onMessage = await page.evaluate('document.activeElement?.classList.contains("message-button") === true');
      if (onMessage) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Details' }).getByText('Original').waitFor(WAIT);
  });

  it('has no serious or critical accessibility violations (axe-core), in light and dark mode', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await alice.emulateMedia({ colorScheme });
      expect(await axeViolations(alice)).toEqual([]);
      await alice.getByRole('button', { name: 'Policy lab' }).click();
      expect(await axeViolations(alice)).toEqual([]);
      await alice.getByRole('button', { name: 'Summary' }).click();
      expect(await axeViolations(alice)).toEqual([]);
      await alice.getByRole('button', { name: 'Conversation' }).click();
    }
    await alice.screenshot({ path: join(SHOTS, 'conversation-dark.png'), fullPage: true });
  });

  it('sends no request anywhere but 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(5);
    const hosts = new Set(requested.map((url) => new URL(url).hostname));
    expect([...hosts]).toEqual(['127.0.0.1']);
  });
});
