// A realistic community rule set: no walls of text, no spam, links only to trusted
// sites, no scam phrases, and profanity masked rather than denied.
import { channelFlowProcessor } from 'chime-channel-flow';
import { keywords, links, maxLength, moderate, profanity, spam } from 'chime-channel-flow/moderation';

/** Rules run in order; the first deny wins, edits accumulate into one update. */
export const handler = channelFlowProcessor(
  moderate(
    maxLength({ chars: 2000, action: 'deny' }),
    spam({ maxMentions: 5, maxCapsRatio: 0.7, maxRepeatedChars: 8, maxCombiningMarks: 3 }),
    links({ allow: ['github.com', 'docs.aws.amazon.com', 'aws.amazon.com'], action: 'deny' }),
    keywords({
      words: ['free crypto', 'airdrop', 'send me your password'],
      patterns: ['\\bdouble your (money|bitcoin)\\b'],
      action: 'deny',
    }),
    profanity({ action: 'mask' }),
  ),
  { onError: 'allow' },
);
