// End to end through the local emulator: send -> status -> delivered content, with
// Amazon Comprehend stubbed (the only AWS call that does not go to the emulator).
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { useEmulatedExample } from '../../test/deploy/emulator-harness.js';

const comprehend = mockClient(ComprehendClient);
const scoreOf = (text: string) => (/idiot|worthless/i.test(text) ? 0.95 : 0.05);

const run = useEmulatedExample('ai-toxicity', { functionTimeoutMs: 5000, inProcess: true });
beforeEach(() => {
  comprehend.reset();
  comprehend.on(DetectToxicContentCommand).callsFake((input: { TextSegments?: Array<{ Text?: string }> }) => ({
    ResultList: (input.TextSegments ?? []).map((segment) => ({
      Toxicity: scoreOf(segment.Text ?? ''),
      Labels: [{ Name: 'INSULT', Score: scoreOf(segment.Text ?? '') }],
    })),
  }));
});

describe('ai-toxicity through the emulator', () => {
  it('denies a toxic message', async () => {
    const { outcome, delivered } = await run.send('you are a worthless idiot');
    expect(outcome.status).toBe('DENIED');
    expect(delivered).toBeUndefined();
  });

  it('delivers a friendly message as written', async () => {
    const { status, delivered } = await run.send('thanks for the review!');
    expect(status).toBe('SENT');
    expect(delivered?.Content).toBe('thanks for the review!');
  });

  it('delivers the message when Comprehend hangs (fails open)', async () => {
    comprehend.reset();
    comprehend.on(DetectToxicContentCommand).callsFake(() => new Promise(() => {}));
    const { status, delivered } = await run.send('is anyone there?');
    expect(status).toBe('SENT');
    expect(delivered?.Content).toBe('is anyone there?');
  });
});
