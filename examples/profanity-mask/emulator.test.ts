// End to end through the local emulator: send -> status -> delivered content.
import { describe, expect, it } from '@jest/globals';
import { useEmulatedExample } from '../../test/deploy/emulator-harness.js';

const run = useEmulatedExample('profanity-mask');

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
