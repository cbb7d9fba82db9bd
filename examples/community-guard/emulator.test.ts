// End to end through the local emulator: send -> status -> delivered content.
import { describe, expect, it } from '@jest/globals';
import { useEmulatedExample } from '../../test/deploy/emulator-harness.js';

const run = useEmulatedExample('community-guard');

describe('community-guard through the emulator', () => {
  it('delivers an ordinary message with a trusted link', async () => {
    const content = 'docs: https://docs.aws.amazon.com/chime-sdk/latest/dg/using-channel-flows.html';
    const { status, delivered } = await run.send(content);
    expect(status).toBe('SENT');
    expect(delivered?.Content).toBe(content);
  });

  it('denies a scam message: it is never delivered nor stored', async () => {
    const { outcome, status, delivered } = await run.send(
      'claim your FREE CRYPTO airdrop at https://totally-legit-deals.example',
    );
    expect(outcome).toMatchObject({ status: 'DENIED', decision: 'deny' });
    expect(['DENIED', 'NotFound']).toContain(status);
    expect(delivered).toBeUndefined();
  });

  it('delivers profanity masked', async () => {
    const { status, delivered } = await run.send('that build was shit, rerunning');
    expect(status).toBe('SENT');
    expect(delivered?.Content).not.toMatch(/shit/i);
  });
});
