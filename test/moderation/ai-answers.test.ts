// The AI adapters on the edges of what the services may answer (every output field is optional in the SDK
// types) and of their options, with the network stubbed by aws-sdk-client-mock: a partial answer never
// denies by accident, a failure that is not an Error still gives a named verdict, bad options fail at build.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { ComprehendClient, DetectPiiEntitiesCommand, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { ApplyGuardrailCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { InvalidOptionsError } from '../../src/errors.js';
import { bedrockGuardrail, comprehendPii, comprehendToxicity } from '../../src/moderation/index.js';
import { ModerationServiceError } from '../../src/moderation/ai/call.js';
import { createJsonLogger } from '../../src/logging/logger.js';
import { processorContext, runRule } from './helpers.js';

const region = 'us-east-1';
const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' };
const comprehend = new ComprehendClient({ region, credentials });
const bedrock = new BedrockRuntimeClient({ region, credentials });
const comprehendMock = mockClient(comprehend);
const bedrockMock = mockClient(bedrock);

beforeEach(() => {
  comprehendMock.reset();
  bedrockMock.reset();
});

describe('comprehendToxicity() answers', () => {
  it('passes when the answer has no result list', async () => {
    // Prepare
    comprehendMock.on(DetectToxicContentCommand).resolves({});
    const rule = comprehendToxicity({ client: comprehend });
    // Act
    const verdict = await runRule(rule, 'you are an idiot');
    // Assess
    expect(verdict).toEqual({ kind: 'pass' });
    expect(comprehendMock.commandCalls(DetectToxicContentCommand)).toHaveLength(1);
  });

  it('counts a segment without a Toxicity score as not toxic', async () => {
    // Prepare
    comprehendMock.on(DetectToxicContentCommand).resolves({ ResultList: [{}, { Toxicity: 0.9 }] });
    const rule = comprehendToxicity({ client: comprehend });
    // Act: 1,630 bytes of three- and four-byte characters: two segments of at most 1 KB.
    const text = '€'.repeat(10) + '😀'.repeat(400);
    const verdict = await runRule(rule, text);
    // Assess
    expect(verdict).toEqual({ kind: 'deny', reason: 'toxic content', count: 1 });
    const sent = comprehendMock.commandCalls(DetectToxicContentCommand)[0]!.args[0].input.TextSegments!;
    expect(sent.map((segment) => Buffer.byteLength(segment.Text!))).toEqual([1022, 608]);
    expect(sent.map((segment) => segment.Text).join('')).toBe(text);
  });

  it('with labels, counts only chosen labels that have a score at the threshold', async () => {
    // Prepare
    comprehendMock.on(DetectToxicContentCommand).resolves({
      ResultList: [
        { Toxicity: 0.99 }, // no labels: not a hit when labels are chosen
        { Labels: [{ Name: 'INSULT' }, { Score: 0.99 }, { Name: 'PROFANITY', Score: 0.99 }] },
        { Labels: [{ Name: 'INSULT', Score: 0.7 }] },
      ],
    });
    const rule = comprehendToxicity({ client: comprehend, labels: ['INSULT'], threshold: 0.6 });
    // Act
    const verdict = await runRule(rule, 'x'.repeat(2500));
    // Assess
    expect(verdict).toEqual({ kind: 'deny', reason: 'toxic content', count: 1 });
  });

  it('refuses labels that are not a non-empty array of known labels, at build time', () => {
    // Act / Assess
    for (const labels of ['INSULT', [], ['INSULT', 'RUDENESS']] as unknown as string[][]) {
      expect(() => comprehendToxicity({ client: comprehend, labels: labels as never })).toThrow(InvalidOptionsError);
    }
    expect(() => comprehendToxicity({ client: comprehend, labels: 'INSULT' as never })).toThrow(
      'comprehendToxicity.labels: must be a non-empty array of',
    );
  });
});

