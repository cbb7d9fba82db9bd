import { afterEach, describe, expect, it } from '@jest/globals';
import * as comprehendSdk from '@aws-sdk/client-comprehend';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import * as bedrockSdk from '@aws-sdk/client-bedrock-runtime';
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
  const bedrock = new BedrockRuntimeClient({
    endpoint: s.h2Endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
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
    expect(
      await runRule(
        comprehendToxicity({ ...patient, client: comprehend, labels: ['HATE_SPEECH'] }),
        'you are an idiot',
      ),
    ).toEqual({ kind: 'pass' });
    expect(
      await runRule(
        comprehendToxicity({ ...patient, client: comprehend, labels: ['INSULT'], threshold: 0.8 }),
        'you are an idiot',
      ),
    ).toMatchObject({ kind: 'deny' });
    expect(
      await runRule(comprehendToxicity({ ...patient, client: comprehend, threshold: 0.95 }), 'you are an idiot'),
    ).toEqual({ kind: 'pass' });
  });

  it('fails open by default and closed when asked, on timeout and on service errors', async () => {
    const slow = await stub({ delayMs: 5_000 });
    expect(await runRule(comprehendToxicity({ client: slow.comprehend, timeoutMs: 50 }), 'idiot')).toEqual({
      kind: 'pass',
    });
    expect(
      await runRule(comprehendToxicity({ client: slow.comprehend, timeoutMs: 50, onError: 'deny' }), 'idiot'),
    ).toMatchObject({ kind: 'deny' });
    const broken = await stub({ fail: { status: 500, type: 'InternalServerException' } });
    expect(await runRule(comprehendToxicity({ ...patient, client: broken.comprehend }), 'idiot')).toEqual({
      kind: 'pass',
    });
    expect(
      await runRule(comprehendToxicity({ ...patient, client: broken.comprehend, onError: 'deny' }), 'idiot'),
    ).toMatchObject({ kind: 'deny', reason: expect.stringContaining('InternalServerException') });
  });

  it('stops when the processor deadline signal fires', async () => {
    const slow = await stub({ delayMs: 5_000 });
    const controller = new AbortController();
    const pending = runRule(
      comprehendToxicity({ client: slow.comprehend, timeoutMs: 60_000, onError: 'deny' }),
      'idiot',
      processorContext(controller.signal),
    );
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
    const verdict = await runRule(
      comprehendPii({ ...patient, client: comprehend }),
      '😀👍🏽 hi Jane Roe, mail jane@example.com 🎉 ok',
    );
    expect(verdict).toEqual({ kind: 'edit', content: '😀👍🏽 hi [NAME], mail [EMAIL] 🎉 ok', count: 2 });
  });

  it('keeps to the chosen entity types, masks when asked, denies when asked', async () => {
    const { comprehend } = await stub();
    expect(
      await runRule(
        comprehendPii({ ...patient, client: comprehend, entities: ['NAME'], style: 'mask' }),
        'Jane Roe: jane@example.com',
      ),
    ).toMatchObject({
      content: '**** ***: jane@example.com',
    });
    expect(await runRule(comprehendPii({ ...patient, client: comprehend, action: 'deny' }), 'Jane Roe')).toMatchObject({
      kind: 'deny',
      reason: 'pii (NAME)',
    });
  });
});

describe('bedrockGuardrail()', () => {
  const ids = { guardrailIdentifier: 'gr0abc123', guardrailVersion: '1' };

  it('denies what the guardrail blocks, edits what it masks, passes the rest', async () => {
    const { bedrock, calls } = await stub();
    const rule = bedrockGuardrail({ ...ids, ...patient, client: bedrock });
    expect(await runRule(rule, 'tell me about the forbidden topic')).toMatchObject({
      kind: 'deny',
      reason: 'guardrail blocked',
    });
    expect(await runRule(rule, 'mail me at jane@example.com')).toEqual({
      kind: 'edit',
      content: 'mail me at {EMAIL}',
      count: 1,
    });
    expect(await runRule(rule, 'hello')).toEqual({ kind: 'pass' });
    expect(calls[0]!.body).toMatchObject({
      source: 'INPUT',
      content: [{ text: { text: 'tell me about the forbidden topic' } }],
    });
  });

  it('fails closed when asked', async () => {
    const broken = await stub({ fail: { status: 503, type: 'ServiceUnavailableException' } });
    expect(
      await runRule(bedrockGuardrail({ ...ids, ...patient, client: broken.bedrock, onError: 'deny' }), 'hello'),
    ).toMatchObject({ kind: 'deny' });
    expect(await runRule(bedrockGuardrail({ ...ids, ...patient, client: broken.bedrock }), 'hello')).toEqual({
      kind: 'pass',
    });
  });

  it('validates the guardrail id and version at build time', () => {
    expect(() => bedrockGuardrail({ guardrailIdentifier: 'Bad Id!', guardrailVersion: '1' })).toThrow(
      InvalidOptionsError,
    );
    expect(() => bedrockGuardrail({ guardrailIdentifier: 'gr0abc', guardrailVersion: 'latest' })).toThrow(
      expect.objectContaining({ option: 'bedrockGuardrail.guardrailVersion' }),
    );
  });

  it('composes with the text rules in moderate()', async () => {
    const { bedrock } = await stub();
    const processor = moderate(bedrockGuardrail({ ...ids, ...patient, client: bedrock }));
    const decision = await processor(
      { ...channelFlowEvent().ChannelMessage, Content: 'x jane@example.com' },
      processorContext(),
    );
    expect(decision).toMatchObject({ action: 'update', patch: { content: 'x {EMAIL}' }, rule: 'bedrockGuardrail' });
  });
});

