// End to end through the local emulator: send -> status -> delivered content.
import { describe, expect, it } from '@jest/globals';
import { useEmulatedExample } from '../../test/deploy/emulator-harness.js';

const run = useEmulatedExample('pii-redact');

describe('pii-redact through the emulator', () => {
  it('delivers the message with the email replaced by a label and the metadata annotated', async () => {
    const { status, delivered } = await run.send('write to zelda.quixote@example.com today', '{"thread":"t-1"}');
    expect(status).toBe('SENT');
    expect(delivered?.Content).toMatch(/^write to \[[A-Z_]+\] today$/);
    const metadata = JSON.parse(delivered?.Metadata ?? '{}') as Record<string, unknown>;
    expect(metadata.thread).toBe('t-1');
    expect(JSON.stringify(metadata)).toContain('pii');
  });

  it('delivers a message without personal data as written', async () => {
    const { status, delivered } = await run.send('the release is on Thursday');
    expect(status).toBe('SENT');
    expect(delivered?.Content).toBe('the release is on Thursday');
  });
});
