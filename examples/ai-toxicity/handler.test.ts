import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { runExample, stubCallbacks } from '../../test/deploy/example-harness.js';
import { handler } from './handler.js';

const messaging = stubCallbacks();
const comprehend = mockClient(ComprehendClient);

/** Comprehend's answer for one text segment with the given overall toxicity. */
const toxicity = (score: number) => ({
  ResultList: [{ Toxicity: score, Labels: [{ Name: 'INSULT' as const, Score: score }] }],
});

beforeEach(() => {
  messaging.resetHistory();
  comprehend.reset();
});

describe('ai-toxicity example (Comprehend)', () => {
  it('denies a message scored above the threshold and logs no content', async () => {
    comprehend.on(DetectToxicContentCommand).resolves(toxicity(0.93));
    const { summary, callback, logs } = await runExample(handler, messaging, { Content: 'you are a worthless idiot' });
    expect(summary.action).toBe('deny');
    expect(callback.DeleteResource).toBe(true);
    const request = comprehend.commandCalls(DetectToxicContentCommand)[0]?.args[0].input;
    expect(request?.TextSegments).toEqual([{ Text: 'you are a worthless idiot' }]);
    expect(logs).not.toContain('worthless');
  });

  it('lets a message scored below the threshold through unchanged', async () => {
    comprehend.on(DetectToxicContentCommand).resolves(toxicity(0.12));
    const { summary, callback } = await runExample(handler, messaging, { Content: 'thanks for the review' });
    expect(summary.action).toBe('noChange');
    expect(callback.ChannelMessage?.Content).toBe('thanks for the review');
  });

  it('fails open when Comprehend errors', async () => {
    comprehend
      .on(DetectToxicContentCommand)
      .rejects(Object.assign(new Error('service down'), { name: 'InternalServerException' }));
    const { summary, callback } = await runExample(handler, messaging, { Content: 'hello there' });
    // The rule chose to let it through, not the wrapper's error policy.
    expect(summary).toMatchObject({ action: 'noChange', decidedBy: 'processor' });
    expect(callback.DeleteResource).toBe(false);
  });

  it('fails open when Comprehend does not answer in time', async () => {
    // Never answers: only the rule's own timeout can end the wait before the Lambda deadline.
    comprehend.on(DetectToxicContentCommand).callsFake(() => new Promise(() => {}));
    const { summary, callback } = await runExample(handler, messaging, { Content: 'is anyone there?' }, 5000);
    // decidedBy 'processor': the rule's timeout answered, well before the wrapper's deadline policy would.
    expect(summary).toMatchObject({ action: 'noChange', decidedBy: 'processor' });
    expect(callback.DeleteResource).toBe(false);
  });
});
