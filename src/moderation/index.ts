/**
 * `chime-channel-flow/moderation`: composable moderation rules.
 *
 * @example
 * import { channelFlowProcessor } from 'chime-channel-flow';
 * import { moderate, profanity, pii, links, spam } from 'chime-channel-flow/moderation';
 *
 * export const handler = channelFlowProcessor(moderate(spam(), profanity(), pii(), links({ allow: ['example.com'] })));
 */
export { moderate } from './moderate.js';
export { defineRule, PASS } from './rule.js';
export { annotateMetadata, type Annotation } from './annotate.js';
export type {
  Rule,
  RuleCheck,
  RuleContext,
  RuleVerdict,
  PassVerdict,
  EditVerdict,
  DenyVerdict,
  Draft,
  CommonRuleOptions,
  RuleRequest,
} from './types.js';
export { profanity, type ProfanityOptions } from './rules/profanity.js';
export { PROFANITY_FORMS, INNOCENT_WORDS } from './rules/profanity-words.js';
export {
  PROFANITY_CATEGORIES,
  PROFANITY_LANGUAGES,
  profanityWords,
  type ProfanityCategory,
  type ProfanityLanguage,
  type ProfanitySeverity,
  type ProfanityWord,
} from './profanity/word-lists.js';
export { pii, PiiEntity, type PiiOptions } from './rules/pii.js';
export { findPii, luhnValid, ibanValid, type PiiFinding } from './pii/index.js';
export { links, type LinksOptions } from './rules/links.js';
export { keywords, type KeywordsOptions } from './rules/keywords.js';
export { spam, type SpamOptions } from './rules/spam.js';
export { maxLength, type MaxLengthOptions } from './rules/max-length.js';
export {
  comprehendToxicity,
  TOXIC_LABELS,
  type ComprehendToxicityOptions,
  type ToxicLabel,
} from './ai/comprehend-toxicity.js';
export { comprehendPii, type ComprehendPiiOptions } from './ai/comprehend-pii.js';
export { bedrockGuardrail, type BedrockGuardrailOptions } from './ai/bedrock-guardrail.js';
export { ModerationServiceError, type AdapterOptions } from './ai/call.js';
export { foldWord } from './text/fold.js';
