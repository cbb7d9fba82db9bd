import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import { defineRule, PASS } from '../rule.js';
import { InvalidOptionsError } from '../../errors.js';
import { numberIn } from '../options.js';
import type { Rule } from '../types.js';
import {
  adapterSdk,
  guardedCall,
  resolveAdapterOptions,
  segmentUtf8,
  type AdapterOptions,
  type AdapterSdk,
} from './call.js';

type ComprehendSdk = AdapterSdk<
  typeof import('@aws-sdk/client-comprehend'),
  'DetectToxicContentCommand',
  'ComprehendClient'
>;

export const TOXIC_LABELS = [
  'PROFANITY',
  'HATE_SPEECH',
  'INSULT',
  'GRAPHIC',
  'HARASSMENT_OR_ABUSE',
  'SEXUAL',
  'VIOLENCE_OR_THREAT',
] as const;
export type ToxicLabel = (typeof TOXIC_LABELS)[number];

export interface ComprehendToxicityOptions extends AdapterOptions<ComprehendClient, ComprehendSdk> {
  /** Score (0 to 1) at or above which the message is denied. Default 0.5. */
  threshold?: number;
  /** Labels to act on; default: the overall `Toxicity` score. */
  labels?: ToxicLabel[];
  /** Default `en` (DetectToxicContent supports English). */
  languageCode?: string;
}

/** DetectToxicContent limits: 10 segments of at most 1 KB each. */
const MAX_SEGMENTS = 10;
const SEGMENT_BYTES = 1024;

/**
 * Denies toxic messages with Amazon Comprehend DetectToxicContent. Needs
 * `@aws-sdk/client-comprehend` (optional peer dependency): passed as `sdk`, it is
 * bundled with your function; otherwise it is imported at first use.
 *
 * @param options - the SDK client (or its config), timeout, `onError` and the rule's thresholds
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware); a failed or late service call is settled by `onError`, never thrown
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(profanity(), comprehendToxicity({ threshold: 0.7, labels: ['HATE_SPEECH', 'HARASSMENT_OR_ABUSE'], timeoutMs: 800 }));
 *
 * @example
 * // Bundled SDK, no import() on the first invocation:
 * import { ComprehendClient, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';
 * moderate(comprehendToxicity({ sdk: { ComprehendClient, DetectToxicContentCommand }, threshold: 0.7 }));
 */
export function comprehendToxicity(options: ComprehendToxicityOptions = {}): Rule {
  const opts = resolveAdapterOptions('comprehendToxicity', options, ['threshold', 'labels', 'languageCode']);
  const threshold = numberIn('comprehendToxicity.threshold', opts.threshold, 0, 1, 0.5, { integer: false });
  const labels = opts.labels as string[] | undefined;
  if (
    labels !== undefined &&
    (!Array.isArray(labels) ||
      labels.length === 0 ||
      labels.some((l) => !(TOXIC_LABELS as readonly string[]).includes(l)))
  ) {
    throw new InvalidOptionsError(
      'comprehendToxicity.labels',
      `must be a non-empty array of ${TOXIC_LABELS.join(', ')}`,
    );
  }
  const languageCode = (opts.languageCode as string | undefined) ?? 'en';
  let client = options.client;
  const loadClasses = adapterSdk<ComprehendSdk>('comprehendToxicity', opts.sdk, '@aws-sdk/client-comprehend', {
    client: 'ComprehendClient',
    command: 'DetectToxicContentCommand',
    clientGiven: client !== undefined,
  });

  return defineRule(
    'comprehendToxicity',
    function comprehendToxicityCheck(draft, ctx) {
      const segments = segmentUtf8(draft.content, SEGMENT_BYTES, MAX_SEGMENTS);
      if (segments.length === 0) return PASS;
      return guardedCall('comprehendToxicity', opts, ctx, async (abortSignal) => {
        const { ComprehendClient, DetectToxicContentCommand } = await loadClasses();
        // adapterSdk required the client class when no client was given.
        client ??= new ComprehendClient!({});
        const output = await client.send(
          new DetectToxicContentCommand({
            TextSegments: segments.map((Text) => ({ Text })),
            LanguageCode: languageCode as never,
          }),
          { abortSignal },
        );
        let flagged = 0;
        for (const result of output.ResultList ?? []) {
          const hit = labels
            ? (result.Labels ?? []).some(
                (label) => labels.includes(label.Name ?? '') && (label.Score ?? 0) >= threshold,
              )
            : (result.Toxicity ?? 0) >= threshold;
          if (hit) flagged++;
        }
        return flagged > 0 ? { kind: 'deny', reason: 'toxic content', count: flagged } : PASS;
      });
    },
    { annotate: options.annotate },
  );
}
