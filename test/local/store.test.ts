import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/local/state/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Store journal', () => {
  it('folds the journal into the snapshot in the background and reloads everything acknowledged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccf-store-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    const store = new Store(file, 2_000);
    for (let i = 0; i < 200; i++) {
      store.setToken(`token-${i}`, `value-${i}`);
      if (i % 10 === 9) await store.durable();
    }
    await store.durable();
    // Let a running compaction finish: the snapshot lands, older journals go.
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(file)).toBe(true);

    // A crash now (no flush): the snapshot plus the journals that continue it hold every token.
    const reloaded = new Store(file);
    expect(reloaded.tokens.size).toBe(200);
    expect(reloaded.tokens.get('token-199')).toBe('value-199');
    expect(readdirSync(dir).filter((name) => name.includes('.journal.')).length).toBeLessThanOrEqual(1);
    await reloaded.flush();
    await store.flush();
  });
});
