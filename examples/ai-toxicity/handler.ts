// Denies toxic messages with Amazon Comprehend (or Amazon Bedrock Guardrails when
// GUARDRAIL_ID is set), and lets messages through when the AI service is slow or down.
import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
import { channelFlowProcessor } from 'chime-channel-flow';
import { bedrockGuardrail, comprehendToxicity, moderate } from 'chime-channel-flow/moderation';

const guardrailIdentifier = process.env.GUARDRAIL_ID;

// Read once per container; the rules create their AWS clients on first use.
const rule = guardrailIdentifier
  ? // Bedrock only when asked for: imported at first use, so it stays out of the bundle.
    bedrockGuardrail({ guardrailIdentifier, guardrailVersion: process.env.GUARDRAIL_VERSION ?? 'DRAFT' })
  : comprehendToxicity({
      // Bundled: the first invocation skips loading the runtime's unbundled SDK (~200 ms). Only these two
      // classes, so the bundle leaves out Comprehend's other commands.
      sdk: { ComprehendClient, DetectToxicContentCommand },
      threshold: Number(process.env.TOXICITY_THRESHOLD ?? '0.7'),
      // A chat message should not wait on a slow model: past this, fail open.
      timeoutMs: Number(process.env.TOXICITY_TIMEOUT_MS ?? '1500'),
      onError: 'allow',
    });

/** The channel flow's Lambda handler: fails open on timeouts and AI service errors. */
export const handler = channelFlowProcessor(moderate(rule), { onError: 'allow' });
