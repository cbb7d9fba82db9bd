// Checks a ChannelFlowCallback input against the service's API model with the emulator's one
// validator (src/local/protocol/validate.ts over the botocore-generated model), reporting members
// the model does not define as well. It shares no code with src/callback.
import { shapeViolations } from '../../src/local/protocol/validate.js';

/** Problems found, empty when the value fits the shape. */
export function modelViolations(value: unknown, shapeName = 'ChannelFlowCallbackRequest'): string[] {
  return shapeViolations(value, shapeName, { unknownMembers: true });
}

/** The model plus design.md's stricter content reading: at most 4096 UTF-8 bytes. */
export function callbackViolations(input: unknown): string[] {
  const problems = modelViolations(input);
  const content = (input as { ChannelMessage?: { Content?: unknown } }).ChannelMessage?.Content;
  if (typeof content === 'string' && Buffer.byteLength(content, 'utf8') > 4096)
    problems.push('ChannelMessage.Content: over 4096 UTF-8 bytes');
  return problems;
}
