// Each entry point's runtime exports, pinned: widening the public surface is a visible decision
// (edit the list here, and document the new export in docs/).
import { describe, expect, it } from '@jest/globals';

const ENTRY_POINTS: Record<string, { load: () => Promise<Record<string, unknown>>; exports: string[] }> = {
  'chime-channel-flow': {
    load: () => import('../../src/index.js'),
    exports: [
      'CALLBACK_LIMITS',
      'CallbackError',
      'ChannelFlowCallbackHandler',
      'ChannelFlowError',
      'DEFAULT_METRICS_NAMESPACE',
      'DecisionAction',
      'DecisionLimitError',
      'InvalidDecisionError',
      'InvalidEventError',
      'InvalidOptionsError',
      'OnError',
      'ProcessorTimeoutError',
      'channelFlowCallback',
      'channelFlowProcessor',
      'createChimeClient',
      'createJsonLogger',
      'deny',
      'isDecision',
      'noChange',
      'parseChannelFlowEvent',
      'silentLogger',
      'toCallbackInput',
      'update',
    ],
  },
  'chime-channel-flow/moderation': {
    load: () => import('../../src/moderation/index.js'),
    exports: [
      'INNOCENT_WORDS',
      'ModerationServiceError',
      'PASS',
      'PROFANITY_CATEGORIES',
      'PROFANITY_FORMS',
      'PROFANITY_LANGUAGES',
      'PiiEntity',
      'TOXIC_LABELS',
      'annotateMetadata',
      'bedrockGuardrail',
      'comprehendPii',
      'comprehendToxicity',
      'defineRule',
      'findPii',
      'foldWord',
      'ibanValid',
      'keywords',
      'links',
      'luhnValid',
      'maxLength',
      'moderate',
      'pii',
      'profanity',
      'profanityWords',
      'spam',
    ],
  },
  'chime-channel-flow/local': {
    load: () => import('../../src/local/index.js'),
    exports: [
      'EmulatorConfigError',
      'EmulatorTimeoutError',
      'ErrorShape',
      'LOCAL_ACCOUNT',
      'ProcessorLoadError',
      'ServiceError',
      'checkProcessorLoads',
      'loadProcessor',
      'localMessagingWebSocket',
      'messagingSessionUrl',
      'parseFaults',
      'sampleHandler',
      'startEmulator',
    ],
  },
  'chime-channel-flow/testing': {
    load: () => import('../../src/testing/index.js'),
    exports: [
      'SAMPLE_CHANNEL_ARN',
      'callbackAccepted',
      'callbacksIn',
      'channelFlowEvent',
      'fakeChimeTransport',
      'lambdaContext',
      'newCallbackId',
      'quietLogger',
      'serviceError',
      'silenceSdkNodeWarning',
    ],
  },
  'chime-channel-flow/deploy': {
    load: () => import('../../src/deploy/index.js'),
    exports: [
      'ChannelFlowAssociationError',
      'InvalidArnError',
      'associateChannelFlow',
      'checkAssociation',
      'disassociateChannelFlow',
      'parseAppInstanceArn',
      'parseBearerArn',
      'parseChannelArn',
      'parseChannelFlowArn',
    ],
  },
  'chime-channel-flow/zod': {
    load: () => import('../../src/zod/index.js'),
    exports: ['ChannelFlowEventSchema', 'ChannelMessageSchema'],
  },
};

describe('entry points export what users need and nothing else', () => {
  it.each(Object.keys(ENTRY_POINTS))('%s exports exactly its pinned list', async (name) => {
    const { load, exports } = ENTRY_POINTS[name]!;
    expect(Object.keys(await load()).sort()).toEqual([...exports].sort());
  });

  it('the root exports at most 25 runtime values', () => {
    expect(ENTRY_POINTS['chime-channel-flow']!.exports.length).toBeLessThanOrEqual(25);
  });

  it('./local exports no CLI helpers', () => {
    for (const helper of ['formatTable', 'shorten', 'parseProcessorArg', 'verifySigV4'])
      expect(ENTRY_POINTS['chime-channel-flow/local']!.exports).not.toContain(helper);
  });

  it('./deploy exports no CLI helpers (the associate command is `npm run associate`)', () => {
    for (const helper of ['runDeployCli', 'DEPLOY_CLI_USAGE'])
      expect(ENTRY_POINTS['chime-channel-flow/deploy']!.exports).not.toContain(helper);
  });

  it('every error class the entry points export extends ChannelFlowError', async () => {
    const { ChannelFlowError } = await import('../../src/errors.js');
    for (const { load } of Object.values(ENTRY_POINTS)) {
      for (const [name, value] of Object.entries(await load())) {
        if (typeof value === 'function' && /^[A-Z]\w*Error$/.test(name) && value !== ChannelFlowError)
          expect((value as { prototype: unknown }).prototype).toBeInstanceOf(ChannelFlowError);
      }
    }
  });
});
