// The subpath as users import it: the package name, resolved like a user's bundler or jest would.
import { describe, expect, it } from '@jest/globals';
import * as moderation from 'chime-channel-flow/moderation';

describe('chime-channel-flow/moderation', () => {
  it.each([
    'moderate',
    'profanity',
    'pii',
    'links',
    'keywords',
    'spam',
    'maxLength',
    'comprehendToxicity',
    'comprehendPii',
    'bedrockGuardrail',
    'defineRule',
  ])('exports %s as a function', (name) => {
    expect(typeof (moderation as Record<string, unknown>)[name]).toBe('function');
  });

  it('builds every built-in rule with its defaults as a middy middleware with an after hook', () => {
    const rules = [
      moderation.profanity(),
      moderation.pii(),
      moderation.links(),
      moderation.spam(),
      moderation.maxLength({ chars: 10 }),
      moderation.keywords({ words: ['x'] }),
    ];
    for (const rule of rules) {
      expect(typeof rule.after).toBe('function');
      expect(typeof rule.check).toBe('function');
      expect(rule.name).toMatch(/^[a-zA-Z]+$/);
    }
  });

  it('builds the AI adapters without their SDKs being loaded', () => {
    expect(moderation.comprehendToxicity().name).toBe('comprehendToxicity');
    expect(moderation.comprehendPii().name).toBe('comprehendPii');
    expect(moderation.bedrockGuardrail({ guardrailIdentifier: 'gr0abc', guardrailVersion: 'DRAFT' }).name).toBe(
      'bedrockGuardrail',
    );
  });
});
