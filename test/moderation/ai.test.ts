import { afterEach, describe, expect, it } from '@jest/globals';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { InvalidOptionsError } from '../../src/errors.js';
import { bedrockGuardrail, comprehendPii, comprehendToxicity, moderate } from '../../src/moderation/index.js';
import { loadSdk, segmentUtf8 } from '../../src/moderation/ai/call.js';
import { channelFlowEvent } from '../../src/testing/index.js';
import { processorContext, runRule } from './helpers.js';
import { startAiStub } from './ai-stub.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' };
// Tests that are not about timeouts must not fail open because a loaded CI machine is slow.
const patient = { timeoutMs: 15_000 } as const;
const stubs: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function stub(options?: Parameters<typeof startAiStub>[0]) {
  const s = await startAiStub(options);
  stubs.push(s);
  const comprehend = new ComprehendClient({ endpoint: s.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  const bedrock = new BedrockRuntimeClient({ endpoint: s.h2Endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  return { ...s, comprehend, bedrock };
}

describe('comprehendToxicity()', () => {
  it('denies toxic content and passes the rest, through the real SDK client', async () => {
    const { comprehend, calls } = await stub();
    const rule = comprehendToxicity({ ...patient, client: comprehend });
    expect(await runRule(rule, 'you are an idiot')).toMatchObject({ kind: 'deny', reason: 'toxic content' });
    expect(await runRule(rule, 'have a nice day')).toEqual({ kind: 'pass' });
    expect(calls.map((c) => c.operation)).toEqual(['DetectToxicContent', 'DetectToxicContent']);
  });

  it('splits a long message into segments within the 10 x 1 KB limit, never inside a character', async () => {
    const { comprehend, calls } = await stub();
    const text = `${'naïve 😀 words '.repeat(250)}idiot`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(4000);
    expect(await runRule(comprehendToxicity({ ...patient, client: comprehend }), text)).toMatchObject({ kind: 'deny' });
    const segments = (calls[0]!.body.TextSegments as { Text: string }[]).map((s) => s.Text);
    expect(segments.join('')).toBe(text);
    expect(segments.length).toBeLessThanOrEqual(10);
    for (const s of segments) expect(Buffer.byteLength(s, 'utf8')).toBeLessThanOrEqual(1024);
    expect(segmentUtf8('😀'.repeat(600), 1024, 10).every((s) => !/[\ud800-\udbff]$/.test(s))).toBe(true);
  });

  it('acts on the chosen labels and threshold', async () => {
    const { comprehend } = await stub();
    expect(await runRule(comprehendToxicity({ ...patient, client: comprehend, labels: ['HATE_SPEECH'] }), 'you are an idiot')).toEqual({ kind: 'pass' });
    expect(await runRule(comprehendToxicity({ ...patient, client: comprehend, labels: ['INSULT'], threshold: 0.8 }), 'you are an idiot')).toMatchObject({ kind: 'deny' });
    expect(await runRule(comprehendToxicity({ ...patient, client: comprehend, threshold: 0.95 }), 'you are an idiot')).toEqual({ kind: 'pass' });
  });

  it('fails open by default and closed when asked, on timeout and on service errors', async () => {
    const slow = await stub({ delayMs: 5_000 });
    expect(await runRule(comprehendToxicity({ client: slow.comprehend, timeoutMs: 50 }), 'idiot')).toEqual({ kind: 'pass' });
    expect(await runRule(comprehendToxicity({ client: slow.comprehend, timeoutMs: 50, onError: 'deny' }), 'idiot')).toMatchObject({ kind: 'deny' });
    const broken = await stub({ fail: { status: 500, type: 'InternalServerException' } });
    expect(await runRule(comprehendToxicity({ ...patient, client: broken.comprehend }), 'idiot')).toEqual({ kind: 'pass' });
    expect(await runRule(comprehendToxicity({ ...patient, client: broken.comprehend, onError: 'deny' }), 'idiot')).toMatchObject({ kind: 'deny', reason: expect.stringContaining('InternalServerException') });
  });

  it('stops when the processor deadline signal fires', async () => {
    const slow = await stub({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = runRule(comprehendToxicity({ client: slow.comprehend, timeoutMs: 60_000, onError: 'deny' }), 'idiot', processorContext(controller.signal));
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    expect(await pending).toMatchObject({ kind: 'deny' });
  });

  it.each([
    [{ threshold: 2 }, 'comprehendToxicity.threshold'],
    [{ labels: ['RUDE'] }, 'comprehendToxicity.labels'],
    [{ timeoutMs: 0 }, 'comprehendToxicity.timeoutMs'],
    [{ onError: 'retry' }, 'comprehendToxicity.onError'],
    [{ client: {} }, 'comprehendToxicity.client'],
  ])('rejects bad options at build time: %j', (options, option) => {
    expect(() => comprehendToxicity(options as never)).toThrow(InvalidOptionsError);
    expect(() => comprehendToxicity(options as never)).toThrow(expect.objectContaining({ option }));
  });
});

describe('comprehendPii()', () => {
  it('redacts at the right place after emoji (the service counts code points)', async () => {
    const { comprehend } = await stub();
    const verdict = await runRule(comprehendPii({ ...patient, client: comprehend }), '😀👍🏽 hi Jane Roe, mail jane@example.com 🎉 ok');
    expect(verdict).toEqual({ kind: 'edit', content: '😀👍🏽 hi [NAME], mail [EMAIL] 🎉 ok', count: 2 });
  });

  it('keeps to the chosen entity types, masks when asked, denies when asked', async () => {
    const { comprehend } = await stub();
    expect(await runRule(comprehendPii({ ...patient, client: comprehend, entities: ['NAME'], style: 'mask' }), 'Jane Roe: jane@example.com')).toMatchObject({
      content: '**** ***: jane@example.com',
    });
    expect(await runRule(comprehendPii({ ...patient, client: comprehend, action: 'deny' }), 'Jane Roe')).toMatchObject({ kind: 'deny', reason: 'pii (NAME)' });
  });
});

describe('bedrockGuardrail()', () => {
  const ids = { guardrailIdentifier: 'gr0abc123', guardrailVersion: '1' };

  it('denies what the guardrail blocks, edits what it masks, passes the rest', async () => {
    const { bedrock, calls } = await stub();
    const rule = bedrockGuardrail({ ...ids, ...patient, client: bedrock });
    expect(await runRule(rule, 'tell me about the forbidden topic')).toMatchObject({ kind: 'deny', reason: 'guardrail blocked' });
    expect(await runRule(rule, 'mail me at jane@example.com')).toEqual({ kind: 'edit', content: 'mail me at {EMAIL}', count: 1 });
    expect(await runRule(rule, 'hello')).toEqual({ kind: 'pass' });
    expect(calls[0]!.body).toMatchObject({ source: 'INPUT', content: [{ text: { text: 'tell me about the forbidden topic' } }] });
  });

  it('fails closed when asked', async () => {
    const broken = await stub({ fail: { status: 503, type: 'ServiceUnavailableException' } });
    expect(await runRule(bedrockGuardrail({ ...ids, ...patient, client: broken.bedrock, onError: 'deny' }), 'hello')).toMatchObject({ kind: 'deny' });
    expect(await runRule(bedrockGuardrail({ ...ids, ...patient, client: broken.bedrock }), 'hello')).toEqual({ kind: 'pass' });
  });

  it('validates the guardrail id and version at build time', () => {
    expect(() => bedrockGuardrail({ guardrailIdentifier: 'Bad Id!', guardrailVersion: '1' })).toThrow(InvalidOptionsError);
    expect(() => bedrockGuardrail({ guardrailIdentifier: 'gr0abc', guardrailVersion: 'latest' })).toThrow(
      expect.objectContaining({ option: 'bedrockGuardrail.guardrailVersion' }),
    );
  });

  it('composes with the text rules in moderate()', async () => {
    const { bedrock } = await stub();
    const processor = moderate(bedrockGuardrail({ ...ids, ...patient, client: bedrock }));
    const decision = await processor({ ...channelFlowEvent().ChannelMessage, Content: 'x jane@example.com' }, processorContext());
    expect(decision).toMatchObject({ action: 'update', patch: { content: 'x {EMAIL}' }, rule: 'bedrockGuardrail' });
  });
});

describe('optional SDK loading', () => {
  it('names the package to install when it is missing', async () => {
    await expect(loadSdk('@aws-sdk/client-not-installed-anywhere')).rejects.toThrow(/npm install @aws-sdk\/client-not-installed-anywhere/);
  });

  it('creates its own client when none is given', async () => {
    const { endpoint } = await stub();
    process.env.AWS_ENDPOINT_URL_COMPREHEND = endpoint;
    try {
      expect(await runRule(comprehendToxicity(patient), 'idiot')).toMatchObject({ kind: 'deny' });
    } finally {
      delete process.env.AWS_ENDPOINT_URL_COMPREHEND;
    }
  });
});
