// Redacts personal data (emails, phone numbers, card numbers, ...) with labels such as
// "[EMAIL]", and records what it did in the message metadata.
import { channelFlowProcessor } from 'chime-channel-flow';
import { moderate, pii } from 'chime-channel-flow/moderation';

/**
 * The channel flow's Lambda handler. It fails closed (`onError: 'deny'`): if
 * redaction cannot run, the message is denied rather than shown unredacted.
 * The CDK app pairs it with `FallbackAction: ABORT` for the same reason.
 */
export const handler = channelFlowProcessor(moderate(pii({ action: 'redact', style: 'label', annotate: true })), {
  onError: 'deny',
});
