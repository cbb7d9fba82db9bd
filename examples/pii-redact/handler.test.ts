import { beforeEach, describe, expect, it } from '@jest/globals';
import { runExample, stubCallbacks } from '../../test/deploy/example-harness.js';
import { handler } from './handler.js';

const messaging = stubCallbacks();
beforeEach(() => {
  messaging.resetHistory();
});

const EMAIL = 'zelda.quixote@example.com';
const PHONE = '+1 206 555 0142';

describe('pii-redact example', () => {
  it('replaces an email and a phone number with labels, and logs neither', async () => {
    const { summary, callback, logs } = await runExample(handler, messaging, {
      Content: `mail me at ${EMAIL} or call ${PHONE} tomorrow`,
      Metadata: '',
    });
    expect(summary.action).toBe('update');
    const content = callback.ChannelMessage?.Content ?? '';
    expect(content).not.toContain(EMAIL);
    expect(content).not.toContain('555 0142');
    expect(content).toMatch(/^mail me at \[[A-Z_]+\] or call \[[A-Z_]+\] tomorrow$/);
    expect(logs).not.toContain(EMAIL);
    expect(logs).not.toContain('555');
  });

  it('annotates the metadata with what it redacted, keeping existing keys', async () => {
    const { callback } = await runExample(handler, messaging, {
      Content: `write to ${EMAIL}`,
      Metadata: '{"thread":"t-1"}',
    });
    const metadata = JSON.parse(callback.ChannelMessage?.Metadata ?? '{}') as Record<string, unknown>;
    expect(metadata.thread).toBe('t-1');
    expect(JSON.stringify(metadata)).toContain('pii');
    expect(JSON.stringify(metadata)).not.toContain(EMAIL);
  });

  it('lets a message without personal data through unchanged', async () => {
    const { summary, callback } = await runExample(handler, messaging, {
      Content: 'the release is on Thursday',
      Metadata: '{"thread":"t-1"}',
    });
    expect(summary.action).toBe('noChange');
    expect(callback.ChannelMessage).toMatchObject({
      Content: 'the release is on Thursday',
      Metadata: '{"thread":"t-1"}',
    });
  });

  it.each([
    'standup 2026-11-25 10:00 UTC',
    'upgrade to version 1.2.3.4 tonight',
    'EU time 25.11.2026 14:30, order #2015550123',
  ])('leaves dates, times, versions and order numbers alone: %s', async (content) => {
    const { summary, callback } = await runExample(handler, messaging, { Content: content, Metadata: '' });
    expect(summary.action).toBe('noChange');
    expect(callback.ChannelMessage?.Content).toBe(content);
  });
});
