// The Bedrock Guardrails branch of the example: chosen at cold start when GUARDRAIL_ID is set.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ApplyGuardrailCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { runExample, stubCallbacks } from '../../test/deploy/example-harness.js';
import type { ExampleHandler } from '../../test/deploy/example-harness.js';

const messaging = stubCallbacks();
const bedrock = mockClient(BedrockRuntimeClient);
const comprehend = mockClient(ComprehendClient);
// Set before the handler is imported: it reads them once, at cold start (each test file has its own module registry).
process.env.GUARDRAIL_ID = 'gr0abc123';
process.env.GUARDRAIL_VERSION = '3';
const { handler } = (await import('./handler.js')) as unknown as { handler: ExampleHandler };

afterAll(() => {
  delete process.env.GUARDRAIL_ID;
  delete process.env.GUARDRAIL_VERSION;
});

beforeEach(() => {
  messaging.resetHistory();
  bedrock.reset();
  comprehend.reset();
});

describe('ai-toxicity example (Bedrock Guardrails)', () => {
  it('asks the configured guardrail and denies what it blocks, without calling Comprehend', async () => {
    bedrock.on(ApplyGuardrailCommand).resolves({
      action: 'GUARDRAIL_INTERVENED',
      outputs: [{ text: 'Sorry, blocked.' }],
      assessments: [{ contentPolicy: { filters: [{ type: 'INSULTS', confidence: 'HIGH', action: 'BLOCKED' }] } }],
      usage: undefined,
    } as never);
    const { summary, callback } = await runExample(handler, messaging, { Content: 'you are a worthless idiot' });
    expect(summary.action).toBe('deny');
    expect(callback.DeleteResource).toBe(true);
    const request = bedrock.commandCalls(ApplyGuardrailCommand)[0]?.args[0].input;
    expect(request).toMatchObject({
      guardrailIdentifier: 'gr0abc123',
      guardrailVersion: '3',
      content: [{ text: { text: 'you are a worthless idiot' } }],
    });
    expect(comprehend.calls()).toHaveLength(0);
  });

  it('lets the message through when the guardrail does not intervene', async () => {
    bedrock.on(ApplyGuardrailCommand).resolves({ action: 'NONE', outputs: [], assessments: [] } as never);
    const { summary } = await runExample(handler, messaging, { Content: 'thanks for the review' });
    expect(summary.action).toBe('noChange');
  });

  it('fails open when Bedrock errors', async () => {
    bedrock.on(ApplyGuardrailCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const { summary } = await runExample(handler, messaging, { Content: 'hello there' });
    expect(summary).toMatchObject({ action: 'noChange', decidedBy: 'processor' });
  });
});
