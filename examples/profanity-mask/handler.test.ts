import { beforeEach, describe, expect, it } from '@jest/globals';
import { runExample, stubCallbacks } from '../../test/deploy/example-harness.js';
import { handler } from './handler.js';

const messaging = stubCallbacks();
beforeEach(() => {
  messaging.resetHistory();
});

describe('profanity-mask example', () => {
  it('masks the profane word, keeps the rest, and logs none of it', async () => {
    const { summary, callback, logs } = await runExample(handler, messaging, {
      Content: 'this plan is bullshit, honestly',
    });
    expect(summary).toMatchObject({ action: 'update', decidedBy: 'processor' });
    expect(callback.DeleteResource).toBe(false);
    expect(callback.ChannelMessage?.Content).not.toMatch(/bullshit/i);
    expect(callback.ChannelMessage?.Content).toMatch(/^this plan is .+, honestly$/);
    expect(logs).not.toMatch(/honestly|bullshit|Zelda Quixote/);
  });

  it('lets a clean message through as written', async () => {
    const { summary, callback } = await runExample(handler, messaging, {
      Content: 'see you at the standup',
      Metadata: '{"thread":"t-1"}',
    });
    expect(summary.action).toBe('noChange');
    expect(callback.ChannelMessage).toMatchObject({ Content: 'see you at the standup', Metadata: '{"thread":"t-1"}' });
  });

  it('does not mask words that merely contain a profanity (Scunthorpe)', async () => {
    const { summary } = await runExample(handler, messaging, {
      Content: 'We drove through Scunthorpe and Penistone to the class assessment.',
    });
    expect(summary.action).toBe('noChange');
  });
});
