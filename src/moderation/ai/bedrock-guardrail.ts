import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { defineRule, PASS } from '../rule.js';
import { InvalidOptionsError } from '../../errors.js';
import type { Rule } from '../types.js';
import { adapterSdk, guardedCall, resolveAdapterOptions, type AdapterOptions, type AdapterSdk } from './call.js';

type BedrockSdk = AdapterSdk<
  typeof import('@aws-sdk/client-bedrock-runtime'),
  'ApplyGuardrailCommand',
  'BedrockRuntimeClient'
>;

export interface BedrockGuardrailOptions extends AdapterOptions<BedrockRuntimeClient, BedrockSdk> {
  /** Guardrail ID or ARN. */
  guardrailIdentifier: string;
  /** Version number (`1`) or `DRAFT`. */
  guardrailVersion: string;
}

/** True when any policy in the assessments blocked (rather than masked) something. */
function blocked(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(blocked);
  if (typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'action' && inner === 'BLOCKED') return true;
    if (typeof inner === 'object' && blocked(inner)) return true;
  }
  return false;
}

/**
 * Runs the message through an Amazon Bedrock guardrail (ApplyGuardrail): a block
 * denies it, a mask-only intervention (PII anonymized) edits it to the guardrail's
 * output. Needs `@aws-sdk/client-bedrock-runtime` (optional peer dependency):
 * passed as `sdk`, it is bundled with your function; otherwise it is imported at first use.
 *
 * @param options - the guardrail identifier and version, the SDK client (or its config), timeout and `onError`
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware); a failed or late service call is settled by `onError`, never thrown
 * @throws {InvalidOptionsError} when the guardrail identifier or version is malformed, or another option is unknown or wrong
 * @example
 * moderate(bedrockGuardrail({ guardrailIdentifier: 'gr0abc123', guardrailVersion: '1', onError: 'deny' }));
 *
 * @example
 * // Bundled SDK, no import() on the first invocation:
 * import { ApplyGuardrailCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * moderate(bedrockGuardrail({ sdk: { ApplyGuardrailCommand, BedrockRuntimeClient }, guardrailIdentifier: 'gr0abc123', guardrailVersion: '1' }));
 */
export function bedrockGuardrail(options: BedrockGuardrailOptions): Rule {
  const opts = resolveAdapterOptions('bedrockGuardrail', options, ['guardrailIdentifier', 'guardrailVersion']);
  const id = opts.guardrailIdentifier;
  const version = opts.guardrailVersion;
  if (
    typeof id !== 'string' ||
    !/^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/.test(id)
  ) {
    throw new InvalidOptionsError('bedrockGuardrail.guardrailIdentifier', 'must be a guardrail ID or ARN');
  }
  if (typeof version !== 'string' || !/^(([1-9][0-9]{0,7})|(DRAFT))$/.test(version)) {
    throw new InvalidOptionsError('bedrockGuardrail.guardrailVersion', "must be a version number ('1') or 'DRAFT'");
  }
  let client = options.client;
  const loadClasses = adapterSdk<BedrockSdk>('bedrockGuardrail', opts.sdk, '@aws-sdk/client-bedrock-runtime', {
    client: 'BedrockRuntimeClient',
    command: 'ApplyGuardrailCommand',
    clientGiven: client !== undefined,
  });

  return defineRule(
    'bedrockGuardrail',
    function bedrockGuardrailCheck(draft, ctx) {
      const text = draft.content;
      if (text.trim() === '') return PASS;
      return guardedCall('bedrockGuardrail', opts, ctx, async (abortSignal) => {
        const { BedrockRuntimeClient, ApplyGuardrailCommand } = await loadClasses();
        // adapterSdk required the client class when no client was given.
        client ??= new BedrockRuntimeClient!({});
        const output = await client.send(
          new ApplyGuardrailCommand({
            guardrailIdentifier: id,
            guardrailVersion: version,
            source: 'INPUT',
            content: [{ text: { text } }],
          }),
          { abortSignal },
        );
        if (output.action !== 'GUARDRAIL_INTERVENED') return PASS;
        if (blocked(output.assessments)) return { kind: 'deny', reason: 'guardrail blocked', count: 1 };
        const rewritten = (output.outputs ?? []).map((o) => o.text ?? '').join('');
        if (rewritten === '' || rewritten === text) return { kind: 'deny', reason: 'guardrail intervened', count: 1 };
        return { kind: 'edit', content: rewritten, count: 1 };
      });
    },
    { annotate: options.annotate },
  );
}
