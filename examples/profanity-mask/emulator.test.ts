// End to end through the local emulator: send -> status -> delivered content.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { emulateExample } from '../../test/deploy/emulator-harness.js';
import type { EmulatedExample } from '../../test/deploy/emulator-harness.js';

let run: EmulatedExample;
beforeAll(async () => {
  run = await emulateExample('profanity-mask');
});
afterAll(async () => {
  await run?.close();
});

describe('profanity-mask through the emulator', () => {
  it('delivers the message with the profanity masked', async () => {
    const { status, delivered, outcome } = await run.send('this plan is bullshit, honestly');
    expect(outcome).toMatchObject({ status: 'SENT', decision: 'update' });
    expect(status).toBe('SENT');
    expect(delivered?.Content).not.toMatch(/bullshit/i);
    expect(delivered?.Content).toMatch(/^this plan is .+, honestly$/);
  });

  it('delivers a clean message as written', async () => {
    const { status, delivered } = await run.send('see you at the standup');
    expect(status).toBe('SENT');
    expect(delivered?.Content).toBe('see you at the standup');
  });
});
