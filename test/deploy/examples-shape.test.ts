// Every example follows the same contract, so `npm start`, the bundles and the CDK app can
// pick up any examples/NAME/handler.ts: short, documented, tested, and inert at import.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../deploy/lib/app.js';
import { findExamples } from '../../deploy/lib/examples-stack.js';

const examples = findExamples(PROJECT_ROOT);
const dir = (name: string) => join(PROJECT_ROOT, 'examples', name);

describe('examples', () => {
  it.each(examples)('%s: handler.ts under 40 lines, with a README and tests beside it', (name) => {
    const lines = readFileSync(join(dir(name), 'handler.ts'), 'utf8')
      .trimEnd()
      .split('\n').length;
    expect(lines).toBeLessThan(40);
    for (const file of ['README.md', 'handler.test.ts', 'emulator.test.ts'])
      expect(existsSync(join(dir(name), file))).toBe(true);
  });

  it.each(examples)('%s: imports the package by name, as users do', (name) => {
    const source = readFileSync(join(dir(name), 'handler.ts'), 'utf8');
    expect(source).toMatch(/from 'chime-channel-flow'/);
    expect(source).not.toMatch(/from '\.\.?\//);
  });

  it.each(examples)('%s: exports `handler` and sends nothing at import', async (name) => {
    const sockets: unknown[] = [];
    const { Socket } = await import('node:net');
    const connect = Socket.prototype.connect;
    // Any connection attempted while the module loads is recorded and refused.
    Socket.prototype.connect = function recordConnect(this: InstanceType<typeof Socket>, ...args: unknown[]) {
      sockets.push(args[0]);
      process.nextTick(() => this.destroy(new Error('no I/O at import')));
      return this;
    } as typeof connect;
    try {
      const module = (await import(join(dir(name), 'handler.ts'))) as Record<string, unknown>;
      expect(typeof module.handler).toBe('function');
    } finally {
      Socket.prototype.connect = connect;
    }
    expect(sockets).toEqual([]);
  });
});
