// Masks profanity ("what the ****") and lets every other message through unchanged.
import { channelFlowProcessor } from 'chime-channel-flow';
import { moderate, profanity } from 'chime-channel-flow/moderation';

/**
 * The channel flow's Lambda handler. It fails open (`onError: 'allow'`): if the
 * rule ever throws or runs out of time, the message is delivered as written
 * rather than left PENDING or lost.
 */
export const handler = channelFlowProcessor(moderate(profanity({ action: 'mask' })), { onError: 'allow' });
