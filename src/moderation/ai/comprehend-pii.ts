import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import { defineRule, PASS } from '../rule.js';
import { InvalidOptionsError } from '../../errors.js';
import { numberIn, oneOf } from '../options.js';
import { replaceRanges } from '../text/mask.js';
import type { Rule } from '../types.js';
import {
  adapterSdk,
  codePointToIndex,
  guardedCall,
  resolveAdapterOptions,
  type AdapterOptions,
  type AdapterSdk,
} from './call.js';

type ComprehendSdk = AdapterSdk<
  typeof import('@aws-sdk/client-comprehend'),
  'DetectPiiEntitiesCommand',
  'ComprehendClient'
>;

export interface ComprehendPiiOptions extends AdapterOptions<ComprehendClient, ComprehendSdk> {
  /** Comprehend entity types to act on (`EMAIL`, `PHONE`, `NAME`, `ADDRESS`, ...); default all. */
  entities?: string[];
  /** Lowest score acted on. Default 0.5. */
  threshold?: number;
  /** `redact` (default) or `deny`. */
  action?: 'redact' | 'deny';
  /** `label` (default) writes `[NAME]`; `mask` writes `*` for each letter and digit. */
  style?: 'mask' | 'label';
  /** Default `en`. */
  languageCode?: string;
}

/**
 * Redacts personal data found by Amazon Comprehend DetectPiiEntities (names,
 * addresses and the other types regexes cannot see). Offsets come back in code
 * points and are mapped to string indices, so text after an emoji is cut right.
 * Needs `@aws-sdk/client-comprehend` (optional peer dependency): passed as `sdk`,
 * it is bundled with your function; otherwise it is imported at first use.
 *
 * @param options - the SDK client (or its config), timeout, `onError` and the rule's thresholds
 * @returns a rule for `moderate(...)` (or `.use()` as a middleware); a failed or late service call is settled by `onError`, never thrown
 * @throws {InvalidOptionsError} when an option is unknown or has a wrong value (at construction, not per message)
 * @example
 * moderate(pii(), comprehendPii({ entities: ['NAME', 'ADDRESS'], threshold: 0.8 }));
 *
 * @example
 * // Bundled SDK, no import() on the first invocation:
 * import { ComprehendClient, DetectPiiEntitiesCommand } from '@aws-sdk/client-comprehend';
 * moderate(pii(), comprehendPii({ sdk: { ComprehendClient, DetectPiiEntitiesCommand }, entities: ['NAME', 'ADDRESS'] }));
 */
export function comprehendPii(options: ComprehendPiiOptions = {}): Rule {
  const opts = resolveAdapterOptions('comprehendPii', options, [
    'entities',
    'threshold',
    'action',
    'style',
    'languageCode',
  ]);
  const threshold = numberIn('comprehendPii.threshold', opts.threshold, 0, 1, 0.5, { integer: false });
  const action = oneOf('comprehendPii.action', opts.action, ['redact', 'deny'] as const, 'redact');
  const style = oneOf('comprehendPii.style', opts.style, ['mask', 'label'] as const, 'label');
  const entities = opts.entities as string[] | undefined;
  if (
    entities !== undefined &&
    (!Array.isArray(entities) ||
      entities.length === 0 ||
      entities.some((e) => typeof e !== 'string' || !/^[A-Z_]+$/.test(e)))
  ) {
    throw new InvalidOptionsError(
      'comprehendPii.entities',
      'must be a non-empty array of Comprehend PII types such as EMAIL, NAME',
    );
  }
  const languageCode = (opts.languageCode as string | undefined) ?? 'en';
  let client = options.client;
  const loadClasses = adapterSdk<ComprehendSdk>('comprehendPii', opts.sdk, '@aws-sdk/client-comprehend', {
    client: 'ComprehendClient',
    command: 'DetectPiiEntitiesCommand',
    clientGiven: client !== undefined,
  });

  return defineRule(
    'comprehendPii',
    function comprehendPiiCheck(draft, ctx) {
      const text = draft.content;
      if (text.trim() === '') return PASS;
      return guardedCall('comprehendPii', opts, ctx, async (abortSignal) => {
        const { ComprehendClient, DetectPiiEntitiesCommand } = await loadClasses();
        // adapterSdk required the client class when no client was given.
        client ??= new ComprehendClient!({});
        const output = await client.send(
          new DetectPiiEntitiesCommand({ Text: text, LanguageCode: languageCode as never }),
          { abortSignal },
        );
        const found = (output.Entities ?? []).filter(
          (e) =>
            (e.Score ?? 0) >= threshold &&
            e.BeginOffset !== undefined &&
            e.EndOffset !== undefined &&
            (!entities || entities.includes(e.Type ?? '')),
        );
        if (found.length === 0) return PASS;
        if (action === 'deny')
          return {
            kind: 'deny',
            reason: `pii (${[...new Set(found.map((e) => e.Type))].join(', ')})`,
            count: found.length,
          };
        const replacements = found.map((e) => {
          const start = codePointToIndex(text, e.BeginOffset!);
          const end = codePointToIndex(text, e.EndOffset!);
          return {
            start,
            end,
            with: style === 'label' ? `[${e.Type}]` : text.slice(start, end).replace(/[\p{L}\p{N}]/gu, '*'),
          };
        });
        return { kind: 'edit', content: replaceRanges(text, replacements), count: found.length };
      });
    },
    { annotate: options.annotate },
  );
}