describe('optional SDK loading', () => {
  it('names the package to install when it is missing', async () => {
    await expect(loadSdk('@aws-sdk/client-not-installed-anywhere')).rejects.toThrow(
      /npm install @aws-sdk\/client-not-installed-anywhere/,
    );
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

/**
 * A stand-in for an SDK module: one client class and one command class that record what the
 * adapter does with them; the client answers every command with `answer(input)`.
 */
function fakeSdk(clientName: string, commandName: string, answer: (input: Record<string, unknown>) => unknown) {
  const record = { clientConfigs: [] as unknown[], commands: [] as Record<string, unknown>[], sent: [] as unknown[] };
  class FakeCommand {
    constructor(readonly input: Record<string, unknown>) {
      record.commands.push(input);
    }
  }
  class FakeClient {
    constructor(config: unknown) {
      record.clientConfigs.push(config);
    }
    async send(command: FakeCommand) {
      record.sent.push(command);
      return answer(command.input);
    }
  }
  return { sdk: { [clientName]: FakeClient, [commandName]: FakeCommand } as never, record, FakeCommand, FakeClient };
}

describe('the sdk option (a bundled SDK module instead of import() at first use)', () => {
  it('comprehendToxicity builds its client and command from the given module', async () => {
    const fake = fakeSdk('ComprehendClient', 'DetectToxicContentCommand', (input) => ({
      ResultList: (input.TextSegments as { Text: string }[]).map((s) => ({
        Toxicity: s.Text.includes('idiot') ? 0.9 : 0.1,
      })),
    }));
    const rule = comprehendToxicity({ ...patient, sdk: fake.sdk });
    expect(await runRule(rule, 'you idiot')).toMatchObject({ kind: 'deny', reason: 'toxic content' });
    expect(await runRule(rule, 'hello')).toEqual({ kind: 'pass' });
    // One client per rule, created from the module's class; every call went through the module's command.
    expect(fake.record.clientConfigs).toEqual([{}]);
    expect(fake.record.commands).toEqual([
      { TextSegments: [{ Text: 'you idiot' }], LanguageCode: 'en' },
      { TextSegments: [{ Text: 'hello' }], LanguageCode: 'en' },
    ]);
    expect(fake.record.sent.every((c) => c instanceof fake.FakeCommand)).toBe(true);
  });

  it('takes only the command from the module when a client is given', async () => {
    const fake = fakeSdk('ComprehendClient', 'DetectPiiEntitiesCommand', () => ({}));
    const sent: unknown[] = [];
    const client = {
      send: async (command: unknown) => {
        sent.push(command);
        return { Entities: [{ Type: 'NAME', Score: 0.9, BeginOffset: 3, EndOffset: 11 }] };
      },
    };
    const verdict = await runRule(comprehendPii({ ...patient, sdk: fake.sdk, client: client as never }), 'hi Jane Roe');
    expect(verdict).toEqual({ kind: 'edit', content: 'hi [NAME]', count: 1 });
    expect(fake.record.clientConfigs).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(fake.FakeCommand);
    expect(fake.record.commands).toEqual([{ Text: 'hi Jane Roe', LanguageCode: 'en' }]);
  });

  it('bedrockGuardrail builds its client and command from the given module', async () => {
    const fake = fakeSdk('BedrockRuntimeClient', 'ApplyGuardrailCommand', () => ({
      action: 'GUARDRAIL_INTERVENED',
      outputs: [],
      assessments: [{ topicPolicy: { topics: [{ action: 'BLOCKED' }] } }],
    }));
    const rule = bedrockGuardrail({
      guardrailIdentifier: 'gr0abc123',
      guardrailVersion: '2',
      ...patient,
      sdk: fake.sdk,
    });
    expect(await runRule(rule, 'the forbidden topic')).toMatchObject({ kind: 'deny', reason: 'guardrail blocked' });
    expect(fake.record.clientConfigs).toEqual([{}]);
    expect(fake.record.commands).toEqual([
      {
        guardrailIdentifier: 'gr0abc123',
        guardrailVersion: '2',
        source: 'INPUT',
        content: [{ text: { text: 'the forbidden topic' } }],
      },
    ]);
  });

  it('works with the real module namespace, as `import * as` gives it', async () => {
    const { endpoint, calls } = await stub();
    process.env.AWS_ENDPOINT_URL_COMPREHEND = endpoint;
    try {
      expect(await runRule(comprehendToxicity({ ...patient, sdk: comprehendSdk }), 'idiot')).toMatchObject({
        kind: 'deny',
      });
      expect(await runRule(comprehendPii({ ...patient, sdk: comprehendSdk }), 'mail jane@example.com')).toEqual({
        kind: 'edit',
        content: 'mail [EMAIL]',
        count: 1,
      });
    } finally {
      delete process.env.AWS_ENDPOINT_URL_COMPREHEND;
    }
    expect(calls.map((c) => c.operation)).toEqual(['DetectToxicContent', 'DetectPiiEntities']);
    expect(() =>
      bedrockGuardrail({ guardrailIdentifier: 'gr0abc', guardrailVersion: '1', sdk: bedrockSdk }),
    ).not.toThrow();
  });

  it.each([
    [
      'comprehendToxicity',
      () => comprehendToxicity({ sdk: {} as never }),
      /ComprehendClient, DetectToxicContentCommand/,
    ],
    [
      'comprehendToxicity',
      () => comprehendToxicity({ sdk: '@aws-sdk/client-comprehend' as never }),
      /must be the @aws-sdk\/client-comprehend module/,
    ],
    ['comprehendToxicity', () => comprehendToxicity({ sdk: null as never }), /missing ComprehendClient/],
    [
      'comprehendToxicity',
      () => comprehendToxicity({ sdk: bedrockSdk as never }),
      /missing ComprehendClient, DetectToxicContentCommand/,
    ],
    [
      'comprehendToxicity',
      () => comprehendToxicity({ sdk: { DetectToxicContentCommand: class {} } as never }),
      /missing ComprehendClient$/,
    ],
    [
      'comprehendPii',
      () => comprehendPii({ sdk: { ComprehendClient: class {}, DetectToxicContentCommand: class {} } as never }),
      /missing DetectPiiEntitiesCommand$/,
    ],
    [
      'comprehendPii',
      () => comprehendPii({ sdk: { ComprehendClient: class {}, DetectPiiEntitiesCommand: 'not a class' } as never }),
      /missing DetectPiiEntitiesCommand$/,
    ],
    [
      'bedrockGuardrail',
      () => bedrockGuardrail({ guardrailIdentifier: 'gr0abc', guardrailVersion: '1', sdk: comprehendSdk as never }),
      /missing BedrockRuntimeClient, ApplyGuardrailCommand/,
    ],
  ])('rejects a bad sdk at build time, naming %s.sdk and what is missing (case %#)', (rule, build, message) => {
    expect(build).toThrow(InvalidOptionsError);
    expect(build).toThrow(expect.objectContaining({ option: `${rule}.sdk` }));
    expect(build).toThrow(message);
  });

  it('needs only the command class when a client is given', () => {
    const client = { send: async () => ({}) } as never;
    expect(() => comprehendToxicity({ client, sdk: { DetectToxicContentCommand: class {} } as never })).not.toThrow();
    expect(() =>
      bedrockGuardrail({
        guardrailIdentifier: 'gr0abc',
        guardrailVersion: '1',
        client,
        sdk: { ApplyGuardrailCommand: class {} } as never,
      }),
    ).not.toThrow();
    expect(() => comprehendPii({ client, sdk: { DetectToxicContentCommand: class {} } as never })).toThrow(
      expect.objectContaining({ option: 'comprehendPii.sdk' }),
    );
  });
});