describe('comprehendPii() answers', () => {
  it('passes when the answer lists no entities', async () => {
    // Prepare
    comprehendMock.on(DetectPiiEntitiesCommand).resolves({});
    const rule = comprehendPii({ client: comprehend });
    // Act
    const verdict = await runRule(rule, 'mail me at ana@example.com');
    // Assess
    expect(verdict).toEqual({ kind: 'pass' });
  });

  it('ignores entities without a score or an offset, and those of other types than chosen', async () => {
    // Prepare: "ana@example.com" is at code points 11..26.
    comprehendMock.on(DetectPiiEntitiesCommand).resolves({
      Entities: [
        { Type: 'EMAIL', BeginOffset: 11, EndOffset: 26 }, // no Score
        { Type: 'EMAIL', Score: 0.99, EndOffset: 26 }, // no BeginOffset
        { Type: 'EMAIL', Score: 0.99, BeginOffset: 11 }, // no EndOffset
        { Score: 0.99, BeginOffset: 0, EndOffset: 4 }, // no Type
        { Type: 'NAME', Score: 0.99, BeginOffset: 0, EndOffset: 4 },
        { Type: 'EMAIL', Score: 0.99, BeginOffset: 11, EndOffset: 26 },
      ],
    });
    const rule = comprehendPii({ client: comprehend, entities: ['EMAIL'] });
    // Act
    const verdict = await runRule(rule, 'mail me at ana@example.com');
    // Assess
    expect(verdict).toMatchObject({ kind: 'edit', content: 'mail me at [EMAIL]', count: 1 });
  });

  it('refuses entities that are not a non-empty array of upper-case type names, at build time', () => {
    // Act / Assess
    for (const entities of ['EMAIL', [], ['email'], [42]]) {
      expect(() => comprehendPii({ client: comprehend, entities: entities as never })).toThrow(
        'comprehendPii.entities: must be a non-empty array of Comprehend PII types such as EMAIL, NAME',
      );
    }
  });
});

describe('bedrockGuardrail() answers', () => {
  const guardrail = () => bedrockGuardrail({ client: bedrock, guardrailIdentifier: 'gr1abc', guardrailVersion: '1' });

  it('denies an intervention without outputs, or whose output is the text unchanged', async () => {
    // Prepare
    bedrockMock
      .on(ApplyGuardrailCommand)
      .resolvesOnce({ action: 'GUARDRAIL_INTERVENED', outputs: undefined, assessments: [] })
      .resolvesOnce({ action: 'GUARDRAIL_INTERVENED', outputs: [{ text: 'same words' }], assessments: [] })
      .resolvesOnce({ action: 'GUARDRAIL_INTERVENED', outputs: [{}], assessments: [] });
    const rule = guardrail();
    // Act
    const verdicts = [
      await runRule(rule, 'same words'),
      await runRule(rule, 'same words'),
      await runRule(rule, 'same words'),
    ];
    // Assess
    for (const verdict of verdicts) expect(verdict).toEqual({ kind: 'deny', reason: 'guardrail intervened', count: 1 });
  });

  it('edits with the masked output when no assessment says BLOCKED, whatever else the assessments hold', async () => {
    // Prepare: assessments with nulls, strings and numbers inside, as loosely typed documents may hold.
    bedrockMock.on(ApplyGuardrailCommand).resolves({
      action: 'GUARDRAIL_INTERVENED',
      outputs: [{ text: 'call {PHONE}' }, {}],
      assessments: [
        {
          sensitiveInformationPolicy: {
            piiEntities: [{ type: 'PHONE', match: '555 0100', action: 'ANONYMIZED' }],
            regexes: null,
          },
          invocationMetrics: { guardrailProcessingLatency: 12 },
        } as never,
      ],
    });
    // Act
    const verdict = await runRule(guardrail(), 'call 555 0100');
    // Assess
    expect(verdict).toEqual({ kind: 'edit', content: 'call {PHONE}', count: 1 });
  });
});

describe('a failure that is not an Error', () => {
  it('fails closed with a reason naming "Error", and logs that name only', async () => {
    // Prepare
    comprehendMock.on(DetectToxicContentCommand).rejects('secret words in a string' as never);
    // A hand-made client may reject with nothing at all.
    const bare = {
      send: async () => {
        throw undefined;
      },
    } as unknown as ComprehendClient;
    const lines: string[] = [];
    const ctx = { ...processorContext(), logger: createJsonLogger({ level: 'debug', sink: (l) => lines.push(l) }) };
    // Act
    const verdicts = [
      await runRule(comprehendToxicity({ client: comprehend, onError: 'deny' }), 'hello', ctx),
      await runRule(comprehendToxicity({ client: bare, onError: 'deny' }), 'hello', ctx),
    ];
    // Assess
    for (const verdict of verdicts)
      expect(verdict).toEqual({ kind: 'deny', reason: 'comprehendToxicity: service call failed (Error)', count: 0 });
    const logged = expect.objectContaining({
      message: 'moderation service call failed',
      error: 'Error',
      onError: 'deny',
    });
    expect(lines.map((l) => JSON.parse(l))).toEqual([logged, logged]);
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('ModerationServiceError names the cause type, "Error" for undefined', () => {
    // Act
    const named = new ModerationServiceError(
      'comprehendPii',
      Object.assign(new Error('x'), { name: 'ThrottlingException' }),
    );
    const nothing = new ModerationServiceError('comprehendPii', undefined);
    // Assess
    expect(named.message).toBe('comprehendPii: service call failed (ThrottlingException)');
    expect(nothing.message).toBe('comprehendPii: service call failed (Error)');
    expect([nothing.name, nothing.rule]).toEqual(['ModerationServiceError', 'comprehendPii']);
  });
});
