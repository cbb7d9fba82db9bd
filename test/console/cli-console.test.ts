// `chime-channel-flow emulator` serves the console and prints its address; --no-console turns it off.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the CLI, resolves with its banner once it is listening, then stops it. */
async function banner(args: string[]): Promise<{ text: string; consoleStatus: number }> {
  const child = spawn(process.execPath, ['--import', './scripts/register-ts.mjs', 'src/cli.ts', 'emulator', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${text}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (text.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('close', () => reject(new Error(`exited: ${text}`)));
    });
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    const consoleStatus = (await fetch(`${endpoint}/console/`)).status;
    return { text, consoleStatus };
  } finally {
    child.kill('SIGTERM');
  }
}

describe('emulator command and the console', () => {
  it('serves the console by default and prints its URL', async () => {
    const { text, consoleStatus } = await banner([]);
    expect(text).toMatch(/Console: http:\/\/127\.0\.0\.1:\d+\/console\//);
    expect(consoleStatus).toBe(200);
  });

  it('--no-console serves the API only', async () => {
    const { text, consoleStatus } = await banner(['--no-console']);
    expect(text).not.toContain('Console:');
    expect(consoleStatus).not.toBe(200);
  });
});
